import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

/// The wizard's whole procedure against `SimulatedEnvironment`, through public APIs only: the
/// engine's `ElasticsearchClient` over `CurlTransport`, and the simulated Kubernetes client.
@Suite("The wizard's procedure against the simulated environment", .stopsResources)
struct DemoPathTests {
    @Test("enable the remote cluster server, create a key, configure ECK, add the remote: connected")
    func wholeProcedure() async throws {
        let environment = try await SimulatedEnvironment.start(
            .init(remoteClusterServerEnabled: false, restartDuration: .milliseconds(200)))
        TestCleanup.add { await environment.shutdown() }
        try await procedure(environment)
    }

    func procedure(_ environment: SimulatedEnvironment) async throws {
        let local = try #require(environment.local)
        let remoteLocation = KubernetesLocation(context: "sim-remote", namespace: "default")
        let localLocation = KubernetesLocation(context: "sim-local", namespace: "default")
        let kubernetes = environment.kubernetes
        let transport = CurlTransport()
        let remoteClient = ElasticsearchClient(transport: transport, endpoint: environment.remote.adminEndpoint)
        let localClient = ElasticsearchClient(
            transport: transport,
            endpoint: ClusterEndpoint(
                baseURL: local.restURL, auth: .basic(user: "elastic", password: local.elasticPassword),
                trust: .caFile(local.httpCAFile)))

        // A. Enable the remote cluster server (ECK restarts the remote).
        try await kubernetes.mergePatch(
            kind: "elasticsearch", name: "remote", patch: ["spec": ["remoteClusterServer": ["enabled": true]]],
            in: remoteLocation)
        try await kubernetes.waitForElasticsearchReady(name: "remote", in: remoteLocation, timeoutSeconds: 20)
        let ca = try await kubernetes.secretData(
            secret: "remote-es-transport-certs-public", key: "ca.crt", in: remoteLocation)

        #expect(environment.remote.isRemoteClusterServerEnabled)
        do {
            let probe = try await RemoteClusterHandshakeClient().connect(
                .init(
                    host: "127.0.0.1", port: environment.remote.remoteClusterServerPort,
                    serverName: environment.remote.identity.remoteClusterServiceName,
                    trust: .caFile(environment.remote.files.transportCA), credentials: nil))
            Issue.record("accepted without a key: \(probe.identity)")
        } catch {
            #expect(error == .rejected(.missingCredentials), "\(error)")
        }

        // B. Create the cross-cluster key on the remote.
        let key = try await remoteClient.createCrossClusterAPIKey(
            CrossClusterAPIKeyRequest(
                name: "local-to-remote", access: CrossClusterAccess(search: [.init(names: ["logs-*"])])))

        // C. Keystore Secret, CA ConfigMap, Elasticsearch change on the local cluster; it rolls.
        try await kubernetes.apply(
            [
                [
                    "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "remote-api-keys"], "type": "Opaque",
                    "stringData": ["cluster.remote.central.credentials": .string(key.encoded.revealed)],
                ],
                [
                    "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "remote-ca"],
                    "data": ["ca.crt": .string(String(decoding: ca, as: UTF8.self))],
                ],
            ], in: localLocation)
        try await kubernetes.mergePatch(
            kind: "elasticsearch", name: "local",
            patch: [
                "spec": [
                    "secureSettings": [["secretName": "remote-api-keys"]],
                    "nodeSets": [
                        [
                            "name": "default", "count": 1,
                            "config": [
                                "xpack.security.remote_cluster_client.ssl.certificate_authorities": [
                                    "remote-certs/ca.crt"
                                ]
                            ],
                            "podTemplate": [
                                "spec": [
                                    "containers": [
                                        [
                                            "name": "elasticsearch",
                                            "volumeMounts": [
                                                [
                                                    "name": "remote-ca",
                                                    "mountPath": "/usr/share/elasticsearch/config/remote-certs",
                                                ]
                                            ],
                                        ]
                                    ],
                                    "volumes": [["name": "remote-ca", "configMap": ["name": "remote-ca"]]],
                                ]
                            ],
                        ]
                    ],
                ]
            ], in: localLocation)
        try await kubernetes.waitForElasticsearchReady(name: "local", in: localLocation, timeoutSeconds: 20)

        // D. Add the remote; E. verify through _resolve/cluster and _remote/info.
        let acknowledged = try await localClient.putRemote(
            RemoteClusterSettings(
                alias: "central",
                mode: .proxy(
                    address: environment.remote.proxyAddress,
                    serverName: environment.remote.identity.remoteClusterServiceName)))
        #expect(acknowledged)
        let deadline = ContinuousClock.now + .seconds(20)
        var resolved: [ResolvedCluster] = []
        while ContinuousClock.now < deadline {
            resolved = try await localClient.resolveCluster(aliases: ["central"])
            if resolved.first(where: { $0.alias == "central" })?.connected == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(resolved.first(where: { $0.alias == "central" })?.connected == true)
        let info = try await localClient.remoteInfo()
        let central = try #require(info.first { $0.alias == "central" })
        #expect(central.connected)
        #expect(central.hasClusterCredentials)
        #expect(central.serverName == "remote-es-remote-cluster.default.svc")
        #expect(environment.remote.openRemoteClusterConnections > 0)
        #expect(environment.remote.observedServerNames.contains("remote-es-remote-cluster.default.svc"))

        // A fault on the remote side takes the connection down for the next check.
        await environment.faults.set(.keyInvalidated, true)
        await environment.remote.dropRemoteClusterConnections()
        let afterFault = try await localClient.resolveCluster(aliases: ["central"])
        #expect(afterFault.first(where: { $0.alias == "central" })?.connected == false)
    }
}
