import Foundation
import NIOCore
import NIOPosix
import RemoteClusterKit

/// Opens and keeps the local cluster's connections to its remote clusters, like Elasticsearch's
/// `RemoteClusterService` with its proxy and sniff strategies.
///
/// - A configuration change for an alias (mode, addresses, socket count, server name), new
///   credentials or new trust rebuild its connections; `skip_unavailable` alone does not.
/// - A connection round opens real TLS connections through `RemoteClusterHandshakeClient` (SNI =
///   `server_name` when set, chain checked against the configured CA or the system store, name
///   checked against `server_name` or the address host) and presents the alias's credentials.
///   Proxy mode opens up to `proxy_socket_connections` sockets in up to three attempts; sniff mode
///   tries the seeds in order.
/// - Nothing retries on a timer. When an open connection closes, one refill round runs (as
///   `RemoteConnectionStrategy.onNodeDisconnected` does); `ensureConnected` (used by
///   `_resolve/cluster`) starts a round when no connection is open.
/// - Rounds never block the caller: `apply` returns at once; waiting callers use a deadline.
public final class RemoteClusterConnectionManager: Sendable {
    /// `ProxyConnectionStrategy.MAX_CONNECT_ATTEMPTS_PER_RUN`.
    public static let maxConnectAttemptsPerRound = 3

    private struct AliasState {
        var configuration: RemoteClusterConfiguration
        var credentials: Secret?
        var generation: Int
        var connections: [Int: RemoteClusterConnection] = [:]
        var round: Task<Void, Never>?
        var lastFailure: RemoteConnectionFailure?
        var identity: RemoteClusterIdentity?
        var rounds = 0
    }

    private struct State {
        var aliases: [String: AliasState] = [:]
        var trust: TrustSource = .systemStore
        var sslContextDescription = RemoteClusterClientSSL().contextDescription
        var nextGeneration = 1
        var nextConnectionID = 1
        var closed = false
    }

    private let state = LockedState(State())
    private let client: RemoteClusterHandshakeClient
    /// The limit for TCP, TLS and the handshake of one connection.
    public let connectTimeoutSeconds: Double

    public init(
        client: RemoteClusterHandshakeClient = RemoteClusterHandshakeClient(), connectTimeoutSeconds: Double = 3
    ) {
        self.client = client
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    // MARK: - Configuration

    /// Brings the connections in line with the enabled remote clusters, the loaded credentials and
    /// the trust the node started with. Returns at once; rounds run in the background.
    public func apply(
        _ configurations: [RemoteClusterConfiguration], credentials: [String: Secret], trust: TrustSource,
        sslContextDescription: String
    ) {
        var toClose: [RemoteClusterConnection] = []
        var toConnect: [String] = []
        state.withLock { state in
            guard !state.closed else { return }
            let trustChanged = state.trust != trust
            state.trust = trust
            state.sslContextDescription = sslContextDescription
            let wanted = Dictionary(configurations.map { ($0.alias, $0) }, uniquingKeysWith: { $1 })
            for (alias, existing) in state.aliases where wanted[alias] == nil {
                toClose += existing.connections.values
                existing.round?.cancel()
                state.aliases[alias] = nil
            }
            for (alias, configuration) in wanted {
                let secret = credentials[alias]
                if var existing = state.aliases[alias], !trustChanged, existing.credentials == secret,
                    Self.sameStrategy(existing.configuration, configuration)
                {
                    existing.configuration = configuration
                    state.aliases[alias] = existing
                    continue
                }
                if let existing = state.aliases[alias] {
                    toClose += existing.connections.values
                    existing.round?.cancel()
                }
                state.aliases[alias] = AliasState(
                    configuration: configuration, credentials: secret, generation: state.nextGeneration)
                state.nextGeneration += 1
                toConnect.append(alias)
            }
        }
        closeInBackground(toClose)
        for alias in toConnect { _ = startRound(alias) }
    }

    /// Whether two configurations use the same connections (everything but `skip_unavailable`).
    private static func sameStrategy(_ a: RemoteClusterConfiguration, _ b: RemoteClusterConfiguration) -> Bool {
        var a = a
        a.skipUnavailable = b.skipUnavailable
        return a == b
    }

    /// Forgets every alias and closes its connections, as a node restart does; the next `apply`
    /// connects afresh.
    public func dropAll() {
        let connections = state.withLock { state -> [RemoteClusterConnection] in
            let all = state.aliases.values.flatMap { $0.connections.values }
            for alias in state.aliases.values { alias.round?.cancel() }
            state.aliases = [:]
            return all
        }
        closeInBackground(connections)
    }

    /// Closes every connection and stops accepting work.
    public func shutdown() async {
        let connections = state.withLock { state -> [RemoteClusterConnection] in
            state.closed = true
            let all = state.aliases.values.flatMap { $0.connections.values }
            for alias in state.aliases.values { alias.round?.cancel() }
            state.aliases = [:]
            return all
        }
        for connection in connections { await connection.close() }
    }

    // MARK: - Status

    /// The status of every alias, sorted by alias.
    public var statuses: [RemoteConnectionStatus] {
        let snapshot = state.current
        return snapshot.aliases.keys.sorted().map { Self.status(snapshot.aliases[$0]!) }
    }

    /// The status of one alias, or nil when it is not configured.
    public func status(_ alias: String) -> RemoteConnectionStatus? {
        state.current.aliases[alias].map(Self.status)
    }

    private static func status(_ alias: AliasState) -> RemoteConnectionStatus {
        RemoteConnectionStatus(
            configuration: alias.configuration, openConnections: alias.connections.count,
            hasCredentials: alias.credentials != nil, lastFailure: alias.lastFailure, remoteIdentity: alias.identity,
            connectRounds: alias.rounds, isConnecting: alias.round != nil)
    }

    // MARK: - Connecting on demand

    /// An open connection of the alias to send a request on, or nil when none is open.
    public func openConnection(_ alias: String) -> RemoteClusterConnection? {
        state.current.aliases[alias]?.connections.sorted { $0.key < $1.key }.first { $0.value.isOpen }?.value
    }

    /// Starts a connection round when the alias has no open connection, without waiting for it (what
    /// a cross-cluster request to a `skip_unavailable` remote does before it skips the cluster).
    public func connectInBackground(_ alias: String) {
        guard state.current.aliases[alias]?.connections.isEmpty == true else { return }
        _ = startRound(alias)
    }

    /// Makes sure the alias has a connection, as a cross-cluster request or `_resolve/cluster` does:
    /// with no open connection a round starts; with one, it is checked to still answer. Waits for the
    /// round at most `timeoutSeconds`, then returns the status.
    public func ensureConnected(_ alias: String, timeoutSeconds: Double) async -> RemoteConnectionStatus? {
        guard let current = state.current.aliases[alias] else { return nil }
        if let connection = current.connections.values.first {
            if await Self.answers(connection, within: min(timeoutSeconds, connectTimeoutSeconds)) {
                return status(alias)
            }
            await connection.close()
        }
        if state.current.aliases[alias]?.connections.isEmpty == true {
            let round = startRound(alias)
            await Self.wait(for: round, atMost: timeoutSeconds)
        }
        return status(alias)
    }

    /// Waits until the alias has no round running, at most `timeoutSeconds` (for tests and callers
    /// that want the outcome of a configuration change).
    public func waitForIdle(_ alias: String, timeoutSeconds: Double) async -> RemoteConnectionStatus? {
        if let round = state.current.aliases[alias]?.round {
            await Self.wait(for: round, atMost: timeoutSeconds)
        }
        return status(alias)
    }

    /// Returns when the task finished or after `seconds`, whichever comes first (the task keeps running).
    private static func wait(for task: Task<Void, Never>, atMost seconds: Double) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumed = LockedState(false)
            let resumeOnce: @Sendable () -> Void = {
                if resumed.withLock({ done in
                    defer { done = true }; return !done
                }) {
                    continuation.resume()
                }
            }
            Task {
                await task.value; resumeOnce()
            }
            Task {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                resumeOnce()
            }
        }
    }

    /// Whether the connection answers a ping within `seconds`; a connection that does not is closed.
    private static func answers(_ connection: RemoteClusterConnection, within seconds: Double) async -> Bool {
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            if !Task.isCancelled { await connection.close() }
        }
        let answered = await connection.ping()
        timer.cancel()
        return answered
    }

    // MARK: - Rounds

    /// Starts a connection round for the alias unless one is running (then returns that one).
    private func startRound(_ alias: String) -> Task<Void, Never> {
        state.withLock { state -> Task<Void, Never> in
            guard !state.closed, var aliasState = state.aliases[alias] else { return Task {} }
            if let running = aliasState.round { return running }
            let generation = aliasState.generation
            let round = Task { [self] in
                await self.runRound(alias: alias, generation: generation)
                self.state.withLock { state in
                    if state.aliases[alias]?.generation == generation { state.aliases[alias]?.round = nil }
                }
            }
            aliasState.round = round
            aliasState.rounds += 1
            state.aliases[alias] = aliasState
            return round
        }
    }

    private func runRound(alias: String, generation: Int) async {
        guard let snapshot = state.current.aliases[alias], snapshot.generation == generation else { return }
        let configuration = snapshot.configuration
        var causes: [RemoteConnectionFailure.Cause] = []
        var resolvedProxy: String?
        switch configuration.mode {
        case .proxy:
            guard let endpoint = await resolve(configuration.proxyAddress, causes: &causes) else { break }
            resolvedProxy = endpoint.text
            for _ in 1...Self.maxConnectAttemptsPerRound {
                let open = state.current.aliases[alias]?.connections.count ?? 0
                let remaining = configuration.proxySocketConnections - open
                if remaining <= 0 || Task.isCancelled { break }
                let failures = await openConnections(
                    count: remaining, to: endpoint, alias: alias, generation: generation, snapshot: snapshot)
                causes += failures
            }
        case .sniff, .other:
            for seed in configuration.seeds where !Task.isCancelled {
                guard let endpoint = await resolve(seed, causes: &causes) else { continue }
                let failures = await openConnections(
                    count: 1, to: endpoint, alias: alias, generation: generation, snapshot: snapshot)
                causes += failures
                if failures.isEmpty { break }
            }
        }
        let failure = RemoteConnectionFailure.make(
            alias: alias, configuration: configuration, causes: causes,
            resolvedAddress: resolvedProxy)
        state.withLock { state in
            guard state.aliases[alias]?.generation == generation else { return }
            let noneOpen = state.aliases[alias]?.connections.isEmpty ?? true
            state.aliases[alias]?.lastFailure = noneOpen ? failure : nil
        }
    }

    /// A connect target for one `host:port` text; records the failure and returns nil when the
    /// address cannot be used (port out of range, unknown host). Name resolution runs on NIO's
    /// blocking-I/O thread pool, never on an event loop or the cooperative pool.
    private func resolve(_ address: String, causes: inout [RemoteConnectionFailure.Cause]) async -> ResolvedEndpoint? {
        let outcome =
            (try? await NIOThreadPool.singleton.runIfActive { ResolvedEndpoint.resolve(address) })
            ?? .failure(
                .init(
                    category: .invalidAddress, text: "unknown host [\(SettingParsers.host(of: address))]",
                    address: address))
        switch outcome {
        case .success(let endpoint): return endpoint
        case .failure(let cause):
            causes.append(cause)
            return nil
        }
    }

    /// Opens `count` connections in parallel; returns the failures (empty when all opened).
    private func openConnections(
        count: Int, to endpoint: ResolvedEndpoint, alias: String, generation: Int, snapshot: AliasState
    ) async -> [RemoteConnectionFailure.Cause] {
        let (trust, context) = state.withLock { ($0.trust, $0.sslContextDescription) }
        let serverName =
            snapshot.configuration.mode == .proxy && !snapshot.configuration.serverName.isEmpty
            ? snapshot.configuration.serverName : nil
        let target = RemoteClusterHandshakeClient.Target(
            host: endpoint.host, port: endpoint.port, serverName: serverName, trust: trust,
            credentials: snapshot.credentials, timeoutSeconds: connectTimeoutSeconds)
        let client = self.client
        let results = await withTaskGroup(of: Result<RemoteClusterConnection, RemoteClusterConnectionError>.self) {
            group in
            for _ in 0..<count {
                group.addTask {
                    do throws(RemoteClusterConnectionError) {
                        return .success(try await client.connect(target))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var collected: [Result<RemoteClusterConnection, RemoteClusterConnectionError>] = []
            for await result in group { collected.append(result) }
            return collected
        }
        var failures: [RemoteConnectionFailure.Cause] = []
        for result in results {
            switch result {
            case .success(let connection):
                if let expected = register(connection, alias: alias, generation: generation) {
                    failures.append(
                        .unexpectedCluster(connection.identity.clusterName, expected: expected, address: endpoint.text))
                }
            case .failure(let error):
                failures.append(
                    .init(
                        error: error, address: endpoint.text, expectedName: serverName ?? endpoint.host,
                        sslContext: context))
            }
        }
        return failures
    }

    /// Keeps an opened connection for the alias. In proxy mode every connection must reach the
    /// cluster the first one reached, for as long as the configuration stands (Elasticsearch's
    /// cluster-name validator); a connection to another cluster is closed and that first name
    /// returned.
    private func register(_ connection: RemoteClusterConnection, alias: String, generation: Int) -> String? {
        var expected: String?
        let id = state.withLock { state -> Int? in
            guard !state.closed, let aliasState = state.aliases[alias], aliasState.generation == generation else {
                return nil
            }
            if aliasState.configuration.mode == .proxy, let first = aliasState.identity,
                first.clusterName != connection.identity.clusterName
            {
                expected = first.clusterName
                return nil
            }
            let id = state.nextConnectionID
            state.nextConnectionID += 1
            state.aliases[alias]?.connections[id] = connection
            state.aliases[alias]?.identity = connection.identity
            return id
        }
        guard let id else {
            closeInBackground([connection])
            return expected
        }
        Task { [self] in
            await connection.waitUntilClosed()
            self.connectionClosed(alias: alias, generation: generation, id: id)
        }
        return nil
    }

    /// A connection closed: forget it, and run one refill round if the alias is still configured.
    private func connectionClosed(alias: String, generation: Int, id: Int) {
        let refill = state.withLock { state -> Bool in
            guard state.aliases[alias]?.generation == generation,
                state.aliases[alias]?.connections.removeValue(forKey: id) != nil
            else { return false }
            return !state.closed
        }
        if refill { _ = startRound(alias) }
    }

    private func closeInBackground(_ connections: [RemoteClusterConnection]) {
        guard !connections.isEmpty else { return }
        Task { for connection in connections { await connection.close() } }
    }
}
