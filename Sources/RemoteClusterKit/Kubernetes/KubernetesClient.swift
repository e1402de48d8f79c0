/// Where a Kubernetes object lives: a kubeconfig context and a namespace, always explicit.
public struct KubernetesLocation: Sendable, Hashable, CustomStringConvertible {
    /// The kubeconfig context (`kubectl --context`).
    public var context: String
    /// The namespace (`kubectl --namespace`).
    public var namespace: String

    public init(context: String, namespace: String) {
        self.context = context
        self.namespace = namespace
    }

    public var description: String { "context \(context), namespace \(namespace)" }
}

/// Why a Kubernetes operation failed, in words an operator can act on.
public enum KubernetesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `kubectl` is not on PATH.
    case kubectlNotFound
    /// The kubeconfig has no such context; `known` lists the contexts it has.
    case unknownContext(String, known: [String])
    /// The object does not exist.
    case notFound(kind: String, name: String, location: KubernetesLocation)
    /// kubectl (or the API server) refused; `message` quotes what it said, secrets redacted.
    case commandFailed(command: String, message: String)
    /// The operation did not finish in time.
    case timedOut(operation: String, seconds: Double)
    /// kubectl printed something the client could not read.
    case unreadableOutput(String)

    public var description: String {
        switch self {
        case .kubectlNotFound:
            return
                "kubectl was not found on PATH. Install kubectl, or choose to save the manifests to files and apply them yourself."
        case .unknownContext(let name, let known):
            guard !known.isEmpty else {
                return
                    "The kubeconfig has no context named \"\(name)\"; it has no contexts at all. Set KUBECONFIG to the file with the cluster's context, then check with `kubectl config get-contexts`."
            }
            return
                "The kubeconfig has no context named \"\(name)\" (it has: \(known.joined(separator: ", "))). Pick one of those, or run `kubectl config get-contexts`."
        case .notFound(let kind, let name, let location):
            return "\(kind) \"\(name)\" was not found in \(location)."
        case .commandFailed(let command, let message):
            return "\(command) failed: \(message)"
        case .timedOut(let operation, let seconds):
            return "\(operation) did not finish within \(Int(seconds)) s."
        case .unreadableOutput(let detail):
            return "kubectl printed output that could not be read: \(detail)"
        }
    }
}

/// The Kubernetes operations the wizard needs, on any cluster it can reach.
///
/// `KubectlClient` runs the real `kubectl`; the simulator implements the same protocol over its
/// simulated objects, one context per simulated cluster. Objects are whole JSON trees as the API
/// server returns them (`kubectl get -o json`).
public protocol KubernetesClient: Sendable {
    /// Checks that the client can reach `location.context` at all (kubectl present, context known).
    func verify(_ location: KubernetesLocation) async throws(KubernetesError)

    /// Reads one object, e.g. `kind: "elasticsearch"` or `"secret"`.
    func get(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError) -> JSONValue

    /// Creates or updates objects (`kubectl apply -f -`); manifests travel on stdin, never in arguments.
    func apply(_ objects: [JSONValue], in location: KubernetesLocation) async throws(KubernetesError)

    /// Applies a JSON merge patch to one object.
    func mergePatch(kind: String, name: String, patch: JSONValue, in location: KubernetesLocation)
        async throws(KubernetesError)

    /// Deletes one object; one that does not exist is not an error.
    func delete(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError)

    /// Reads and base64-decodes one key of a Secret.
    func secretData(secret: String, key: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> [UInt8]

    /// Waits until the `Elasticsearch` resource reports `status.phase: Ready` and has observed its
    /// current generation (`status.observedGeneration >= metadata.generation`).
    func waitForElasticsearchReady(name: String, in location: KubernetesLocation, timeoutSeconds: Double)
        async throws(KubernetesError)
}
