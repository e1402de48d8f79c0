import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

extension KubernetesAPISuites {
    /// Every Kubernetes artifact the engine generates, applied with `KubectlClient` and the real kubectl
    /// to the simulated API server with the ECK CRD installed: the API server accepts each one, the
    /// remote's patch enables its remote cluster server, and the local rollout loads the new keystore
    /// and CA trust.
    @Suite(.serialized, .stopsResources, .enabled(if: Kubectl.isAvailable, "\(Kubectl.missing)"))
    struct ArtifactsThroughKubectlTests {
        enum Remote: String, CaseIterable, CustomTestStringConvertible {
            case eck33, eck32, ech, selfManaged
            var testDescription: String { rawValue }
        }

        static func remoteSetup(_ remote: Remote, environment: SimulatedEnvironment) -> RemoteSetup {
            let ca = RemoteCertificateAuthority(
                path: environment.remote.files.transportCA, pem: environment.remote.transportCA.certificatePEM)
            let key = Secret("ZW5jb2RlZDprZXk=")
            switch remote {
            case .eck33, .eck32:
                return RemoteSetup(
                    alias: "eck-remote", type: .eck, proxyAddress: environment.remote.proxyAddress,
                    serverName: environment.remote.identity.remoteClusterServiceName, certificateAuthority: ca,
                    eck: ECKClusterReference(
                        name: "remote", namespace: "default", context: "sim-remote",
                        version: remote == .eck33 ? ECKVersion(3, 3, 0) : ECKVersion(3, 2, 0)),
                    credentials: key)
            case .ech:
                return RemoteSetup(
                    alias: "cloud", type: .ech,
                    proxyAddress: "a542184a7a7d45b88b83f95392f450ab.eu-west-1.aws.found.io:9443",
                    serverName: "a542184a7a7d45b88b83f95392f450ab.eu-west-1.aws.found.io", credentials: key)
            case .selfManaged:
                return RemoteSetup(
                    alias: "dc2", type: .selfManaged, proxyAddress: environment.remote.proxyAddress,
                    certificateAuthority: ca,
                    credentials: key)
            }
        }

        @Test(arguments: Remote.allCases) func everyManifestIsAcceptedAndRollsOut(_ remote: Remote) async throws {
            let environment = try await Kubectl.environment()
            TestCleanup.add { await environment.shutdown() }
            let client = Kubectl.client(for: environment)
            let local = SimulatedEnvironment.localLocation
            let resource = try await client.get(kind: "elasticsearch", name: "local", in: local)
            let setup = Self.remoteSetup(remote, environment: environment)
            let artifacts = try ArtifactGenerator.generate(
                ConnectionSetup(
                    local: ECKClusterReference(name: "local", namespace: "default", context: "sim-local"),
                    localElasticsearch: resource, remotes: [setup], includeSecrets: true))

            for artifact in artifacts.artifacts where artifact.kind == .kubernetesPatch {
                let patch = try #require(artifact.object)
                try await client.mergePatch(
                    kind: "elasticsearch", name: "remote", patch: patch, in: environment.remoteContext.location)
                try await client.waitForElasticsearchReady(
                    name: "remote", in: environment.remoteContext.location, timeoutSeconds: 20)
                #expect(environment.remote.isRemoteClusterServerEnabled)
            }
            let manifests = artifacts.artifacts.filter { $0.kind == .kubernetesManifest && $0.target == .local }
            #expect(!manifests.isEmpty)
            try await client.apply(manifests.compactMap(\.object), in: local)
            try await client.waitForElasticsearchReady(name: "local", in: local, timeoutSeconds: 20)
            let cluster = try #require(environment.local as? LocalElasticsearchCluster)
            #expect(cluster.lastStartupError == nil)
            #expect(cluster.loadedKeystore.credentials(for: setup.alias)?.revealed == "ZW5jb2RlZDprZXk=")
            #expect(cluster.remoteClusterClientSSL.usesSystemTrust == (setup.certificateAuthority == nil))
            for manifest in manifests.compactMap(\.object) {
                let kind = try #require(manifest["kind"]?.stringValue)
                let name = try #require(manifest[path: ["metadata", "name"]]?.stringValue)
                _ = try await client.get(kind: kind, name: name, in: local)
            }
        }
    }
}
