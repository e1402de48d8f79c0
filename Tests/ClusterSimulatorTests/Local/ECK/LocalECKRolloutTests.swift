import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// The keystore and the `remote_cluster_client` trust of the local cluster change only as on ECK:
/// a Secret in `spec.secureSettings`, the CA from a mounted ConfigMap, then a rolling restart.
@Suite(.serialized, .stopsResources) struct LocalECKRolloutTests {
    let location = KubernetesLocation(context: "sim-local", namespace: "default")

    func startEnvironment() async throws -> (SimulatedEnvironment, LocalElasticsearchCluster) {
        let environment = try await SimulatedEnvironment.start(.init(
            restartDuration: .milliseconds(300), localClusterFactory: LocalElasticsearchCluster.environmentFactory))
        let local = try #require(environment.local as? LocalElasticsearchCluster)
        return (environment, local)
    }

    /// The Elasticsearch change of the "CA is private" procedure.
    func elasticsearchPatch(caPath: String) -> JSONValue {
        ["spec": [
            "secureSettings": [["secretName": "remote-api-keys"]],
            "nodeSets": [[
                "name": "default", "count": 1,
                "config": ["xpack.security.remote_cluster_client.ssl.enabled": true,
                           "xpack.security.remote_cluster_client.ssl.certificate_authorities": [.string(caPath)]],
                "podTemplate": ["spec": [
                    "containers": [["name": "elasticsearch", "volumeMounts": [
                        ["name": "remote-ca", "mountPath": "/usr/share/elasticsearch/config/remote-certs"],
                    ]]],
                    "volumes": [["name": "remote-ca", "configMap": ["name": "remote-ca"]]],
                ]],
            ]],
        ]]
    }

    func applySecretAndCA(_ environment: SimulatedEnvironment, key: Secret) async throws {
        let ca = try String(contentsOfFile: environment.remote.files.transportCA, encoding: .utf8)
        try await environment.kubernetes.apply([
            ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "remote-api-keys"], "type": "Opaque",
             "stringData": ["cluster.remote.a.credentials": .string(key.revealed)]],
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "remote-ca"],
             "data": ["remote-cluster-ca.crt": .string(ca)]],
        ], in: location)
    }

    @Test func secretAndCAApplyAfterTheRollingRestart() async throws {
        let (environment, local) = try await startEnvironment()
        TestCleanup.add { await environment.shutdown() }
        let key = environment.remote.apiKeys.create(
            name: "k", type: .crossCluster, username: "elastic", realm: "reserved", expiration: nil,
            access: ["search": [["names": ["*"]]]]).encoded
        try local.updateClusterSettings(body: ["persistent": [
            "cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": .string(environment.remote.proxyAddress),
            "cluster.remote.a.server_name": .string(environment.remote.identity.remoteClusterServiceName),
            "cluster.remote.a.proxy_socket_connections": 2,
        ]])
        let before = await local.connections.waitForIdle("a", timeoutSeconds: 20)
        #expect(before?.connected == false, "no CA and no key yet")

        try await applySecretAndCA(environment, key: key)
        #expect(local.starts == 1, "an unreferenced Secret does not restart the pods")
        try await environment.kubernetes.mergePatch(
            kind: "elasticsearch", name: "local", patch: elasticsearchPatch(caPath: "remote-certs/remote-cluster-ca.crt"),
            in: location)
        let during = try await environment.kubernetes.get(kind: "elasticsearch", name: "local", in: location)
        #expect(during[path: ["status", "phase"]] == "ApplyingChanges")
        #expect(local.loadedKeystore.credentials(for: "a") == nil, "nothing applies before the restart")

        try await environment.kubernetes.waitForElasticsearchReady(name: "local", in: location, timeoutSeconds: 20)
        let after = try await environment.kubernetes.get(kind: "elasticsearch", name: "local", in: location)
        #expect(after[path: ["status", "observedGeneration"]] == after[path: ["metadata", "generation"]])
        #expect(local.starts == 2)
        #expect(local.loadedKeystore.credentials(for: "a") == key)
        #expect(!local.remoteClusterClientSSL.usesSystemTrust)
        let connected = await local.connections.waitForIdle("a", timeoutSeconds: 20)
        #expect(connected?.connected == true)
        #expect(connected?.openConnections == 2)
    }

    @Test func aCAThatIsNotMountedLeavesTheRolloutStuck() async throws {
        let (environment, local) = try await startEnvironment()
        TestCleanup.add { await environment.shutdown() }
        try await applySecretAndCA(environment, key: Secret("a2V5OnNlY3JldA=="))
        try await environment.kubernetes.mergePatch(
            kind: "elasticsearch", name: "local", patch: elasticsearchPatch(caPath: "remote-certs/missing.crt"), in: location)
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, local.lastStartupError == nil {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(local.lastStartupError?.reason.contains("/usr/share/elasticsearch/config/remote-certs/missing.crt") == true)
        let resource = try await environment.kubernetes.get(kind: "elasticsearch", name: "local", in: location)
        #expect(resource[path: ["status", "phase"]] == "ApplyingChanges")
        #expect(resource[path: ["status", "health"]] == "red")
        #expect(local.starts == 1)
        #expect(local.loadedKeystore.credentials(for: "a") == nil)
    }

    @Test func changingTheSecureSettingsSecretRollsThePods() async throws {
        let (environment, local) = try await startEnvironment()
        TestCleanup.add { await environment.shutdown() }
        try await applySecretAndCA(environment, key: Secret("Zmlyc3Q6a2V5"))
        try await environment.kubernetes.mergePatch(
            kind: "elasticsearch", name: "local", patch: elasticsearchPatch(caPath: "remote-certs/remote-cluster-ca.crt"),
            in: location)
        try await environment.kubernetes.waitForElasticsearchReady(name: "local", in: location, timeoutSeconds: 20)
        try await applySecretAndCA(environment, key: Secret("c2Vjb25kOmtleQ=="))
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, local.starts < 3 {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(local.loadedKeystore.credentials(for: "a")?.revealed == "c2Vjb25kOmtleQ==")
    }
}
