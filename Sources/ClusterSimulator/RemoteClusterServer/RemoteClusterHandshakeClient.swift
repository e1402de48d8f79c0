import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import RemoteClusterKit
import SwiftASN1
import X509

/// Why a connection to a remote cluster server could not be made, in the terms Elasticsearch uses.
public enum RemoteClusterConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// TCP failed (refused, unreachable): Elasticsearch's `connect_exception`.
    case connectFailed(address: String, detail: String)
    /// No TCP connection, TLS handshake or answer within the time limit.
    case timedOut(address: String, seconds: Double)
    /// The chain does not lead to a configured CA.
    case certificateNotTrusted(String)
    /// The certificate is expired or not yet valid.
    case certificateExpired(String)
    /// The certificate is valid but for other names than the server name (or the address's host).
    case nameMismatch(String)
    /// TLS failed otherwise (the peer closed during the handshake, or does not speak TLS).
    case tlsFailed(String)
    /// The CA file could not be read or holds no certificate.
    case caFileUnusable(path: String, detail: String)
    /// The remote cluster refused the handshake with this Elasticsearch error.
    case rejected(RemoteClusterRejection)
    /// The peer answered something that is not the handshake protocol (e.g. an HTTP port).
    case unexpectedAnswer(String)
    /// The connection closed before the peer answered.
    case closedBeforeAnswer

    public var description: String {
        switch self {
        case .connectFailed(let address, let detail): return "[\(address)] connect_exception: \(detail)"
        case .timedOut(let address, let seconds): return "no answer from [\(address)] within \(seconds) s"
        case .certificateNotTrusted(let detail): return "the server certificate is not trusted: \(detail)"
        case .certificateExpired(let detail): return "the server certificate is outside its validity period: \(detail)"
        case .nameMismatch(let detail): return "the server certificate is for other names: \(detail)"
        case .tlsFailed(let detail): return "the TLS handshake failed: \(detail)"
        case .caFileUnusable(let path, let detail): return "the CA file \(path) cannot be used: \(detail)"
        case .rejected(let rejection): return rejection.description
        case .unexpectedAnswer(let text):
            return "the peer does not speak the remote cluster protocol; it answered: \(text)"
        case .closedBeforeAnswer: return "the connection was closed before the remote cluster answered"
        }
    }
}

/// An open, authenticated connection to a remote cluster server (one "socket" of a proxy-mode remote).
public final class RemoteClusterConnection: Sendable {
    /// Who answered the handshake.
    public let identity: RemoteClusterIdentity
    /// The address connected to, `host:port`.
    public let address: String
    private let channel: Channel
    private let handler: NIOLoopBound<ClientLineHandler>

    init(identity: RemoteClusterIdentity, address: String, channel: Channel, handler: NIOLoopBound<ClientLineHandler>) {
        self.identity = identity
        self.address = address
        self.channel = channel
        self.handler = handler
    }

    /// Whether the connection is still open.
    public var isOpen: Bool { channel.isActive }

    /// Sends `PING` and waits for `PONG`; false when the connection is gone.
    public func ping() async -> Bool {
        await exchange(RemoteClusterHandshake.ping) == RemoteClusterHandshake.pong
    }

    /// Runs a cross-cluster search on the remote; nil when the connection closed before it answered.
    public func search(_ request: CrossClusterSearchWire.Request) async -> CrossClusterSearchWire.Reply? {
        guard let answer = await exchange(request.line) else { return nil }
        return CrossClusterSearchWire.Reply.parse(answer)
    }

    /// Sends one line and returns the line that answers it. The write and the wait for the answer
    /// are registered together on the event loop, so answers pair with requests in order even when
    /// several tasks use the connection at once.
    private func exchange(_ line: String) async -> String? {
        guard channel.isActive else { return nil }
        let handler = self.handler
        let channel = self.channel
        return try? await channel.eventLoop.flatSubmit { () -> EventLoopFuture<String?> in
            channel.writeAndFlush(ByteBuffer(string: line + "\n"), promise: nil)
            return handler.value.nextLine(on: channel.eventLoop)
        }.get()
    }

    /// Closes the connection.
    public func close() async {
        try? await channel.close()
    }

    /// Returns when the connection has closed (either side).
    public func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }
}

/// The client side of `RemoteClusterHandshake`: TLS with SNI and real chain and name verification,
/// then the key (or none), then the remote's answer.
///
/// ```swift
/// let client = RemoteClusterHandshakeClient()
/// let connection = try await client.connect(.init(
///     host: "127.0.0.1", port: 9443, serverName: "remote-es-remote-cluster.default.svc",
///     trust: .caFile("/path/ca.crt"), credentials: Secret(encodedKey)))
/// ```
public struct RemoteClusterHandshakeClient: Sendable {
    /// Where and how to connect.
    public struct Target: Sendable, Hashable {
        public var host: String
        public var port: Int
        /// Sent as SNI and verified against the certificate; without it the host is verified.
        public var serverName: String?
        /// `.caFile` = `xpack.security.remote_cluster_client.ssl.certificate_authorities`.
        public var trust: TrustSource
        /// The encoded cross-cluster API key (`cluster.remote.<alias>.credentials`); nil for none.
        public var credentials: Secret?
        public var timeoutSeconds: Double

        public init(
            host: String, port: Int, serverName: String? = nil, trust: TrustSource,
            credentials: Secret?, timeoutSeconds: Double = 10
        ) {
            self.host = host
            self.port = port
            self.serverName = serverName
            self.trust = trust
            self.credentials = credentials
            self.timeoutSeconds = timeoutSeconds
        }

        var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    private let group: EventLoopGroup

    public init(group: EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    /// Connects, verifies, presents the key and returns the open connection, or throws why not.
    public func connect(_ target: Target) async throws(RemoteClusterConnectionError) -> RemoteClusterConnection {
        let check = try Self.certificateCheck(for: target)
        let sslContext: NIOSSLContext
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if check != nil { configuration.certificateVerification = .noHostnameVerification }
            sslContext = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tlsFailed("could not set up TLS: \(error)")
        }
        let sni = target.serverName.flatMap { (try? GeneratedCA.addressBytes($0)) == nil ? $0 : nil }
        let verification = LockedState<PeerCertificateCheck.Failure?>(nil)
        let handlerBox = LockedState<NIOLoopBound<ClientLineHandler>?>(nil)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(target.timeoutSeconds * 1000)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let tls: NIOSSLClientHandler
                    if let check {
                        tls = try NIOSSLClientHandler(context: sslContext, serverHostname: sni) {
                            certificates, promise in
                            let chain = certificates.compactMap { try? Certificate(derEncoded: $0.toDERBytes()) }
                            if let failure = check.check(chain) {
                                verification.withLock { $0 = failure }
                                promise.succeed(.failed)
                            } else {
                                promise.succeed(.certificateVerified)
                            }
                        }
                    } else {
                        tls = try NIOSSLClientHandler(context: sslContext, serverHostname: sni)
                    }
                    let lines = ClientLineHandler()
                    try channel.pipeline.syncOperations.addHandler(tls)
                    try channel.pipeline.syncOperations.addHandler(lines)
                    handlerBox.withLock { $0 = NIOLoopBound(lines, eventLoop: channel.eventLoop) }
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.connect(host: target.host, port: target.port).get()
        } catch {
            throw Self.classifyConnectError(error, target: target)
        }
        guard let handler = handlerBox.current else {
            try? await channel.close()
            throw .tlsFailed("the connection could not be set up")
        }
        let timedOut = LockedState(false)
        let timeout = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(target.timeoutSeconds * 1000))) {
            timedOut.withLock { $0 = true }
            channel.close(promise: nil)
        }
        let requestLine = RemoteClusterHandshake.request(credentials: target.credentials) + "\n"
        let answer = try? await channel.eventLoop.flatSubmit { () -> EventLoopFuture<String?> in
            channel.writeAndFlush(ByteBuffer(string: requestLine), promise: nil)
            return handler.value.nextLine(on: channel.eventLoop)
        }.get()
        timeout.cancel()
        if let answer {
            switch RemoteClusterHandshake.parseAnswer(answer) {
            case .accepted(let identity):
                return RemoteClusterConnection(
                    identity: identity, address: target.address, channel: channel, handler: handler)
            case .rejected(let rejection):
                try? await channel.close()
                throw .rejected(rejection)
            case .unexpected(let text):
                try? await channel.close()
                throw .unexpectedAnswer(text)
            }
        }
        try? await channel.close()
        if let failure = verification.current {
            switch failure {
            case .notTrusted(let detail): throw .certificateNotTrusted(detail)
            case .expired(let detail): throw .certificateExpired(detail)
            case .nameMismatch(let detail): throw .nameMismatch(detail)
            }
        }
        if timedOut.current { throw .timedOut(address: target.address, seconds: target.timeoutSeconds) }
        let firstError = try? await channel.eventLoop.submit { handler.value.firstError }.get()
        if let firstError { throw Self.classifyTLSError(firstError) }
        throw .closedBeforeAnswer
    }

    /// Without a CA file, NIOSSL verifies against the system store; with one, `PeerCertificateCheck` does.
    private static func certificateCheck(for target: Target) throws(RemoteClusterConnectionError)
        -> PeerCertificateCheck?
    {
        guard case .caFile(let path) = target.trust else { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .caFileUnusable(path: path, detail: "it cannot be read (\(error.localizedDescription))")
        }
        let certificates =
            (try? PEMDocument.parseMultiple(pemString: text))?
            .compactMap { try? Certificate(pemDocument: $0) } ?? []
        guard !certificates.isEmpty else {
            throw .caFileUnusable(path: path, detail: "it holds no PEM certificate")
        }
        return PeerCertificateCheck(trusted: certificates, expectedName: target.serverName ?? target.host)
    }

    private static func classifyConnectError(_ error: Error, target: Target) -> RemoteClusterConnectionError {
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return .timedOut(address: target.address, seconds: target.timeoutSeconds)
        }
        let text = "\(error)"
        if text.contains("connectTimeout") { return .timedOut(address: target.address, seconds: target.timeoutSeconds) }
        if text.localizedCaseInsensitiveContains("refused") {
            return .connectFailed(address: target.address, detail: "Connection refused")
        }
        return .connectFailed(address: target.address, detail: text)
    }

    private static func classifyTLSError(_ error: Error) -> RemoteClusterConnectionError {
        // The peer refused to go on without a client certificate (a transport port): what the
        // JDK reports as the `bad_certificate` alert (FACTS §5 row 6).
        let text = "\(error)"
        if text.contains("ALERT_CERTIFICATE_REQUIRED") || text.contains("ALERT_BAD_CERTIFICATE") {
            return .tlsFailed("Received fatal alert: bad_certificate")
        }
        if let ssl = error as? NIOSSLError {
            switch ssl {
            case .uncleanShutdown: return .tlsFailed("the peer closed the connection during the TLS handshake")
            case .handshakeFailed(let detail):
                let text = "\(detail)"
                if text.contains("CERTIFICATE_VERIFY_FAILED") {
                    return .certificateNotTrusted("the certificate does not verify against the system trust store")
                }
                if text.contains("WRONG_VERSION_NUMBER") || text.contains("HTTP_REQUEST") {
                    return .tlsFailed("the peer does not speak TLS (\(text))")
                }
                return .tlsFailed(text)
            default: return .tlsFailed("\(ssl)")
            }
        }
        if let extra = error as? NIOSSLExtraError {
            return .nameMismatch("\(extra)")
        }
        return .tlsFailed("\(error)")
    }
}
