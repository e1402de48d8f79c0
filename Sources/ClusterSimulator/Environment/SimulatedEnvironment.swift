import Foundation
import RemoteClusterKit

/// What `SimulatedEnvironment` needs from the local cluster; the local-cluster code provides it
/// through `SimulatedEnvironment.defaultLocalClusterFactory`.
public protocol SimulatedLocalCluster: Sendable {
    var identity: SimulatedClusterIdentity { get }
    /// `https://127.0.0.1:<port>`.
    var restURL: String { get }
    var elasticPassword: Secret { get }
    /// The CA of the local HTTPS REST API.
    var httpCAFile: String { get }
    func start() async throws
    func shutdown() async
    /// Tells `observer` of every REST request answered from now on (server name `local`).
    func observeRequests(_ observer: @escaping ServedRequestObserver)
}

/// Everything a local cluster is built from.
public struct SimulatedEnvironmentParts: Sendable {
    /// The environment's temporary directory (removed at shutdown).
    public var directory: String
    public var kubernetes: SimulatedKubernetes
    public var faults: FaultSwitchboard
    public var remote: SimulatedRemoteCluster
    /// The local cluster's Kubernetes context, `sim-local`.
    public var localLocation: KubernetesLocation
    public var restartDuration: Duration
}

/// Builds the local cluster of an environment.
public typealias SimulatedLocalClusterFactory =
    @Sendable (SimulatedEnvironmentParts) async throws -> any SimulatedLocalCluster

/// A local and a remote cluster on free loopback ports, with a simulated Kubernetes (`sim-local`,
/// `sim-remote`) and a fault switchboard: what tests, `simulate` and the demo run against.
public final class SimulatedEnvironment: Sendable {
    /// How to build the environment.
    public struct Options: Sendable {
        public var faults: Set<SimulatorFault>
        /// Whether the remote cluster server listens from the start; when false, enabling it through
        /// the `sim-remote` Elasticsearch resource starts it after a simulated restart.
        public var remoteClusterServerEnabled: Bool
        /// How long a simulated rolling restart takes.
        public var restartDuration: Duration
        /// How long the `slow` fault delays each answer.
        public var slowDelay: Duration
        /// Builds the local cluster; nil runs the remote cluster alone.
        public var localClusterFactory: SimulatedLocalClusterFactory?
        /// Whether the Kubernetes API is also served over HTTPS for kubectl (with a kubeconfig).
        public var servesKubernetesAPI: Bool
        /// The ECK `Elasticsearch` CRD whose schema the simulated Kubernetes enforces; nil stores
        /// `Elasticsearch` objects unchecked.
        public var elasticsearchCRD: URL?

        public init(
            faults: Set<SimulatorFault> = [], remoteClusterServerEnabled: Bool = true,
            restartDuration: Duration = .seconds(2), slowDelay: Duration = .seconds(3),
            localClusterFactory: SimulatedLocalClusterFactory? = SimulatedEnvironment.defaultLocalClusterFactory,
            servesKubernetesAPI: Bool = false, elasticsearchCRD: URL? = nil
        ) {
            self.faults = faults
            self.remoteClusterServerEnabled = remoteClusterServerEnabled
            self.restartDuration = restartDuration
            self.slowDelay = slowDelay
            self.localClusterFactory = localClusterFactory
            self.servesKubernetesAPI = servesKubernetesAPI
            self.elasticsearchCRD = elasticsearchCRD
        }
    }

    /// The local cluster factory used when none is given: `LocalElasticsearchCluster` with its
    /// `sim-local` Kubernetes context.
    public static let defaultLocalClusterFactory: SimulatedLocalClusterFactory? = LocalElasticsearchCluster
        .environmentFactory

    public let directory: String
    public let faults: FaultSwitchboard
    public let kubernetes: SimulatedKubernetes
    public let remote: SimulatedRemoteCluster
    public let remoteContext: RemoteKubernetesContext
    public let local: (any SimulatedLocalCluster)?
    /// The Kubernetes API for kubectl, when the options asked for it.
    public let kubernetesAPI: KubernetesAPIServer?
    /// The kubeconfig for `kubernetesAPI` (contexts `sim-local` and `sim-remote`).
    public let kubeconfig: String?

    private init(
        directory: String, faults: FaultSwitchboard, kubernetes: SimulatedKubernetes,
        remote: SimulatedRemoteCluster, remoteContext: RemoteKubernetesContext, local: (any SimulatedLocalCluster)?,
        kubernetesAPI: KubernetesAPIServer?, kubeconfig: String?
    ) {
        self.directory = directory
        self.faults = faults
        self.kubernetes = kubernetes
        self.remote = remote
        self.remoteContext = remoteContext
        self.local = local
        self.kubernetesAPI = kubernetesAPI
        self.kubeconfig = kubeconfig
    }

    /// Where the local cluster's ECK resource lives.
    public static let localLocation = KubernetesLocation(context: "sim-local", namespace: "default")

    /// Creates a temporary directory, builds and starts both clusters.
    public static func start(_ options: Options = Options()) async throws -> SimulatedEnvironment {
        let directory = NSTemporaryDirectory() + "remote-cluster-sim-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        do {
            let faults = FaultSwitchboard(options.faults, slowDelay: options.slowDelay)
            let validation =
                try options.elasticsearchCRD.map { url throws(SchemaLoadError) in
                    try KubernetesObjectValidation(elasticsearchCRD: url)
                } ?? .withoutSchemas
            let kubernetes = SimulatedKubernetes(validation: validation)
            let remote = try SimulatedRemoteCluster(
                .init(remoteClusterServerEnabled: options.remoteClusterServerEnabled, directory: directory + "/remote"),
                faults: faults)
            try await remote.start()
            let remoteContext = RemoteKubernetesContext(cluster: remote, restartDuration: options.restartDuration)
            try remoteContext.install(into: kubernetes)
            var local: (any SimulatedLocalCluster)?
            if let factory = options.localClusterFactory {
                let parts = SimulatedEnvironmentParts(
                    directory: directory + "/local", kubernetes: kubernetes, faults: faults, remote: remote,
                    localLocation: localLocation,
                    restartDuration: options.restartDuration)
                let cluster = try await factory(parts)
                try await cluster.start()
                local = cluster
            }
            var api: KubernetesAPIServer?
            var kubeconfig: String?
            if options.servesKubernetesAPI {
                let server = try KubernetesAPIServer(kubernetes: kubernetes, directory: directory)
                try await server.start()
                var contexts = [remoteContext.location]
                if local != nil { contexts.insert(localLocation, at: 0) }
                kubeconfig = try Kubeconfig.write(
                    to: directory + "/kubeconfig", server: server, contexts: contexts, current: contexts[0].context)
                api = server
            }
            return SimulatedEnvironment(
                directory: directory, faults: faults, kubernetes: kubernetes, remote: remote,
                remoteContext: remoteContext, local: local, kubernetesAPI: api, kubeconfig: kubeconfig)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Tells `observer` of every HTTP request the clusters' REST APIs and the Kubernetes API answer
    /// from now on (servers `local`, `remote`, `kubernetes`): what `simulate -v` shows.
    public func observeRequests(_ observer: @escaping ServedRequestObserver) {
        local?.observeRequests(observer)
        remote.observeRequests(observer)
        kubernetesAPI?.observeRequests(observer)
    }

    /// Stops both clusters and removes the temporary directory.
    public func shutdown() async {
        await kubernetesAPI?.shutdown()
        remoteContext.cancelRollouts()
        await local?.shutdown()
        await remote.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The one JSON line `simulate` prints (keys fixed; see issue 4). `local` is null when the
    /// environment has no local cluster; `kubeconfig` is there when the Kubernetes API is served.
    public var descriptionLine: JSONValue {
        let localJSON: JSONValue
        if let local {
            localJSON = [
                "url": .string(local.restURL), "user": "elastic", "password": .string(local.elasticPassword.revealed),
                "ca": .string(local.httpCAFile),
                "eck": [
                    "name": .string(local.identity.name), "namespace": .string(local.identity.namespace),
                    "context": "sim-local",
                ],
            ]
        } else {
            localJSON = .null
        }
        let remoteJSON: JSONValue = [
            "url": .string(remote.restURL), "user": "elastic", "password": .string(remote.elasticPassword.revealed),
            "ca": .string(remote.files.httpCA),
            "proxy_address": .string(remote.proxyAddress),
            "server_name": .string(remote.identity.remoteClusterServiceName),
            "transport_ca": .string(remote.files.transportCA),
            "transport_address": .string(remote.transportAddress),
            "limited_user": [
                "user": .string(remote.limitedUser.username), "password": .string(remote.limitedUser.password.revealed),
            ],
            "indices": .object(
                .init(
                    uniqueKeysWithValues: remote.indices.names.map { name in
                        (name, JSONValue.int(remote.indices.index(name)?.documents.count ?? 0))
                    })),
            "eck": [
                "name": .string(remote.identity.name), "namespace": .string(remote.identity.namespace),
                "context": .string(remoteContext.location.context),
            ],
        ]
        var line: JSONValue = ["local": localJSON, "remote": remoteJSON]
        if let kubeconfig { line["kubeconfig"] = .string(kubeconfig) }
        return line
    }
}
