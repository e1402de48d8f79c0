import ClusterSimulator
import Foundation
import RemoteClusterKit

/// Everything the setup engine sent to the simulated clusters, Kubernetes and the prober, in order.
final class SetupRequestLog: @unchecked Sendable {
    enum Entry: Hashable, CustomStringConvertible {
        case http(method: String, path: String, host: String)
        case kubernetes(operation: String, kind: String, name: String, context: String)
        case probe(address: String)

        var description: String {
            switch self {
            case .http(let method, let path, let host): return "\(method) \(host)\(path)"
            case .kubernetes(let operation, let kind, let name, let context):
                return "kubectl \(operation) \(kind) \(name) (\(context))"
            case .probe(let address): return "probe \(address)"
            }
        }

        /// Whether the entry changes a cluster or Kubernetes (searches and resolves only read).
        var changes: Bool {
            switch self {
            case .http(let method, let path, _):
                if method == "GET" || method == "HEAD" { return false }
                return !(method == "POST" && path.hasSuffix("/_search"))
            case .kubernetes(let operation, _, _, _): return ["apply", "patch", "delete"].contains(operation)
            case .probe: return false
            }
        }
    }

    private let lock = NSLock()
    private var stored: [Entry] = []

    func append(_ entry: Entry) {
        lock.lock()
        stored.append(entry)
        lock.unlock()
    }

    var entries: [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    var changing: [Entry] { entries.filter(\.changes) }

    func clear() {
        lock.lock()
        stored.removeAll()
        lock.unlock()
    }
}

struct RecordingTransport: HTTPTransport {
    let inner: any HTTPTransport
    let log: SetupRequestLog

    func send(_ request: HTTPRequest, to endpoint: ClusterEndpoint) async throws(TransportError) -> HTTPResponse {
        log.append(.http(method: request.method.rawValue, path: request.path, host: endpoint.baseURL))
        return try await inner.send(request, to: endpoint)
    }
}

struct RecordingProber: TLSProbing {
    let inner: any TLSProbing
    let log: SetupRequestLog

    func probe(_ request: TLSProbeRequest) async -> TLSProbeResult {
        log.append(.probe(address: request.address))
        return await inner.probe(request)
    }
}

struct RecordingKubernetes: KubernetesClient {
    let inner: any KubernetesClient
    let log: SetupRequestLog

    func record(_ operation: String, _ kind: String, _ name: String, _ location: KubernetesLocation) {
        log.append(.kubernetes(operation: operation, kind: kind, name: name, context: location.context))
    }

    func verify(_ location: KubernetesLocation) async throws(KubernetesError) {
        try await inner.verify(location)
    }

    func get(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError) -> JSONValue {
        record("get", kind, name, location)
        return try await inner.get(kind: kind, name: name, in: location)
    }

    func apply(_ objects: [JSONValue], in location: KubernetesLocation) async throws(KubernetesError) {
        let kinds = objects.map { $0["kind"]?.stringValue ?? "?" }.joined(separator: "+")
        let names = objects.map { $0[path: ["metadata", "name"]]?.stringValue ?? "?" }.joined(separator: "+")
        record("apply", kinds, names, location)
        try await inner.apply(objects, in: location)
    }

    func mergePatch(kind: String, name: String, patch: JSONValue, in location: KubernetesLocation)
        async throws(KubernetesError)
    {
        record("patch", kind, name, location)
        try await inner.mergePatch(kind: kind, name: name, patch: patch, in: location)
    }

    func delete(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError) {
        record("delete", kind, name, location)
        try await inner.delete(kind: kind, name: name, in: location)
    }

    func secretData(secret: String, key: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> [UInt8]
    {
        record("get", "secret", secret, location)
        return try await inner.secretData(secret: secret, key: key, in: location)
    }

    func waitForElasticsearchReady(name: String, in location: KubernetesLocation, timeoutSeconds: Double)
        async throws(KubernetesError)
    {
        try await inner.waitForElasticsearchReady(name: name, in: location, timeoutSeconds: timeoutSeconds)
    }
}
