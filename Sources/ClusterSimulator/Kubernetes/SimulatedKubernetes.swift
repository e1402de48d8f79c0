import Foundation
import OrderedCollections
import RemoteClusterKit

/// Reacts to changes of the objects in one simulated Kubernetes context (e.g. starts a rollout).
///
/// The remote cluster's behaviour is `RemoteKubernetesContext`; the local cluster adds its own.
public protocol SimulatedKubernetesContextBehavior: Sendable {
    /// Called after `apply` or `mergePatch` stored `object` (the stored, merged object).
    func objectChanged(
        kind: String, name: String, object: JSONValue, in location: KubernetesLocation,
        kubernetes: SimulatedKubernetes) async
}

/// The engine's `KubernetesClient` over simulated objects: one store shared by every context
/// (`sim-local`, `sim-remote`), objects kept as the JSON the API server would return.
///
/// Kinds are matched the way kubectl does (`Elasticsearch`, `elasticsearch`, `es`, `secrets`, ...).
/// `apply` replaces the fields a manifest gives (keeping `status`), turns Secret `stringData`
/// into base64 `data`, and bumps `metadata.generation` when the spec changes.
public final class SimulatedKubernetes: KubernetesClient {
    struct Key: Hashable {
        var context: String
        var namespace: String
        var kind: String
        var name: String
    }

    private let objects = LockedState<[Key: JSONValue]>([:])
    private let contexts = LockedState<OrderedDictionary<String, any SimulatedKubernetesContextBehavior>>([:])
    /// How often `waitForElasticsearchReady` looks at the status.
    public let pollInterval: Duration

    public init(pollInterval: Duration = .milliseconds(50)) {
        self.pollInterval = pollInterval
    }

    /// Makes a context known, with what happens when its objects change.
    public func addContext(_ name: String, behavior: any SimulatedKubernetesContextBehavior) {
        contexts.withLock { $0[name] = behavior }
    }

    /// The known context names, in the order they were added.
    public var contextNames: [String] { Array(contexts.current.keys) }

    // MARK: direct store access (for the simulated clusters and tests)

    /// The stored object, or nil.
    public func object(kind: String, name: String, in location: KubernetesLocation) -> JSONValue? {
        objects.current[Key(location, kind: kind, name: name)]
    }

    /// Stores an object as is (no behaviour runs). Used to seed a context and to write `status`.
    public func store(_ object: JSONValue, in location: KubernetesLocation) {
        guard let kind = object["kind"]?.stringValue, let name = object[path: ["metadata", "name"]]?.stringValue
        else { return }
        var object = object
        object = Self.setting(object, path: ["metadata", "namespace"], to: .string(location.namespace))
        objects.withLock { $0[Key(location, kind: kind, name: name)] = object }
    }

    /// Changes a stored object in place (no behaviour runs); returns false when it does not exist.
    @discardableResult
    public func modify(
        kind: String, name: String, in location: KubernetesLocation,
        _ change: (inout JSONValue) -> Void
    ) -> Bool {
        objects.withLock { objects in
            let key = Key(location, kind: kind, name: name)
            guard var object = objects[key] else { return false }
            change(&object)
            objects[key] = object
            return true
        }
    }

    /// Removes an object.
    public func delete(kind: String, name: String, in location: KubernetesLocation) {
        objects.withLock { _ = $0.removeValue(forKey: Key(location, kind: kind, name: name)) }
    }

    /// Every object of a kind in a location, by name.
    public func list(kind: String, in location: KubernetesLocation) -> [JSONValue] {
        let kind = Self.canonicalKind(kind)
        return objects.current
            .filter {
                $0.key.context == location.context && $0.key.namespace == location.namespace && $0.key.kind == kind
            }
            .sorted { $0.key.name < $1.key.name }
            .map(\.value)
    }

    // MARK: KubernetesClient

    public func verify(_ location: KubernetesLocation) async throws(KubernetesError) {
        let known = contextNames
        guard known.contains(location.context) else {
            throw .unknownContext(location.context, known: known)
        }
    }

    public func get(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> JSONValue
    {
        try await verify(location)
        guard let object = object(kind: kind, name: name, in: location) else {
            throw .notFound(kind: Self.displayKind(kind), name: name, location: location)
        }
        return object
    }

    public func apply(_ manifests: [JSONValue], in location: KubernetesLocation) async throws(KubernetesError) {
        try await verify(location)
        var changed: [(String, String, JSONValue)] = []
        for manifest in manifests {
            guard let kind = manifest["kind"]?.stringValue,
                let name = manifest[path: ["metadata", "name"]]?.stringValue,
                !name.isEmpty
            else {
                throw .commandFailed(
                    command: "kubectl apply",
                    message: "error: error validating data: kind and metadata.name are required")
            }
            if let namespace = manifest[path: ["metadata", "namespace"]]?.stringValue, namespace != location.namespace {
                throw .commandFailed(
                    command: "kubectl apply",
                    message:
                        "error: the namespace from the provided object \"\(namespace)\" does not match the namespace \"\(location.namespace)\". You must pass '--namespace=\(namespace)' to perform this operation."
                )
            }
            let key = Key(location, kind: kind, name: name)
            let stored = objects.withLock { objects -> JSONValue in
                let merged = Self.applied(manifest, onto: objects[key], namespace: location.namespace)
                objects[key] = merged
                return merged
            }
            changed.append((key.kind, name, stored))
        }
        for (kind, name, object) in changed {
            await contexts.current[location.context]?.objectChanged(
                kind: kind, name: name, object: object, in: location, kubernetes: self)
        }
    }

    public func mergePatch(kind: String, name: String, patch: JSONValue, in location: KubernetesLocation)
        async throws(KubernetesError)
    {
        try await verify(location)
        let key = Key(location, kind: kind, name: name)
        let stored = objects.withLock { objects -> JSONValue? in
            guard let existing = objects[key] else { return nil }
            let merged = Self.bumpGenerationIfSpecChanged(old: existing, new: Self.mergePatched(existing, patch))
            objects[key] = merged
            return merged
        }
        guard let stored else { throw .notFound(kind: Self.displayKind(kind), name: name, location: location) }
        await contexts.current[location.context]?.objectChanged(
            kind: key.kind, name: name, object: stored, in: location, kubernetes: self)
    }

    public func secretData(secret: String, key: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> [UInt8]
    {
        let object = try await get(kind: "secret", name: secret, in: location)
        guard let encoded = object[path: ["data", key]]?.stringValue else {
            throw .commandFailed(
                command: "kubectl get secret \(secret)", message: "secret \"\(secret)\" has no key \"\(key)\"")
        }
        guard let data = Data(base64Encoded: encoded) else {
            throw .unreadableOutput("data.\(key) of secret \(secret) is not base64")
        }
        return Array(data)
    }

    public func waitForElasticsearchReady(name: String, in location: KubernetesLocation, timeoutSeconds: Double)
        async throws(KubernetesError)
    {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeoutSeconds * 1000))
        while true {
            let object = try await get(kind: "elasticsearch", name: name, in: location)
            if Self.isReady(object) { return }
            if ContinuousClock.now >= deadline {
                throw .timedOut(operation: "Waiting for Elasticsearch \(name) to become Ready", seconds: timeoutSeconds)
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    // MARK: object helpers

    /// `status.phase == Ready` and `status.observedGeneration >= metadata.generation`.
    public static func isReady(_ object: JSONValue) -> Bool {
        let generation = object[path: ["metadata", "generation"]]?.intValue ?? 1
        let observed = object[path: ["status", "observedGeneration"]]?.intValue ?? 0
        return object[path: ["status", "phase"]]?.stringValue == "Ready" && observed >= generation
    }

    /// kubectl's canonical name for a kind or resource (`Elasticsearch`, `es`, `secrets` → lowercase singular).
    public static func canonicalKind(_ kind: String) -> String {
        let lower = kind.lowercased().split(separator: ".").first.map(String.init) ?? kind.lowercased()
        let aliases = [
            "es": "elasticsearch", "elasticsearches": "elasticsearch", "secrets": "secret",
            "cm": "configmap", "configmaps": "configmap", "svc": "service", "services": "service",
        ]
        return aliases[lower] ?? lower
    }

    static func displayKind(_ kind: String) -> String {
        switch canonicalKind(kind) {
        case "elasticsearch": return "Elasticsearch"
        case "secret": return "Secret"
        case "configmap": return "ConfigMap"
        case "service": return "Service"
        default: return kind
        }
    }

    /// The object after `kubectl apply` of `manifest`: given top-level fields replace the stored
    /// ones, `status` and server-set metadata stay, Secret `stringData` becomes `data`.
    static func applied(_ manifest: JSONValue, onto existing: JSONValue?, namespace: String) -> JSONValue {
        var result = existing?.objectValue ?? [:]
        guard let members = manifest.objectValue else { return manifest }
        for (key, value) in members where key != "status" && key != "stringData" && key != "metadata" {
            result[key] = value
        }
        var metadata = existing?["metadata"]?.objectValue ?? [:]
        for (key, value) in manifest["metadata"]?.objectValue ?? [:] { metadata[key] = value }
        metadata["namespace"] = .string(namespace)
        if metadata["uid"] == nil { metadata["uid"] = .string(UUID().uuidString.lowercased()) }
        result["metadata"] = .object(metadata)
        if let stringData = manifest["stringData"]?.objectValue {
            var data = result["data"]?.objectValue ?? [:]
            for (key, value) in stringData {
                data[key] = .string(Data((value.stringValue ?? "").utf8).base64EncodedString())
            }
            result["data"] = .object(data)
        }
        var object = JSONValue.object(result)
        if let existing {
            object = bumpGenerationIfSpecChanged(old: existing, new: object)
        } else if canonicalKind(manifest["kind"]?.stringValue ?? "") == "elasticsearch" {
            object = setting(object, path: ["metadata", "generation"], to: 1)
        }
        return object
    }

    static func bumpGenerationIfSpecChanged(old: JSONValue, new: JSONValue) -> JSONValue {
        guard old["spec"] != new["spec"] else { return new }
        let generation = (old[path: ["metadata", "generation"]]?.intValue ?? 1) + 1
        return setting(new, path: ["metadata", "generation"], to: .int(generation))
    }

    /// RFC 7386 JSON merge patch.
    public static func mergePatched(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = mergePatched(result[key] ?? .null, value)
            }
        }
        return .object(result)
    }

    /// `object` with the value at `path` set (objects created as needed).
    public static func setting(_ object: JSONValue, path: [String], to value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        var members = object.objectValue ?? [:]
        members[first] = setting(members[first] ?? .object([:]), path: Array(path.dropFirst()), to: value)
        return .object(members)
    }
}

extension SimulatedKubernetes.Key {
    init(_ location: KubernetesLocation, kind: String, name: String) {
        self.init(
            context: location.context, namespace: location.namespace,
            kind: SimulatedKubernetes.canonicalKind(kind), name: name)
    }
}
