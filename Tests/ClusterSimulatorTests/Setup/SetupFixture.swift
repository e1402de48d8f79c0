import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

/// A simulated local and remote cluster, the engine's services over them with every request
/// recorded, and helpers to describe remotes the way a plan would.
struct SetupFixture {
    let environment: SimulatedEnvironment
    let log = SetupRequestLog()
    let folder: String
    let services: SetupServices

    /// Starts the environment; it is stopped when the test ends (`.stopsResources`).
    /// `deadline` bounds each wait (rollout, connection); failure cases use a short one.
    static func start(
        remoteClusterServerEnabled: Bool = true, faults: Set<SimulatorFault> = [], deadline: Duration = .seconds(45)
    ) async throws -> SetupFixture {
        let environment = try await SimulatedEnvironment.start(
            .init(
                faults: faults, remoteClusterServerEnabled: remoteClusterServerEnabled,
                restartDuration: .milliseconds(150)))
        TestCleanup.add { await environment.shutdown() }
        return SetupFixture(environment: environment, deadline: deadline)
    }

    init(environment: SimulatedEnvironment, deadline: Duration) {
        self.environment = environment
        folder = environment.directory + "/setup"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let log = self.log
        services = SetupServices(
            transport: RecordingTransport(inner: CurlTransport(), log: log),
            prober: RecordingProber(inner: CurlTLSProbe(), log: log),
            kubernetes: RecordingKubernetes(inner: environment.kubernetes, log: log),
            poll: PollPolicy(
                interval: .milliseconds(40), maximumInterval: .milliseconds(200), deadline: deadline,
                rolloutStartGrace: .seconds(1)))
    }

    var local: any SimulatedLocalCluster { environment.local! }
    var remote: SimulatedRemoteCluster { environment.remote }
    var localLocation: KubernetesLocation { KubernetesLocation(context: "sim-local", namespace: "default") }
    var remoteLocation: KubernetesLocation { KubernetesLocation(context: "sim-remote", namespace: "default") }

    var localClient: ElasticsearchClient {
        ElasticsearchClient(
            transport: CurlTransport(),
            endpoint: ClusterEndpoint(
                baseURL: local.restURL, auth: .basic(user: "elastic", password: local.elasticPassword),
                trust: .caFile(local.httpCAFile)))
    }

    var remoteClient: ElasticsearchClient {
        ElasticsearchClient(transport: CurlTransport(), endpoint: remote.adminEndpoint)
    }

    /// An ECK remote on the simulated remote, with a key to create (named after the alias) that
    /// grants `logs-*`, and a CA file still to be saved from ECK's Secret.
    func eckRemote(
        _ alias: String, proxyAddress: String? = nil, serverName: String? = "remote-es-remote-cluster.default.svc",
        access: CrossClusterAccess = CrossClusterAccess(search: [.init(names: ["logs-*"])]),
        decisions: RemoteDecisions = RemoteDecisions()
    ) -> RemoteTarget {
        RemoteTarget(
            setup: RemoteSetup(
                alias: alias, type: .eck, proxyAddress: proxyAddress ?? remote.proxyAddress, serverName: serverName,
                certificateAuthority: RemoteCertificateAuthority(path: "\(folder)/\(alias)-ca.crt", pem: nil),
                eck: ECKClusterReference(
                    name: "remote", namespace: "default", context: "sim-remote", version: ECKVersion(3, 3, 0)),
                keyToCreate: CrossClusterAPIKeyRequest(name: "\(alias)-from-local", access: access)),
            endpoint: remote.adminEndpoint, decisions: decisions)
    }

    func context(_ remotes: [RemoteTarget], role: RemoteRoleSetup? = nil, apply: ManifestApplyMode = .kubectl)
        -> SetupContext
    {
        SetupContext(
            local: LocalClusterTarget(
                eck: ECKClusterReference(name: "local", namespace: "default", context: "sim-local"),
                endpoint: ClusterEndpoint(
                    baseURL: local.restURL, auth: .basic(user: "elastic", password: local.elasticPassword),
                    trust: .caFile(local.httpCAFile)),
                applyManifests: apply, manifestsDirectory: URL(fileURLWithPath: folder + "/manifests")),
            remotes: remotes, role: role)
    }

    var runner: SetupRunner { SetupRunner(services: services, concurrency: 3) }

    /// `status` as the command runs it, against the local cluster.
    func status() async throws -> [RemoteStatus] {
        try await RemoteStatusCheck(client: localClient, prober: CurlTLSProbe(), probeTimeout: 5).run()
    }

    /// The persistent remote settings of the local cluster, as Elasticsearch returns them.
    func persistentSettings() async throws -> JSONValue {
        try await localClient.send(ElasticsearchRequests.clusterSettings()) { json in json["persistent"] ?? [:] }
    }

    /// The remote's active key ids, sorted.
    func activeKeys() async throws -> [String] {
        try await remoteClient.apiKeys(APIKeyQuery(activeOnly: true)).filter { $0.isActive() }.map(\.id).sorted()
    }

    /// How often the local node started (1 + rollouts).
    var localStarts: Int { (local as? LocalElasticsearchCluster)?.starts ?? -1 }
}

extension SetupReport {
    /// `alias: outcome` for every step, for failure messages.
    var trace: String {
        results.map { "\($0.id): \($0.outcome)" }.joined(separator: "\n")
    }
}
