import Foundation
import OrderedCollections
import RemoteClusterKit

/// The simulated local (ECK-managed) Elasticsearch cluster: a REST API over HTTPS with basic and
/// API-key authentication, Elasticsearch's cluster settings with their validation, a keystore and
/// `remote_cluster_client` trust that change like they do on a real node (restart or
/// `_nodes/reload_secure_settings`), and a connection manager that really connects to the remote
/// clusters it is configured with.
public final class LocalElasticsearchCluster: SimulatedLocalCluster {
    /// How to build the cluster.
    public struct Options: Sendable {
        public var identity: SimulatedClusterIdentity
        /// The `elastic` user's password; random when nil.
        public var elasticPassword: Secret?
        /// Where the cluster keeps its files (HTTP CA, CA bundle); created if missing.
        public var directory: String
        /// What the node starts with: `elasticsearch.yml`, keystore, config files.
        public var node: LocalNodeConfiguration
        /// The limit for opening one remote connection (TCP, TLS and handshake).
        public var connectTimeoutSeconds: Double
        /// How long `_resolve/cluster` waits for a connection round before answering.
        public var resolveTimeoutSeconds: Double
        public var license: SimulatedLicense
        /// The cluster's own indices.
        public var indices: [SimulatedIndex]

        public init(
            identity: SimulatedClusterIdentity = SimulatedClusterIdentity(name: "local"),
            elasticPassword: Secret? = nil,
            directory: String, node: LocalNodeConfiguration = LocalNodeConfiguration(),
            connectTimeoutSeconds: Double = 3, resolveTimeoutSeconds: Double = 10, license: SimulatedLicense = .trial,
            indices: [SimulatedIndex] = []
        ) {
            self.identity = identity
            self.elasticPassword = elasticPassword
            self.directory = directory
            self.node = node
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.resolveTimeoutSeconds = resolveTimeoutSeconds
            self.license = license
            self.indices = indices
        }
    }

    struct NodeState: Sendable {
        var settings: ClusterSettingsStore
        var node: LocalNodeConfiguration
        /// The keystore on disk: what the next reload or start reads.
        var keystoreOnDisk: SimulatedKeystore
        var keystoreModified: Date = Date()
        /// The secure settings the running node has loaded.
        var loadedKeystore: SimulatedKeystore
        var ssl: RemoteClusterClientSSL
        var roles = RoleStore()
        var starts = 1
        var lastStartupError: NodeStartupError?
        var isShutDown = false
    }

    public let identity: SimulatedClusterIdentity
    public let elasticPassword: Secret
    public let options: Options
    public let httpCA: GeneratedCA
    public let httpCAFile: String
    /// REST API keys and the users of the native realm.
    public let apiKeys = APIKeyStore()
    public let authenticator: RESTAuthenticator
    /// The cluster's own indices (none unless given in the options).
    public let indices: IndexStore
    public let connections: RemoteClusterConnectionManager
    /// Held from reading the settings to handing them to `connections`, so that concurrent
    /// settings updates reach the connection manager in the order they were made (a later update's
    /// aliases are never undone by an earlier update's older snapshot).
    private let connectionUpdates = NSLock()
    let state: LockedState<NodeState>
    private let server: LoopbackTLSServer
    private let caBundlePath: String

    /// Builds the cluster; fails like a node that does not start when `options.node` is invalid.
    public init(_ options: Options) throws {
        self.options = options
        identity = options.identity
        elasticPassword = options.elasticPassword ?? Secret(APIKeyStore.randomToken(bytes: 12))
        indices = IndexStore(options.indices)
        connections = RemoteClusterConnectionManager(connectTimeoutSeconds: options.connectTimeoutSeconds)
        try FileManager.default.createDirectory(
            atPath: options.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        caBundlePath = options.directory + "/remote-cluster-client-ca.pem"
        httpCA = try GeneratedCA(commonName: "\(options.identity.name)-http CA")
        httpCAFile = try httpCA.writeCertificate(to: options.directory, baseName: "\(options.identity.name)-http-ca")
        let certificate = try httpCA.issue(
            commonName: options.identity.name, dnsNames: [options.identity.httpServiceName, "localhost"],
            ipAddresses: ["127.0.0.1"])
        let ssl = try options.node.remoteClusterClientSSL()
        let nodeState = LockedState(
            NodeState(
                settings: ClusterSettingsStore(nodeSettings: options.node.nodeSettings), node: options.node,
                keystoreOnDisk: options.node.keystore, loadedKeystore: options.node.keystore, ssl: ssl))
        state = nodeState
        authenticator = RESTAuthenticator(users: [.elastic(password: elasticPassword)], apiKeys: apiKeys) { roles in
            nodeState.current.roles.clusterPrivileges(of: roles)
        }
        server = LoopbackTLSServer(security: .tls(certificate), behavior: .neverAnswer)
        let router = LocalClusterRoutes.router(for: self)
        server.setBehavior(.http { .respond(await router.respond(to: $0)) })
    }

    // MARK: - Lifecycle

    /// The HTTPS port while running.
    public var port: Int { server.port ?? 0 }
    /// `https://127.0.0.1:<port>`.
    public var restURL: String { "https://127.0.0.1:\(port)" }

    /// An endpoint for the `elastic` user, trusting the cluster's HTTP CA.
    public var adminEndpoint: ClusterEndpoint {
        ClusterEndpoint(
            baseURL: restURL, auth: .basic(user: "elastic", password: elasticPassword), trust: .caFile(httpCAFile))
    }

    public func observeRequests(_ observer: @escaping ServedRequestObserver) {
        server.observeRequests(as: "local", observer)
    }

    /// Starts the REST API and connects to the remote clusters configured at start.
    public func start() async throws {
        try await server.start(port: 0)
        try applyConnections(rebuildAll: true)
    }

    /// Closes the REST API and every remote connection.
    public func shutdown() async {
        state.withLock { $0.isShutDown = true }
        await server.shutdown()
        await connections.shutdown()
    }

    // MARK: - Node configuration

    /// The settings store as it is now.
    public var settings: ClusterSettingsStore { state.current.settings }
    /// The keystore on disk (what the next reload or restart loads).
    public var keystoreOnDisk: SimulatedKeystore { state.current.keystoreOnDisk }
    /// The secure settings the running node uses.
    public var loadedKeystore: SimulatedKeystore { state.current.loadedKeystore }
    /// The `remote_cluster_client` TLS settings the running node uses.
    public var remoteClusterClientSSL: RemoteClusterClientSSL { state.current.ssl }
    /// When the keystore on disk last changed.
    public var keystoreModified: Date { state.current.keystoreModified }
    /// The roles of the native realm.
    public var roles: RoleStore { state.current.roles }
    /// How many times the node started (1 + restarts).
    public var starts: Int { state.current.starts }
    /// Why the last restart failed (the node kept running with its previous configuration).
    public var lastStartupError: NodeStartupError? { state.current.lastStartupError }

    /// Whether `shutdown()` was called.
    public var isShutDown: Bool { state.current.isShutDown }

    /// Records why a restart could not happen (the rollout is stuck; the node keeps running).
    public func recordStartupFailure(_ error: NodeStartupError) {
        state.withLock { $0.lastStartupError = error }
    }

    /// Changes the keystore on disk without reloading (like `elasticsearch-keystore add` on a node).
    public func modifyKeystoreOnDisk(_ change: (inout SimulatedKeystore) -> Void) {
        state.withLock { state in
            change(&state.keystoreOnDisk)
            state.keystoreModified = Date()
        }
    }

    /// Restarts the node with a new `elasticsearch.yml`, keystore and config files (one node of a
    /// rolling restart). Cluster settings survive; every remote connection is rebuilt. When the
    /// configuration would not start, the node keeps running as before and the error is returned.
    public func restart(with configuration: LocalNodeConfiguration) throws(NodeStartupError) {
        let ssl: RemoteClusterClientSSL
        do {
            ssl = try configuration.remoteClusterClientSSL()
        } catch {
            state.withLock { $0.lastStartupError = error }
            throw error
        }
        state.withLock { state in
            state.settings = state.settings.replacingNodeSettings(configuration.nodeSettings)
            state.node = configuration
            state.keystoreOnDisk = configuration.keystore
            state.loadedKeystore = configuration.keystore
            state.keystoreModified = Date()
            state.ssl = ssl
            state.starts += 1
            state.lastStartupError = nil
        }
        do { try applyConnections(rebuildAll: true) } catch {
            throw NodeStartupError(reason: "could not write the remote cluster client CA bundle: \(error)")
        }
    }

    /// What `POST /_nodes/reload_secure_settings` did on the node.
    public enum SecureSettingsReload: Sendable, Hashable {
        /// The keystore on disk was loaded; the names of its secure settings.
        case reloaded([String])
        /// The keystore could not be opened (its `reload_exception`); nothing changed.
        case failed(ElasticsearchErrorResponse)
    }

    /// The node's `reload_exception` when the password does not decrypt the keystore
    /// (`KeyStoreWrapper.decrypt`, asserted by `ReloadSecureSettingsWithPasswordProtectedKeystoreRestIT`).
    public static let incorrectKeystorePassword = ElasticsearchErrorResponse(
        status: 500, type: "security_exception", reason: "Provided keystore password was incorrect")

    /// `POST /_nodes/reload_secure_settings`: decrypts the keystore on disk with `password`
    /// (`secure_settings_password`) and loads it; aliases whose credentials changed rebuild their
    /// connections. A password that does not open the keystore changes nothing.
    @discardableResult
    public func reloadSecureSettings(password: Secret? = nil) -> SecureSettingsReload {
        let outcome = state.withLock { state -> SecureSettingsReload in
            guard state.keystoreOnDisk.opens(with: password) else { return .failed(Self.incorrectKeystorePassword) }
            state.loadedKeystore = state.keystoreOnDisk
            return .reloaded(state.loadedKeystore.names)
        }
        if case .reloaded = outcome { try? applyConnections(rebuildAll: false) }
        return outcome
    }

    /// Applies a cluster settings update (flattened; a nil value is a `null`) as
    /// `PUT /_cluster/settings` does, and reconnects the aliases it changed.
    @discardableResult
    public func updateClusterSettings(
        persistent: OrderedDictionary<String, SettingValue?> = [:],
        transient: OrderedDictionary<String, SettingValue?> = [:]
    ) throws(ElasticsearchErrorResponse) -> ClusterSettingsStore.UpdateResult {
        let result = try state.withLock { state in
            Result { () throws(ElasticsearchErrorResponse) in
                try state.settings.apply(persistent: persistent, transient: transient)
            }
        }.get()
        if !result.changedAliases.isEmpty { try? applyConnections(rebuildAll: false) }
        return result
    }

    /// Applies a `PUT /_cluster/settings` body (`persistent` and `transient`, nested or flat).
    @discardableResult
    public func updateClusterSettings(body: JSONValue) throws(ElasticsearchErrorResponse)
        -> ClusterSettingsStore.UpdateResult
    {
        let update = try ClusterSettingsAPI.parseUpdate(body)
        return try updateClusterSettings(persistent: update.persistent, transient: update.transient)
    }

    /// Hands the current remote cluster settings, credentials and trust to the connection manager.
    func applyConnections(rebuildAll: Bool) throws {
        connectionUpdates.lock()
        defer { connectionUpdates.unlock() }
        let snapshot = state.current
        let trust: TrustSource
        if snapshot.ssl.usesSystemTrust {
            trust = .systemStore
        } else {
            let bundle = snapshot.ssl.certificateAuthoritiesPEM.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()
            try Data(bundle.utf8).write(to: URL(fileURLWithPath: caBundlePath))
            trust = .caFile(caBundlePath)
        }
        if rebuildAll { connections.dropAll() }
        // A node without the remote_cluster_client role connects to no remote.
        connections.apply(
            Self.hasRemoteClusterClientRole(snapshot.settings.nodeSettings) ? snapshot.settings.remoteClusters : [],
            credentials: snapshot.loadedKeystore.remoteCredentials, trust: trust,
            sslContextDescription: snapshot.ssl.contextDescription)
    }

    /// Whether the node has the `remote_cluster_client` role: `node.roles` unset (the default role
    /// set has it) or listing it.
    public var hasRemoteClusterClientRole: Bool { Self.hasRemoteClusterClientRole(state.current.settings.nodeSettings) }

    static func hasRemoteClusterClientRole(_ nodeSettings: [String: SettingValue]) -> Bool {
        guard let roles = nodeSettings["node.roles"] else { return true }
        return roles.listItems.contains("remote_cluster_client")
    }

    /// What a node without the role answers to a cross-cluster request (`RemoteClusterService`).
    static let missingClientRoleReason = "this node does not have the remote_cluster_client role"

    /// Refuses a request that reaches a remote (an expression with `alias:`) when the node lacks
    /// the `remote_cluster_client` role, as Elasticsearch does.
    func requireRemoteClusterClientRole(for expression: String?) throws(ElasticsearchErrorResponse) {
        guard !hasRemoteClusterClientRole, let expression,
            expression.split(separator: ",").contains(where: { $0.contains(":") })
        else { return }
        throw .illegalArgument(Self.missingClientRoleReason)
    }

    /// The `initial_connect_timeout` the node reports (`cluster.remote.initial_connect_timeout`).
    var initialConnectTimeout: String {
        state.current.settings.nodeSettings["cluster.remote.initial_connect_timeout"]?.scalarText ?? "30s"
    }
}

extension LocalElasticsearchCluster {
    /// Builds the local cluster of a `SimulatedEnvironment`, with its `sim-local` Kubernetes context.
    public static let environmentFactory: SimulatedLocalClusterFactory = { parts in
        let cluster = try LocalElasticsearchCluster(Options(directory: parts.directory))
        let context = LocalKubernetesContext(
            cluster: cluster, location: parts.localLocation, restartDuration: parts.restartDuration)
        try context.install(into: parts.kubernetes)
        return cluster
    }
}
