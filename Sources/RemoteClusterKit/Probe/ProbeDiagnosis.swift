import Foundation

/// The most likely reason a TLS preflight failed (or a warning about one that passed), what was
/// seen that points to it, and what to do.
///
/// Pure: computed from a `TLSProbeResult` alone, so every rule is unit-tested without a network.
public struct ProbeDiagnosis: Sendable, Hashable {
    /// The causes the preflight can tell apart.
    public enum Cause: String, Sendable, Hashable, CaseIterable {
        case hostNotFound
        case nothingListening
        case timedOut
        case connectionFailed
        /// The port answers plain text (HTTP): a REST port without TLS or another service.
        case plainHTTPPort
        /// The port answers with something that is neither TLS nor HTTP (another protocol).
        case otherProtocol
        case handshakeFailed
        case caFileUnusable
        case expiredCertificate
        /// The address is the transport port (9300), whose certificates come from another CA.
        case transportPortDifferentCA
        /// The address uses 9400, Elastic Cloud's proxy port for the certificate-based model.
        case cloudProxyPort
        /// The address is the cluster's HTTPS REST port (9200): it presents the HTTP certificate.
        case restPort
        /// The chain is not signed by the CA given (or, without one, by a public CA).
        case wrongCA
        /// The certificate does not carry the server name (or host) that was checked.
        case wrongServerName
    }

    public var cause: Cause
    /// `.error` when the check failed or the address is not a remote cluster server.
    public var severity: FieldProblem.Severity
    /// The most likely cause, as one sentence.
    public var summary: String
    /// What the probe saw that points to the cause, when it adds something.
    public var seen: String?
    /// What to do, as one or two sentences.
    public var fix: String

    public init(
        cause: Cause, severity: FieldProblem.Severity = .error, summary: String, seen: String? = nil, fix: String
    ) {
        self.cause = cause
        self.severity = severity
        self.summary = summary
        self.seen = seen
        self.fix = fix
    }

    /// The port Elasticsearch's remote cluster server listens on.
    public static let remoteClusterServerPort = 9443

    /// Diagnoses a result; nil when the check passed on an address that can be a remote cluster server.
    public init?(for result: TLSProbeResult) {
        let rules = DiagnosisRules(result: result)
        guard
            let diagnosis = rules.connectionProblem ?? rules.handshakeProblem ?? rules.certificateProblem
                ?? rules.portWarning
        else { return nil }
        self = diagnosis
    }
}

/// The rules behind `ProbeDiagnosis`, one step of the preflight at a time.
private struct DiagnosisRules {
    let result: TLSProbeResult
    var request: TLSProbeRequest { result.request }
    var port: Int { request.port }
    var address: String { request.address }
    var correctedAddress: String {
        TLSProbeRequest(host: request.host, port: ProbeDiagnosis.remoteClusterServerPort).address
    }
    var useRemoteClusterPort: String {
        "Use the remote cluster server port: set the proxy address to \(correctedAddress)."
    }
    var leaf: CertificateSummary? { result.presentedChain.first }

    var connectionProblem: ProbeDiagnosis? {
        switch result.connection {
        case .connected:
            return nil
        case .hostNotFound:
            return ProbeDiagnosis(
                cause: .hostNotFound, summary: "The host name \(request.host) does not resolve.",
                fix:
                    "Check the spelling of the proxy address, or use the load balancer's IP address with a server name."
            )
        case .refused:
            return ProbeDiagnosis(
                cause: .nothingListening, summary: "Nothing is listening on \(address).",
                fix: port == ProbeDiagnosis.remoteClusterServerPort
                    ? "Enable the remote cluster server on the remote (remote_cluster_server.enabled: true; for ECK spec.remoteClusterServer.enabled) and expose port 9443 through the load balancer."
                    : "The remote cluster server listens on port 9443: set the proxy address to \(correctedAddress), or check that the service on port \(port) is running and exposed."
            )
        case .timedOut(let seconds):
            return ProbeDiagnosis(
                cause: .timedOut, summary: "\(address) did not answer within \(formatSeconds(seconds)).",
                fix:
                    "Check the address, and that no firewall or security group drops traffic from here to port \(port)."
            )
        case .failed(let detail):
            return ProbeDiagnosis(
                cause: .connectionFailed, summary: "Cannot connect to \(address).", seen: detail,
                fix: "Check the address and the network route from here to the remote.")
        }
    }

    var handshakeProblem: ProbeDiagnosis? {
        switch result.handshake {
        case .none, .completed:
            return nil
        case .plainText:
            if port == 9400 { return cloudProxy(severity: .error) }
            let what =
                port == 9200
                ? "This looks like the Elasticsearch REST (HTTP) port 9200, not the remote cluster server."
                : "This is a REST (HTTP) port or another service, not the remote cluster server."
            return ProbeDiagnosis(
                cause: .plainHTTPPort, summary: "\(address) answers in plain HTTP instead of a TLS handshake. \(what)",
                fix: useRemoteClusterPort)
        case .notTLS(let firstBytes):
            return ProbeDiagnosis(
                cause: .otherProtocol,
                summary:
                    "\(address) answers with bytes that are neither TLS nor HTTP, so it is not the remote cluster server.",
                seen: "The server's first bytes: \(firstBytes).",
                fix: useRemoteClusterPort)
        case .timedOut(let seconds):
            return ProbeDiagnosis(
                cause: .handshakeFailed,
                summary:
                    "\(address) accepted the connection but did not complete a TLS handshake within \(formatSeconds(seconds)).",
                fix:
                    "Check that this address is the remote cluster server (port 9443) and not a service that waits for the client to speak first."
            )
        case .failed(let detail):
            if port == 9300 {
                return transportPort(
                    seen: "The handshake failed: \(detail). The transport port asks for a client certificate.")
            }
            let sniHint =
                request.serverName == nil
                ? "If the address is a proxy or load balancer that routes by name (Elastic Cloud, ECE), set the server name."
                : "Check that the server name is one the proxy or load balancer routes."
            return ProbeDiagnosis(
                cause: .handshakeFailed, summary: "The TLS handshake with \(address) failed.", seen: detail,
                fix: "\(sniHint) The remote cluster server listens on port 9443.")
        }
    }

    var certificateProblem: ProbeDiagnosis? {
        if case .caFileUnusable(let detail) = result.chainVerification {
            return ProbeDiagnosis(
                cause: .caFileUnusable, summary: "The CA file \(request.trust) cannot be used.", seen: detail,
                fix: "Give a readable PEM file that holds the CA certificate (BEGIN CERTIFICATE), not a key.")
        }
        if let expired = result.presentedChain.first(where: { !$0.isValid(at: result.checkedAt) }) {
            return expiredCertificate(expired)
        }
        if case .outsideValidity(let detail) = result.chainVerification {
            return ProbeDiagnosis(
                cause: .expiredCertificate,
                summary: "A certificate the server presented is outside its validity period.",
                seen: detail, fix: "Renew the certificate on the remote cluster.")
        }
        if case .notTrusted(let detail) = result.chainVerification {
            return untrusted(detail: detail)
        }
        if result.chainTrusted == true && result.nameMatched == false {
            return wrongName
        }
        return nil
    }

    /// A handshake that passed on an address that is recognisably not a remote cluster server:
    /// the cloud proxy's 9400, the transport port 9300, or a REST port presenting its HTTP
    /// certificate. The local cluster would fail there, so this is an error too.
    var portWarning: ProbeDiagnosis? {
        switch port {
        case 9400: return cloudProxy(severity: .error)
        case 9300: return transportPort(seen: nil, severity: .error)
        default: return presentsHTTPCertificate ? restPort(severity: .error) : nil
        }
    }

    /// Whether the leaf certificate is a REST (HTTP layer) certificate: ECK names it
    /// `<name>-es-http.<namespace>...`, and Elasticsearch's auto-configuration issues it from its
    /// "HTTP CA". A remote cluster server presents transport-layer certificates instead.
    var presentsHTTPCertificate: Bool {
        guard let leaf else { return false }
        let names = CertificateNameMatch.names(of: leaf) + [leaf.subject]
        if names.contains(where: { $0.contains("-es-http.") || $0.hasSuffix("-es-http") }) { return true }
        return port == 9200 || leaf.issuer.range(of: "HTTP CA", options: .caseInsensitive) != nil
            || leaf.issuer.hasSuffix("-http")
    }

    private func restPort(severity: FieldProblem.Severity) -> ProbeDiagnosis {
        let issuer = leaf?.issuer ?? "the cluster's HTTP CA"
        return ProbeDiagnosis(
            cause: .restPort, severity: severity,
            summary:
                "The address points at the cluster's REST (HTTPS) port, not the remote cluster server port (9443).",
            seen: "The server presented its HTTP certificate, issued by \"\(issuer)\".",
            fix: useRemoteClusterPort)
    }

    private func expiredCertificate(_ certificate: CertificateSummary) -> ProbeDiagnosis {
        let notYet = result.checkedAt < certificate.notValidBefore
        let when =
            notYet
            ? "is not valid before \(ProbeDateText.day(certificate.notValidBefore))"
            : "expired on \(ProbeDateText.day(certificate.notValidAfter))"
        let isLeaf = certificate == leaf
        return ProbeDiagnosis(
            cause: .expiredCertificate,
            summary: "The \(isLeaf ? "server" : "CA") certificate \(certificate.subject) \(when).",
            fix: notYet
                ? "Check the clocks here and on the remote, or wait until the certificate becomes valid."
                : "Renew it on the remote cluster. ECK rotates its certificates by itself; for a CA you copied, fetch the current one again."
        )
    }

    private func untrusted(detail: String) -> ProbeDiagnosis {
        let issuer = result.presentedChain.last?.issuer ?? leaf?.issuer ?? "an unknown issuer"
        let caFile: String? = {
            if case .caFile(let path) = request.trust { return path }
            return nil
        }()
        if port == 9300 || (caFile != nil && issuer.contains("Transport CA") && port != 9443) {
            return transportPort(
                seen: "The server presented a certificate from \"\(issuer)\", which is not the CA you gave.")
        }
        if port == 9400 { return cloudProxy(severity: .error) }
        if presentsHTTPCertificate { return restPort(severity: .error) }
        guard let caFile else {
            return ProbeDiagnosis(
                cause: .wrongCA, summary: "The certificate is issued by \(issuer), which is not a publicly trusted CA.",
                seen: detail,
                fix:
                    "Give the CA file that issued it. For an ECK remote that is ca.crt of the <name>-es-transport-certs-public Secret; for ECE with a private proxy CA, the root certificate of the proxy chain."
            )
        }
        let held =
            result.trustedCASubjects.isEmpty
            ? "" : " (the file holds \(result.trustedCASubjects.joined(separator: "; ")))"
        return ProbeDiagnosis(
            cause: .wrongCA,
            summary: "The certificate is issued by \(issuer), which the CA file \(caFile) does not hold\(held).",
            seen: detail,
            fix:
                "Give the CA that issued the remote's certificate: the last certificate of the chain the remote presents, or for an ECK remote ca.crt of the <name>-es-transport-certs-public Secret."
        )
    }

    private var wrongName: ProbeDiagnosis {
        let names = leaf.map(CertificateNameMatch.names(of:)) ?? []
        let carried = names.isEmpty ? "no names" : names.joined(separator: ", ")
        let fix: String
        if request.serverName != nil, let leaf, CertificateNameMatch.matches(leaf, name: request.host) {
            fix =
                "Set the server name to a name the certificate carries (\(carried)), or leave it empty: the certificate is also valid for \(request.host)."
        } else {
            fix = "Set the server name to a name the certificate carries (\(carried))."
        }
        return ProbeDiagnosis(
            cause: .wrongServerName, summary: "The certificate is for \(carried), not \(request.expectedName).",
            fix: fix)
    }

    private func cloudProxy(severity: FieldProblem.Severity) -> ProbeDiagnosis {
        ProbeDiagnosis(
            cause: .cloudProxyPort, severity: severity,
            summary:
                "Port 9400 is the Elastic Cloud proxy port for the certificate-based model; the API-key model uses 9443.",
            fix: "Keep the host and change the port: set the proxy address to \(correctedAddress).")
    }

    private func transportPort(seen: String?, severity: FieldProblem.Severity = .error) -> ProbeDiagnosis {
        ProbeDiagnosis(
            cause: .transportPortDifferentCA, severity: severity,
            summary: "The address points at the transport port (9300), not the remote cluster server port (9443).",
            seen: seen, fix: useRemoteClusterPort)
    }
}

/// Dates as the probe's messages show them.
enum ProbeDateText {
    /// `2027-03-02`, in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
