import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

@Suite("Simulated Kubernetes, remote context")
struct SimulatedKubernetesTests {
    /// A simulated Kubernetes serving the fixture's cluster as the `sim-remote` context.
    static func remoteContext(_ fixture: RemoteClusterFixture, restart: Duration) throws
        -> (SimulatedKubernetes, KubernetesLocation)
    {
        let kubernetes = SimulatedKubernetes(pollInterval: .milliseconds(20))
        try RemoteKubernetesContext(cluster: fixture.cluster, restartDuration: restart).install(into: kubernetes)
        return (kubernetes, KubernetesLocation(context: "sim-remote", namespace: "default"))
    }

    @Test("enabling the remote cluster server through the Elasticsearch resource starts the listener after a restart")
    func enableRemoteClusterServer() async throws {
        try await RemoteClusterFixture.with(remoteClusterServerEnabled: false) {
            (fixture: RemoteClusterFixture) async throws in
            let (kubernetes, location) = try Self.remoteContext(fixture, restart: .milliseconds(200))
            try await kubernetes.verify(location)
            await #expect(throws: KubernetesError.unknownContext("sim-nowhere", known: ["sim-remote"])) {
                try await kubernetes.verify(KubernetesLocation(context: "sim-nowhere", namespace: "default"))
            }

            let ca = try await kubernetes.secretData(
                secret: "remote-es-transport-certs-public", key: "ca.crt", in: location)
            #expect(String(decoding: ca, as: UTF8.self) == fixture.cluster.transportCA.certificatePEM)
            await #expect(
                throws: KubernetesError.notFound(kind: "service", name: "remote-es-remote-cluster", location: location)
            ) {
                _ = try await kubernetes.get(kind: "service", name: "remote-es-remote-cluster", in: location)
            }

            try await kubernetes.mergePatch(
                kind: "elasticsearch", name: "remote",
                patch: ["spec": ["remoteClusterServer": ["enabled": true]]], in: location)
            let rolling = try await kubernetes.get(kind: "Elasticsearch", name: "remote", in: location)
            #expect(rolling[path: ["metadata", "generation"]] == 2)
            #expect(!SimulatedKubernetes.isReady(rolling))
            #expect(!fixture.cluster.isRemoteClusterServerEnabled)

            try await kubernetes.waitForElasticsearchReady(name: "remote", in: location, timeoutSeconds: 10)
            #expect(fixture.cluster.isRemoteClusterServerEnabled)
            _ = try await kubernetes.get(kind: "svc", name: "remote-es-remote-cluster", in: location)
            let key = try await fixture.createCrossClusterKey()
            let connection = try await RemoteClusterHandshakeClient().connect(fixture.rcsTarget(key: key.encoded))
            await connection.close()
        }
    }

    @Test("a change during a rollout supersedes it: the rollout ends with the latest spec and generation")
    func changesDuringARolloutEndWithTheLatest() async throws {
        try await RemoteClusterFixture.with(remoteClusterServerEnabled: false) {
            (fixture: RemoteClusterFixture) async throws in
            let (kubernetes, location) = try Self.remoteContext(fixture, restart: .milliseconds(300))
            // Generation 2 enables the server, generation 3 (before 2 has rolled out) shapes its
            // Service, generation 4 disables it again.
            for patch: JSONValue in [
                ["spec": ["remoteClusterServer": ["enabled": true]]],
                ["spec": ["remoteClusterServer": ["service": ["spec": ["type": "LoadBalancer"]]]]],
                ["spec": ["remoteClusterServer": ["enabled": false]]],
            ] {
                try await kubernetes.mergePatch(kind: "elasticsearch", name: "remote", patch: patch, in: location)
            }
            try await kubernetes.waitForElasticsearchReady(name: "remote", in: location, timeoutSeconds: 10)
            let ready = try await kubernetes.get(kind: "elasticsearch", name: "remote", in: location)
            #expect(ready[path: ["metadata", "generation"]] == 4)
            #expect(ready[path: ["status", "observedGeneration"]] == 4)
            #expect(!fixture.cluster.isRemoteClusterServerEnabled)
            // No older rollout finishes afterwards and undoes the latest.
            try await Task.sleep(for: .milliseconds(700))
            let later = try await kubernetes.get(kind: "elasticsearch", name: "remote", in: location)
            #expect(later[path: ["status", "observedGeneration"]] == 4)
            #expect(!fixture.cluster.isRemoteClusterServerEnabled)
        }
    }

    @Test("apply stores manifests (stringData becomes data), refuses another namespace; wait times out")
    func applyAndWait() async throws {
        let kubernetes = SimulatedKubernetes(pollInterval: .milliseconds(10))
        struct Quiet: SimulatedKubernetesContextBehavior {
            func objectChanged(
                kind: String, name: String, object: JSONValue, in location: KubernetesLocation,
                kubernetes: SimulatedKubernetes
            ) async {}
        }
        kubernetes.addContext("sim-local", behavior: Quiet())
        let location = KubernetesLocation(context: "sim-local", namespace: "default")
        try await kubernetes.apply(
            [
                [
                    "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "keys"],
                    "stringData": ["cluster.remote.r.credentials": "abc"],
                ]
            ], in: location)
        #expect(
            try await kubernetes.secretData(secret: "keys", key: "cluster.remote.r.credentials", in: location)
                == Array("abc".utf8))
        await #expect(throws: KubernetesError.self) {
            try await kubernetes.apply(
                [["kind": "Secret", "metadata": ["name": "x", "namespace": "other"]]], in: location)
        }
        try await kubernetes.apply(
            [["kind": "Elasticsearch", "metadata": ["name": "local"], "spec": ["version": "9.1.0"]]],
            in: location)
        await #expect(
            throws: KubernetesError.timedOut(operation: "Waiting for Elasticsearch local to be Ready", seconds: 0.1)
        ) {
            try await kubernetes.waitForElasticsearchReady(name: "local", in: location, timeoutSeconds: 0.1)
        }
    }

    @Test("JSON merge patch follows RFC 7386")
    func mergePatch() {
        let target: JSONValue = ["a": "b", "c": ["d": "e", "f": "g"]]
        let patch: JSONValue = ["a": "z", "c": ["f": nil]]
        #expect(SimulatedKubernetes.mergePatched(target, patch) == ["a": "z", "c": ["d": "e"]])
    }
}
