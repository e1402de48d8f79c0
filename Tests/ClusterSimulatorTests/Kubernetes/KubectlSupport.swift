import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

/// The real kubectl on this machine (`make deps` installs it where missing), and a simulated
/// environment that serves the Kubernetes API for it.
enum Kubectl {
    /// The kubectl executable on PATH, or nil.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return directories.map { "\($0)/kubectl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isAvailable: Bool { path != nil }
    static let missing =
        "kubectl is not installed: run `make deps` (Debian package kubernetes-client) to run the kubectl tests"

    /// Runs kubectl against `environment`'s kubeconfig, with its discovery cache in the environment.
    static func run(_ arguments: [String], in environment: SimulatedEnvironment, stdin: String? = nil) async throws
        -> ProcessResult
    {
        guard let path, let kubeconfig = environment.kubeconfig else {
            throw FixtureError(description: missing)
        }
        return try await ProcessRunner.run(
            path, ["--kubeconfig", kubeconfig, "--cache-dir", environment.directory + "/kube-cache"] + arguments,
            stdin: stdin)
    }

    /// The ECK CRD of the shared reference data.
    static var elasticsearchCRD: URL {
        RepositoryPaths.shared.appendingPathComponent("eck-reference/elasticsearch.k8s.elastic.co_elasticsearches.yaml")
    }

    /// Both clusters, the Kubernetes API with the ECK CRD schema, and short rollouts.
    static func environment(restart: Duration = .milliseconds(300)) async throws -> SimulatedEnvironment {
        try await SimulatedEnvironment.start(
            .init(restartDuration: restart, servesKubernetesAPI: true, elasticsearchCRD: elasticsearchCRD))
    }

    /// A `KubectlClient` for the environment's kubeconfig, polling quickly.
    static func client(for environment: SimulatedEnvironment) -> KubectlClient {
        var client = KubectlClient(timeoutSeconds: 30, pollIntervalSeconds: 0.1)
        client.kubeconfig = environment.kubeconfig
        return client
    }
}

/// The suites that start simulated environments with the Kubernetes API and the ECK CRD: one at a
/// time, so they do not crowd out the timing of the other integration tests.
@Suite(.serialized) enum KubernetesAPISuites {}
