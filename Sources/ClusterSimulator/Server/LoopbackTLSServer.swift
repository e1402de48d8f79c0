import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A listener on 127.0.0.1 (port 0 by default, so the system picks a free port), plain or TLS, whose
/// per-connection behaviour can be switched while it runs.
///
/// ```swift
/// let server = LoopbackTLSServer(security: .tls(issued), behavior: .http { request in
///     .respond(HTTPResponse(status: 200, body: Data("ok".utf8)))
/// })
/// let port = try await server.start()
/// ...
/// await server.shutdown()
/// ```
/// The SNI host name of every TLS connection is recorded (`observedServerNames`). Changing the
/// behaviour or the certificate affects connections accepted afterwards.
public final class LoopbackTLSServer: Sendable {
    private struct State {
        var security: ListenerSecurity
        var behavior: ListenerBehavior
        var serverChannel: Channel?
        var port: Int?
        var children: [Int: Channel] = [:]
        var nextConnectionID = 1
        var observedServerNames: [String?] = []
        var acceptedConnections = 0
        var reservation: PortReservation?
        var requestObserver: (name: String, observe: ServedRequestObserver)?
    }

    /// A listener could not be started.
    public struct StartError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    private let state: LockedState<State>
    private let group: EventLoopGroup

    /// Creates a stopped listener; call `start()`.
    public init(
        security: ListenerSecurity, behavior: ListenerBehavior,
        group: EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.state = LockedState(State(security: security, behavior: behavior))
        self.group = group
    }

    /// The bound port while running (also remembered after `shutdown()` for a restart on the same port).
    public var port: Int? { state.current.port }

    /// Whether the listener is accepting connections.
    public var isRunning: Bool { state.current.serverChannel != nil }

    /// The SNI host names sent by TLS clients, in order (nil when a client sent none).
    public var observedServerNames: [String?] { state.current.observedServerNames }

    /// How many connections are open right now.
    public var openConnectionCount: Int { state.current.children.count }

    /// How many connections were accepted since the listener was created.
    public var acceptedConnectionCount: Int { state.current.acceptedConnections }

    /// Changes what new connections get.
    public func setBehavior(_ behavior: ListenerBehavior) { state.withLock { $0.behavior = behavior } }

    /// Tells `observer` of every HTTP request answered on connections accepted from now on, under
    /// `name`.
    public func observeRequests(as name: String, _ observer: @escaping ServedRequestObserver) {
        state.withLock { $0.requestObserver = (name, observer) }
    }

    /// Changes the certificate (or TLS on/off) for new connections.
    public func setSecurity(_ security: ListenerSecurity) { state.withLock { $0.security = security } }

    /// Starts listening on 127.0.0.1 and returns the port. `port: 0` picks a free one; by default a
    /// restarted listener reuses its previous port.
    @discardableResult
    public func start(port requested: Int? = nil) async throws -> Int {
        if let running = state.withLock({ $0.serverChannel != nil ? $0.port : nil }) { return running }
        let port = requested ?? state.current.port ?? 0
        state.withLock { state in
            state.reservation?.release()
            state.reservation = nil
        }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 64)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [self] channel in
                self.configure(channel)
            }
        var bound: Channel?
        var lastError: Error?
        // A port given explicitly (a restart) may be held for a moment by a closing socket: retry briefly.
        for _ in 0..<(port == 0 ? 1 : 50) {
            do {
                bound = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
                break
            } catch {
                lastError = error
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        guard let channel = bound else {
            throw StartError(
                description: "could not listen on 127.0.0.1:\(port): \(lastError.map { "\($0)" } ?? "unknown error")")
        }
        guard let bound = channel.localAddress?.port else {
            try? await channel.close()
            throw StartError(description: "the listener has no local port")
        }
        state.withLock {
            $0.serverChannel = channel
            $0.port = bound
        }
        return bound
    }

    /// Stops accepting and closes every open connection. Safe to call more than once.
    ///
    /// With `keepingPort`, the port stays reserved (connections are refused, no other listener can
    /// take it) until `start()` listens on it again; otherwise it is freed.
    public func shutdown(keepingPort: Bool = false) async {
        let (server, children, port) = state.withLock { state -> (Channel?, [Channel], Int?) in
            let result = (state.serverChannel, Array(state.children.values), state.port)
            state.serverChannel = nil
            if !keepingPort {
                state.reservation?.release()
                state.reservation = nil
            }
            return result
        }
        if let server { try? await server.close() }
        await closeAll(children)
        if keepingPort, let port, server != nil {
            let reservation = await PortReservation.reserve(port: port)
            state.withLock { $0.reservation = reservation }
        }
    }

    /// Takes a free port without listening on it (connections are refused) and returns it; a later
    /// `start()` listens there. Does nothing but return the port when one is already bound.
    @discardableResult
    public func reservePort() throws -> Int {
        try state.withLock { state in
            if let port = state.port, state.serverChannel != nil || state.reservation != nil { return port }
            guard let reservation = PortReservation(port: state.port ?? 0) else {
                throw StartError(description: "could not reserve a port on 127.0.0.1")
            }
            state.reservation = reservation
            state.port = reservation.port
            return reservation.port
        }
    }

    /// Closes the connections that are open now and keeps listening.
    public func dropConnections() async {
        await closeAll(state.current.children.map(\.value))
    }

    private func closeAll(_ channels: [Channel]) async {
        for child in channels {
            try? await child.close()
        }
    }

    private func configure(_ channel: Channel) -> EventLoopFuture<Void> {
        let (id, security, behavior, observer) = state.withLock { state in
            let id = state.nextConnectionID
            state.nextConnectionID += 1
            state.acceptedConnections += 1
            state.children[id] = channel
            return (id, state.security, state.behavior, state.requestObserver)
        }
        channel.closeFuture.whenComplete { [state] _ in
            state.withLock { _ = $0.children.removeValue(forKey: id) }
        }
        let peer = channel.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "unknown"
        let serverName = LockedState<String?>(nil)
        let connection: @Sendable () -> ConnectionInfo = {
            ConnectionInfo(id: id, serverName: serverName.current, peer: peer)
        }
        return channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            switch behavior {
            case .closeImmediately:
                channel.eventLoop.execute { channel.close(promise: nil) }
                return
            case .neverAnswer:
                return
            case .http, .lines, .resetMidResponse:
                break
            }
            let recordServerName: @Sendable (String?) -> Void = { [state] name in
                serverName.withLock { $0 = name }
                state.withLock { $0.observedServerNames.append(name) }
            }
            switch security {
            case .plain:
                break
            case .tls(let chain, let key):
                try pipeline.addHandler(
                    try self.makeTLSHandler(
                        chainPEM: chain, keyPEM: key, clientCAsPEM: nil, onServerName: recordServerName))
            case .mutualTLS(let chain, let key, let clientCAs):
                try pipeline.addHandler(
                    try self.makeTLSHandler(
                        chainPEM: chain, keyPEM: key, clientCAsPEM: clientCAs, onServerName: recordServerName))
            }
            switch behavior {
            case .http(let responder):
                try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                try pipeline.addHandler(
                    HTTPConnectionHandler(connection: connection, observer: observer, responder: responder))
            case .resetMidResponse:
                try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                try pipeline.addHandler(
                    HTTPConnectionHandler(connection: connection, observer: observer) { _ in .resetMidResponse })
            case .lines(let responder):
                try pipeline.addHandler(LineConnectionHandler(connection: connection, responder: responder))
            case .neverAnswer, .closeImmediately:
                break
            }
            try pipeline.addHandler(CloseOnErrorHandler())
        }
    }

    /// A server TLS handler; with `clientCAsPEM` the client must present a certificate they issued.
    private func makeTLSHandler(
        chainPEM: String, keyPEM: String, clientCAsPEM: String?, onServerName: @escaping @Sendable (String?) -> Void
    ) throws -> NIOSSLServerHandler {
        let certificates = try NIOSSLCertificate.fromPEMBytes(Array(chainPEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        if let clientCAsPEM {
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(clientCAsPEM.utf8)))
        }
        configuration.sslContextCallback = { values, promise in
            onServerName(values.serverHostname)
            promise.succeed(.noChanges)
        }
        return NIOSSLServerHandler(context: try NIOSSLContext(configuration: configuration))
    }
}

/// Closes the connection on any error (failed TLS handshake, malformed HTTP, reset by the peer).
final class CloseOnErrorHandler: ChannelInboundHandler {
    typealias InboundIn = NIOAny
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
