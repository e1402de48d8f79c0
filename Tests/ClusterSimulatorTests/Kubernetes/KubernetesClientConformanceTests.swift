import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

extension KubernetesAPISuites {
    /// One set of expectations for the engine's `KubernetesClient`, run against the in-process client
    /// (`SimulatedKubernetes`, what `demo` uses) and against `KubectlClient` with the real kubectl
    /// talking to the simulated API server: both must behave the same.
    @Suite(.serialized, .stopsResources) struct KubernetesClientConformanceTests {
        enum Backend: String, CaseIterable, CustomTestStringConvertible {
            case inProcess, kubectl
            var testDescription: String { rawValue }
        }

        static let backends: [Backend] = Kubectl.isAvailable ? Backend.allCases : [.inProcess]
        static let local = KubernetesLocation(context: "sim-local", namespace: "default")
        static let remote = KubernetesLocation(context: "sim-remote", namespace: "default")

        static func start(_ backend: Backend, restart: Duration = .milliseconds(300)) async throws -> (
            SimulatedEnvironment, any KubernetesClient
        ) {
            let environment = try await Kubectl.environment(restart: restart)
            TestCleanup.add { await environment.shutdown() }
            switch backend {
            case .inProcess: return (environment, environment.kubernetes)
            case .kubectl: return (environment, Kubectl.client(for: environment))
            }
        }

        static func secret(_ value: String) -> JSONValue {
            [
                "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "remote-api-keys"], "type": "Opaque",
                "stringData": ["cluster.remote.r.credentials": .string(value)],
            ]
        }

        @Test(arguments: backends) func contextsAreCheckedAgainstTheKubeconfig(_ backend: Backend) async throws {
            let (_, client) = try await Self.start(backend)
            try await client.verify(Self.local)
            try await client.verify(Self.remote)
            await #expect(throws: KubernetesError.unknownContext("sim-nowhere", known: ["sim-local", "sim-remote"])) {
                try await client.verify(KubernetesLocation(context: "sim-nowhere", namespace: "default"))
            }
        }

        @Test(arguments: backends) func applyCreatesThenUpdatesASecret(_ backend: Backend) async throws {
            let (_, client) = try await Self.start(backend)
            try await client.apply([Self.secret("first")], in: Self.local)
            #expect(
                try await client.secretData(
                    secret: "remote-api-keys", key: "cluster.remote.r.credentials", in: Self.local)
                    == Array("first".utf8))
            let created = try await client.get(kind: "secret", name: "remote-api-keys", in: Self.local)
            #expect(created["type"] == "Opaque")
            #expect(created["stringData"] == nil, "stringData is folded into data")
            #expect(created[path: ["metadata", "annotations", SimulatedKubernetes.lastAppliedAnnotation]] != nil)
            let firstVersion = try #require(
                created[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap(Int.init))
            try await client.apply([Self.secret("second")], in: Self.local)
            let updated = try await client.get(kind: "Secret", name: "remote-api-keys", in: Self.local)
            #expect(
                updated[path: ["data", "cluster.remote.r.credentials"]]
                    == .string(Data("second".utf8).base64EncodedString()))
            #expect(
                try #require(updated[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap(Int.init))
                    > firstVersion)
            #expect(updated[path: ["metadata", "uid"]] == created[path: ["metadata", "uid"]])
            try await client.apply([Self.secret("second")], in: Self.local)
            let again = try await client.get(kind: "secret", name: "remote-api-keys", in: Self.local)
            #expect(
                again[path: ["metadata", "resourceVersion"]] == updated[path: ["metadata", "resourceVersion"]],
                "an unchanged apply writes nothing")
        }

        @Test(arguments: backends) func missingObjectsAreNotFound(_ backend: Backend) async throws {
            let (_, client) = try await Self.start(backend)
            await #expect(throws: KubernetesError.notFound(kind: "secret", name: "absent", location: Self.local)) {
                _ = try await client.get(kind: "secret", name: "absent", in: Self.local)
            }
            await #expect(throws: KubernetesError.notFound(kind: "elasticsearch", name: "absent", location: Self.local))
            {
                try await client.mergePatch(
                    kind: "elasticsearch", name: "absent", patch: ["spec": ["version": "9.1.0"]], in: Self.local)
            }
        }

        /// The CRD schema of `../shared/eck-reference` rejects what it does not allow (422), and strict
        /// field validation refuses undeclared fields (400), with the API server's words.
        @Test(arguments: backends) func invalidManifestsAreRefusedWithTheAPIServersMessage(_ backend: Backend)
            async throws
        {
            let (_, client) = try await Self.start(backend)
            let wrongType: JSONValue = [
                "apiVersion": "elasticsearch.k8s.elastic.co/v1", "kind": "Elasticsearch", "metadata": ["name": "bad"],
                "spec": ["version": "9.1.0", "nodeSets": [["name": "default", "count": "one"]]],
            ]
            let message = try await Self.failure { try await client.apply([wrongType], in: Self.local) }
            #expect(
                message.contains(
                    #"The Elasticsearch "bad" is invalid: spec.nodeSets[0].count: Invalid value: "string": spec.nodeSets[0].count in body must be of type integer: "string""#
                ),
                "\(message)")
            let missing: JSONValue = [
                "apiVersion": "elasticsearch.k8s.elastic.co/v1", "kind": "Elasticsearch", "metadata": ["name": "bad"],
                "spec": ["version": "9.1.0"],
            ]
            let required = try await Self.failure { try await client.apply([missing], in: Self.local) }
            #expect(
                required.contains(#"The Elasticsearch "bad" is invalid: spec.nodeSets: Required value"#), "\(required)")
            var unknown = Self.secret("x")
            unknown = SimulatedKubernetes.setting(unknown, path: ["colour"], to: "blue")
            let strict = try await Self.failure { try await client.apply([unknown], in: Self.local) }
            #expect(
                strict.contains(
                    #"Secret in version "v1" cannot be handled as a Secret: strict decoding error: unknown field "colour""#
                ),
                "\(strict)")
        }

        /// A spec change of the local resource rolls it: generation up, ApplyingChanges, then Ready with
        /// `observedGeneration` caught up, and the node runs with the referenced keystore Secret.
        @Test(arguments: backends) func theLocalRolloutFollowsTheResource(_ backend: Backend) async throws {
            // The rollout lasts long enough for a kubectl started on a busy machine to see it under way.
            let (environment, client) = try await Self.start(backend, restart: .seconds(4))
            let before = try await client.get(kind: "elasticsearch", name: "local", in: Self.local)
            let generation = try #require(before[path: ["metadata", "generation"]]?.intValue)
            try await client.apply([Self.secret("encoded-key")], in: Self.local)
            try await client.mergePatch(
                kind: "elasticsearch", name: "local",
                patch: ["spec": ["secureSettings": [["secretName": "remote-api-keys"]]]],
                in: Self.local)
            let rolling = try await client.get(kind: "es", name: "local", in: Self.local)
            #expect(rolling[path: ["metadata", "generation"]]?.intValue == generation + 1)
            #expect(rolling[path: ["status", "phase"]] == "ApplyingChanges")
            try await client.waitForElasticsearchReady(name: "local", in: Self.local, timeoutSeconds: 20)
            let ready = try await client.get(kind: "elasticsearch", name: "local", in: Self.local)
            #expect(ready[path: ["status", "observedGeneration"]]?.intValue == generation + 1)
            let cluster = try #require(environment.local as? LocalElasticsearchCluster)
            #expect(cluster.loadedKeystore.credentials(for: "r")?.revealed == "encoded-key")
        }

        /// Enabling the remote cluster server on the remote resource starts the listener after the
        /// rollout and creates `<name>-es-remote-cluster`; the transport-certs-public Secret holds the CA.
        @Test(arguments: backends) func theRemoteClusterServerFollowsTheResource(_ backend: Backend) async throws {
            let (environment, client) = try await Self.start(backend)
            try await client.mergePatch(
                kind: "elasticsearch", name: "remote",
                patch: ["spec": ["remoteClusterServer": ["enabled": false]]], in: Self.remote)
            try await client.waitForElasticsearchReady(name: "remote", in: Self.remote, timeoutSeconds: 20)
            #expect(!environment.remote.isRemoteClusterServerEnabled)
            await #expect(
                throws: KubernetesError.notFound(
                    kind: "service", name: "remote-es-remote-cluster", location: Self.remote)
            ) {
                _ = try await client.get(kind: "service", name: "remote-es-remote-cluster", in: Self.remote)
            }
            try await client.mergePatch(
                kind: "elasticsearch", name: "remote",
                patch: [
                    "spec": ["remoteClusterServer": ["enabled": true, "service": ["spec": ["type": "LoadBalancer"]]]]
                ],
                in: Self.remote)
            try await client.waitForElasticsearchReady(name: "remote", in: Self.remote, timeoutSeconds: 20)
            #expect(environment.remote.isRemoteClusterServerEnabled)
            let service = try await client.get(kind: "service", name: "remote-es-remote-cluster", in: Self.remote)
            #expect(service[path: ["spec", "type"]] == "LoadBalancer")
            #expect(service[path: ["spec", "ports", "0", "port"]] == nil)
            #expect(service[path: ["spec", "ports"]]?.arrayValue?.first?["name"] == "rcs")
            #expect(service[path: ["status", "loadBalancer", "ingress"]]?.arrayValue?.first?["ip"] == "127.0.0.1")
            let ca = try await client.secretData(
                secret: "remote-es-transport-certs-public", key: "ca.crt", in: Self.remote)
            #expect(String(decoding: ca, as: UTF8.self) == environment.remote.transportCA.certificatePEM)
        }

        static func failure(_ body: () async throws -> Void) async throws -> String {
            do {
                try await body()
            } catch let error as KubernetesError {
                return error.description
            }
            Issue.record("expected a KubernetesError")
            return ""
        }
    }
}
