import Foundation
import RemoteClusterKit

/// Why the last connection round of an alias did not open (all of) its connections, recorded for
/// diagnostics in Elasticsearch's terms.
public struct RemoteConnectionFailure: Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, coarse enough to pick a fix.
    public enum Category: String, Sendable, Hashable {
        /// Nothing listens, or the network refuses (`connect_exception`).
        case unreachable
        /// No answer in time (TCP, TLS or handshake).
        case timedOut
        /// The address is not a valid `host:port` at connect time (port out of range, unknown host).
        case invalidAddress
        /// The certificate chain does not lead to a trusted CA.
        case untrustedCertificate
        /// The certificate is expired or not yet valid.
        case certificateExpired
        /// The certificate is for other names than the server name (or the address's host).
        case hostnameMismatch
        /// TLS failed otherwise (the peer does not speak TLS, or closed during the handshake).
        case tlsFailure
        /// The peer speaks something else after TLS (e.g. an HTTP port).
        case unexpectedProtocol
        /// The remote cluster refused the handshake (missing, wrong-type or invalid credentials,
        /// wrong port profile).
        case rejected
        /// The handshake reached another cluster than the alias's earlier connections did (a proxy
        /// that leads to more than one cluster).
        case unexpectedCluster

        /// The type of the exception behind a cause of this category, as Elasticsearch's REST
        /// layer names it.
        var exceptionType: String {
            switch self {
            case .unreachable, .timedOut, .unexpectedCluster: return "connect_transport_exception"
            case .invalidAddress: return "illegal_argument_exception"
            case .untrustedCertificate, .certificateExpired, .hostnameMismatch, .tlsFailure:
                return "s_s_l_handshake_exception"
            case .unexpectedProtocol: return "transport_exception"
            case .rejected: return "security_exception"
            }
        }
    }

    public var category: Category
    /// The exception a cross-cluster request would fail with (type and exact reason).
    public var exception: ElasticsearchErrorResponse
    /// The distinct underlying failures, as Elasticsearch would log them.
    public var causes: [String]
    public var time: Date

    /// Whether `_resolve/cluster` treats this as "remote unavailable" (reports `connected: false`
    /// without an `error`), as `ExceptionsHelper.isRemoteUnavailableException` does for
    /// connection-level failures; refused handshakes carry their error instead.
    public var isRemoteUnavailable: Bool { category != .rejected }

    public var description: String {
        ([exception.reason] + causes).joined(separator: "; caused by: ")
    }
}

extension RemoteConnectionFailure {
    /// One failed connection attempt, classified, with the text Elasticsearch would log for it.
    public struct Cause: Error, Sendable, Hashable {
        public var category: Category
        public var text: String
        /// The exception of a refused handshake (only for `.rejected`).
        public var rejection: ElasticsearchErrorResponse?

        init(category: Category, text: String, address: String, rejection: ElasticsearchErrorResponse? = nil) {
            self.category = category
            self.text = text
            self.rejection = rejection
        }

        /// Classifies one error of `RemoteClusterHandshakeClient`.
        init(error: RemoteClusterConnectionError, address: String, expectedName: String, sslContext: String) {
            let host = SettingParsers.host(of: address)
            switch error {
            case .connectFailed(_, let detail):
                self.init(category: .unreachable, text: "[][\(address)] connect_exception: \(detail)", address: address)
            case .timedOut(_, let seconds):
                self.init(category: .timedOut, text: "[][\(address)] connect_timeout[\(Self.seconds(seconds))]", address: address)
            case .certificateNotTrusted(let detail):
                self.init(
                    category: .untrustedCertificate,
                    text: "failed to establish trust with server at [\(host)]; \(detail); this ssl context ([\(sslContext)]) is not configured to trust that issuer",
                    address: address)
            case .certificateExpired(let detail):
                self.init(
                    category: .certificateExpired,
                    text: "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed; \(detail)",
                    address: address)
            case .nameMismatch:
                let name = expectedName.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                let isIP = name.contains(":") || name.allSatisfy { $0.isNumber || $0 == "." }
                self.init(
                    category: .hostnameMismatch,
                    text: isIP
                        ? "No subject alternative names matching IP address \(name) found"
                        : "No subject alternative DNS name matching \(name) found.",
                    address: address)
            case .tlsFailed(let detail):
                self.init(category: .tlsFailure, text: "javax.net.ssl.SSLHandshakeException: \(detail)", address: address)
            case .caFileUnusable:
                self.init(category: .untrustedCertificate, text: error.description, address: address)
            case .rejected(let rejection):
                let exception = ElasticsearchErrorResponse(status: rejection.status, type: rejection.type, reason: rejection.reason)
                self.init(category: .rejected, text: rejection.reason, address: address, rejection: exception)
            case .unexpectedAnswer(let text):
                let bytes = Array(text.utf8.prefix(4)).map { String($0, radix: 16) }.joined(separator: ",")
                self.init(
                    category: .unexpectedProtocol,
                    text: "invalid internal transport message format, got (\(bytes))", address: address)
            case .closedBeforeAnswer:
                self.init(category: .tlsFailure, text: "handshake failed because connection reset", address: address)
            }
        }

        /// Elasticsearch's `ConnectTransportException` from the proxy strategy's cluster-name check
        /// (`ClusterName` prints as `Cluster [name]`).
        static func unexpectedCluster(_ name: String, expected: String, address: String) -> Cause {
            Cause(
                category: .unexpectedCluster,
                text: "[][\(address)] handshake failed. unexpected remote cluster name Cluster [\(name)]",
                address: address)
        }

        private static func seconds(_ value: Double) -> String {
            value.rounded() == value ? "\(Int(value))s" : "\(Int(value * 1000))ms"
        }
    }

    /// The failure of a round that opened no connection, or nil when `causes` is empty.
    ///
    /// When every cause is a connection-level problem, the exception is Elasticsearch's
    /// `NoSeedNodeLeftException` (proxy: `Unable to open any proxy connections to cluster [a] at
    /// address [ip:port]`; sniff: `no seed node left for cluster: [a]`); a refused handshake is
    /// reported as itself; an unusable address as its `IllegalArgumentException`.
    static func make(
        alias: String, configuration: RemoteClusterConfiguration, causes: [Cause], resolvedAddress: String?,
        now: Date = Date()
    ) -> RemoteConnectionFailure? {
        guard let first = causes.first else { return nil }
        var distinctCauses: [Cause] = []
        for cause in causes where !distinctCauses.contains(where: { $0.text == cause.text }) {
            distinctCauses.append(cause)
        }
        let distinct = distinctCauses.map(\.text)
        if let rejected = causes.first(where: { $0.category == .rejected }), let exception = rejected.rejection {
            return RemoteConnectionFailure(category: .rejected, exception: exception, causes: distinct, time: now)
        }
        if configuration.mode == .proxy, first.category == .invalidAddress {
            return RemoteConnectionFailure(
                category: .invalidAddress, exception: .illegalArgument(first.text), causes: distinct, time: now)
        }
        let reason = configuration.mode == .proxy
            ? "Unable to open any proxy connections to cluster [\(alias)] at address [\(resolvedAddress ?? configuration.proxyAddress)]"
            : "no seed node left for cluster: [\(alias)]"
        let category = causes.first(where: { $0.category != .unreachable })?.category ?? first.category
        // Elasticsearch adds each connection's failure to the exception as suppressed, and its
        // REST layer renders them under `suppressed`.
        let suppressed = distinctCauses.map { cause -> JSONValue in
            ["type": .string(cause.category.exceptionType), "reason": .string(cause.text)]
        }
        return RemoteConnectionFailure(
            category: category,
            exception: ElasticsearchErrorResponse(
                status: 500, type: "no_seed_node_left_exception", reason: reason,
                extra: ["suppressed": .array(suppressed)]),
            causes: distinct, time: now)
    }
}
