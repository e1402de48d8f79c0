import Foundation
import OrderedCollections
import RemoteClusterKit

/// Reacts to changes of the objects in one simulated Kubernetes context (e.g. starts a rollout).
///
/// The remote cluster's behaviour is `RemoteKubernetesContext`; the local cluster adds its own.
public protocol SimulatedKubernetesContextBehavior: Sendable {
    /// Called after a client created, updated or patched `object` (the stored object). `kind` is
    /// the type's singular name (`elasticsearch`, `secret`, `configmap`, `service`).
    func objectChanged(
        kind: String, name: String, object: JSONValue, in location: KubernetesLocation,
        kubernetes: SimulatedKubernetes) async
}

/// One change to a stored object, as a watch reports it.
public struct KubernetesWatchEvent: Sendable, Hashable {
    public enum Change: String, Sendable, Hashable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }
    public var change: Change
    public var resourceVersion: Int
    public var context: String
    public var namespace: String
    public var type: KubernetesResourceType
    public var name: String
    public var object: JSONValue
}

/// The objects of every simulated Kubernetes context (`sim-local`, `sim-remote`), kept as the JSON
/// the API server returns, with what the API server maintains: `uid`, `creationTimestamp`, one
/// `resourceVersion` counter for all writes, `metadata.generation` for kinds with a status
/// subresource (bumped when anything but metadata and status changes), Secret `stringData` folded
/// into base64 `data`, validation (`KubernetesObjectValidation`) and a history of changes for watches.
///
/// It is also the engine's `KubernetesClient` in process (`apply` works as `kubectl apply` does,
/// with a last-applied annotation and a three-way merge), and the store behind
/// `KubernetesAPIServer`, which serves the same objects to the real kubectl.
public final class SimulatedKubernetes: KubernetesClient {
    struct Key: Hashable {
        var context: String
        var namespace: String
        var resource: String
        var name: String
    }

    struct State {
        var objects: [Key: JSONValue] = [:]
        var resourceVersion = 1
        var history: [KubernetesWatchEvent] = []
    }

    /// How many changes watches can start from.
    static let historyLimit = 1000
    /// The annotation `kubectl apply` keeps the applied manifest in.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    private let state = LockedState(State())
    private let changeWaiters = LockedState<[UUID: CheckedContinuation<Void, Never>]>([:])
    private let contexts = LockedState<OrderedDictionary<String, any SimulatedKubernetesContextBehavior>>([:])
    /// How often `waitForElasticsearchReady` looks at the status.
    public let pollInterval: Duration
    public let validation: KubernetesObjectValidation

    public init(pollInterval: Duration = .milliseconds(50), validation: KubernetesObjectValidation = .withoutSchemas) {
        self.pollInterval = pollInterval
        self.validation = validation
    }

    /// Makes a context known, with what happens when its objects change.
    public func addContext(_ name: String, behavior: any SimulatedKubernetesContextBehavior) {
        contexts.withLock { $0[name] = behavior }
    }

    /// The known context names, in the order they were added.
    public var contextNames: [String] { Array(contexts.current.keys) }

    /// The current resource version of the whole store.
    public var resourceVersion: Int { state.current.resourceVersion }

    // MARK: - Store access for the simulated clusters (no validation, no behaviour)

    /// The stored object, or nil.
    public func object(kind: String, name: String, in location: KubernetesLocation) -> JSONValue? {
        guard let type = KubernetesResourceType.named(kind) else { return nil }
        return state.current.objects[Key(location, type, name)]
    }

    /// Stores an object as is, filling what the API server sets (no behaviour runs). Used to seed a
    /// context and by the simulated operators.
    public func store(_ object: JSONValue, in location: KubernetesLocation) {
        guard let kind = object["kind"]?.stringValue, let type = KubernetesResourceType.of(apiVersion: nil, kind: kind),
            let name = object[path: ["metadata", "name"]]?.stringValue
        else { return }
        commit(type, name: name, in: location) { existing in
            self.serverFields(object, type: type, namespace: location.namespace, existing: existing)
        }
    }

    /// Changes a stored object in place (no behaviour runs); returns false when it does not exist.
    @discardableResult
    public func modify(
        kind: String, name: String, in location: KubernetesLocation, _ change: (inout JSONValue) -> Void
    ) -> Bool {
        guard let type = KubernetesResourceType.named(kind) else { return false }
        return commit(type, name: name, in: location) { existing in
            guard var object = existing else { return nil }
            change(&object)
            return object
        } != nil
    }

    /// Removes an object; one that does not exist is not an error.
    public func delete(kind: String, name: String, in location: KubernetesLocation) {
        guard let type = KubernetesResourceType.named(kind) else { return }
        _ = try? remove(type, name: name, in: location)
    }

    /// Every object of a kind in a location, by name.
    public func list(kind: String, in location: KubernetesLocation) -> [JSONValue] {
        guard let type = KubernetesResourceType.named(kind) else { return [] }
        return list(type, context: location.context, namespace: location.namespace).items
    }

    // MARK: - The API server's operations

    /// One object; 404 when it does not exist.
    public func read(_ type: KubernetesResourceType, name: String, in location: KubernetesLocation)
        throws(KubernetesAPIError) -> JSONValue
    {
        guard let object = state.current.objects[Key(location, type, name)] else { throw .notFound(type, name: name) }
        return object
    }

    /// The objects of a type in a namespace (nil: every namespace) of a context, by name, and the
    /// store's resource version.
    public func list(_ type: KubernetesResourceType, context: String, namespace: String?) -> (
        items: [JSONValue], resourceVersion: Int
    ) {
        let snapshot = state.current
        let items = snapshot.objects
            .filter {
                $0.key.context == context && $0.key.resource == type.resource
                    && (namespace == nil || $0.key.namespace == namespace)
            }
            .sorted { ($0.key.namespace, $0.key.name) < ($1.key.namespace, $1.key.name) }
            .map(\.value)
        return (items, snapshot.resourceVersion)
    }

    /// `POST` to a collection: 409 when the name is taken, 422/400 when the object is invalid.
    @discardableResult
    public func create(
        _ object: JSONValue, type: KubernetesResourceType, in location: KubernetesLocation,
        fieldValidation: FieldValidation = .strict, dryRun: Bool = false
    ) throws(KubernetesAPIError) -> (object: JSONValue, warnings: [String]) {
        var (name, checked, warnings) = try incoming(object, type: type, in: location, fieldValidation: fieldValidation)
        if type.hasStatusSubresource, case .object(var members) = checked {
            members.removeValue(forKey: "status")
            checked = .object(members)
        }
        let key = Key(location, type, name)
        if state.current.objects[key] != nil { throw .alreadyExists(type, name: name) }
        if dryRun { return (serverFields(checked, type: type, namespace: location.namespace, existing: nil), warnings) }
        var conflict = false
        let stored = commit(type, name: name, in: location) { existing in
            if existing != nil {
                conflict = true
                return existing
            }
            return self.serverFields(checked, type: type, namespace: location.namespace, existing: nil)
        }
        if conflict { throw .alreadyExists(type, name: name) }
        return (stored ?? checked, warnings)
    }

    /// `PUT` of a whole object: 404 when it does not exist, 409 when its `resourceVersion` is stale.
    /// Kinds with a status subresource keep their stored status.
    @discardableResult
    public func replace(
        _ object: JSONValue, type: KubernetesResourceType, in location: KubernetesLocation,
        fieldValidation: FieldValidation = .strict, dryRun: Bool = false
    ) throws(KubernetesAPIError) -> (object: JSONValue, warnings: [String]) {
        let (name, checked, warnings) = try incoming(object, type: type, in: location, fieldValidation: fieldValidation)
        let wantedVersion = checked[path: ["metadata", "resourceVersion"]]?.stringValue
        var failure: KubernetesAPIError?
        let stored = commitIfChanged(type, name: name, in: location, dryRun: dryRun) { existing in
            guard let existing else {
                failure = .notFound(type, name: name)
                return nil
            }
            if let wantedVersion, wantedVersion != existing[path: ["metadata", "resourceVersion"]]?.stringValue {
                failure = .conflict(type, name: name)
                return nil
            }
            var updated = checked
            if type.hasStatusSubresource, case .object(var members) = updated {
                members["status"] = existing["status"]
                updated = .object(members)
            }
            return self.serverFields(updated, type: type, namespace: location.namespace, existing: existing)
        }
        if let failure { throw failure }
        return (stored ?? checked, warnings)
    }

    /// The stored object, or `fallback` when it is gone (a dry run, or deleted meanwhile).
    func read(_ type: KubernetesResourceType, name: String, in location: KubernetesLocation, orElse fallback: JSONValue)
        -> JSONValue
    {
        (try? read(type, name: name, in: location)) ?? fallback
    }

    /// A write to the `status` subresource: only the status of `object` is taken.
    func replaceStatus(_ object: JSONValue, type: KubernetesResourceType, in location: KubernetesLocation)
        throws(KubernetesAPIError) -> (object: JSONValue, warnings: [String])
    {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        guard
            let stored = commitIfChanged(
                type, name: name, in: location, dryRun: false,
                { existing in
                    existing.map { Self.setting($0, path: ["status"], to: object["status"] ?? [:]) }
                })
        else { throw .notFound(type, name: name) }
        return (stored, [])
    }

    /// `PATCH`: applies the patch to the stored object, then stores it as `replace` does.
    @discardableResult
    public func patch(
        _ type: KubernetesResourceType, name: String, patch: JSONValue, patchType: KubernetesPatchType,
        in location: KubernetesLocation, fieldValidation: FieldValidation = .strict, dryRun: Bool = false
    ) throws(KubernetesAPIError) -> (object: JSONValue, warnings: [String]) {
        let existing = try read(type, name: name, in: location)
        var patched: JSONValue
        switch patchType {
        case .merge:
            patched = KubernetesPatch.merge(existing, patch)
        case .strategic:
            guard type.acceptsStrategicMerge else { throw .unsupportedPatch }
            patched = KubernetesPatch.strategic(existing, patch)
        case .apply:
            // Server-side apply, simplified: the applied object is merged into the live one (built-in
            // kinds by their list merge keys, custom resources as a JSON merge). Field ownership is not
            // tracked, so no apply ever conflicts and fields left out of a later apply stay.
            patched =
                type.acceptsStrategicMerge
                ? KubernetesPatch.strategic(existing, patch) : KubernetesPatch.merge(existing, patch)
        case .json:
            guard let operations = patch.arrayValue, let result = KubernetesPatch.jsonPatch(existing, operations) else {
                throw .badRequest("the server rejected our request due to an error in our request")
            }
            patched = result
        }
        if patch[path: ["metadata", "resourceVersion"]] == nil, case .object(var members) = patched,
            case .object(var metadata)? = members["metadata"]
        {
            metadata.removeValue(forKey: "resourceVersion")
            members["metadata"] = .object(metadata)
            patched = .object(members)
        }
        return try replace(patched, type: type, in: location, fieldValidation: fieldValidation, dryRun: dryRun)
    }

    /// `DELETE`: the object as it was; 404 when it does not exist.
    @discardableResult
    public func remove(_ type: KubernetesResourceType, name: String, in location: KubernetesLocation)
        throws(KubernetesAPIError) -> JSONValue
    {
        var removed: JSONValue?
        state.withLock { state in
            let key = Key(location, type, name)
            guard let object = state.objects.removeValue(forKey: key) else { return }
            state.resourceVersion += 1
            removed = Self.setting(
                object, path: ["metadata", "resourceVersion"], to: .string(String(state.resourceVersion)))
            record(&state, .deleted, key: key, type: type, object: removed!)
        }
        wakeWatchers()
        guard let removed else { throw .notFound(type, name: name) }
        return removed
    }

    /// The changes after `resourceVersion` that `matches` accepts; waits until `deadline` for the
    /// first one when there is none yet (returns at once when cancelled). 410 when that history
    /// is no longer kept.
    public func changes(
        after resourceVersion: Int, until deadline: ContinuousClock.Instant,
        matches: @Sendable (KubernetesWatchEvent) -> Bool
    ) async throws(KubernetesAPIError) -> [KubernetesWatchEvent] {
        while true {
            let snapshot = state.current
            if let oldest = snapshot.history.first?.resourceVersion, resourceVersion < oldest - 1 {
                throw .gone(resourceVersion)
            }
            let found = snapshot.history.filter { $0.resourceVersion > resourceVersion && matches($0) }
            if !found.isEmpty || ContinuousClock.now >= deadline || Task.isCancelled { return found }
            await waitForChange(until: deadline, seen: snapshot.resourceVersion)
        }
    }

    /// The oldest resource version a watch can start from (nil: no history yet).
    public var oldestWatchableVersion: Int? { state.current.history.first.map { $0.resourceVersion - 1 } }

    /// Runs the context's behaviour for an object a client changed.
    public func notifyChanged(
        _ type: KubernetesResourceType, name: String, object: JSONValue, in location: KubernetesLocation
    ) async {
        await contexts.current[location.context]?.objectChanged(
            kind: type.singular, name: name, object: object, in: location, kubernetes: self)
    }

    // MARK: - Writing

    /// Runs `change` on the stored object (nil: absent) under the lock; a non-nil result is stored
    /// with a new resource version and recorded for watches. Returns what was stored.
    @discardableResult
    private func commit(
        _ type: KubernetesResourceType, name: String, in location: KubernetesLocation,
        _ change: (JSONValue?) -> JSONValue?
    ) -> JSONValue? {
        commitIfChanged(type, name: name, in: location, dryRun: false, force: true, change)
    }

    /// As `commit`, but an unchanged object keeps its resource version (the API server does not
    /// write no-op updates); `dryRun` computes the result without storing it.
    private func commitIfChanged(
        _ type: KubernetesResourceType, name: String, in location: KubernetesLocation, dryRun: Bool,
        force: Bool = false, _ change: (JSONValue?) -> JSONValue?
    ) -> JSONValue? {
        let key = Key(location, type, name)
        let stored = state.withLock { state -> JSONValue? in
            let existing = state.objects[key]
            guard var object = change(existing) else { return nil }
            if let existing, !force, Self.withoutVersion(existing) == Self.withoutVersion(object) { return existing }
            if dryRun { return object }
            state.resourceVersion += 1
            object = Self.setting(
                object, path: ["metadata", "resourceVersion"], to: .string(String(state.resourceVersion)))
            state.objects[key] = object
            record(&state, existing == nil ? .added : .modified, key: key, type: type, object: object)
            return object
        }
        if !dryRun { wakeWatchers() }
        return stored
    }

    private func record(
        _ state: inout State, _ change: KubernetesWatchEvent.Change, key: Key, type: KubernetesResourceType,
        object: JSONValue
    ) {
        state.history.append(
            KubernetesWatchEvent(
                change: change, resourceVersion: state.resourceVersion, context: key.context, namespace: key.namespace,
                type: type, name: key.name, object: object))
        if state.history.count > Self.historyLimit {
            state.history.removeFirst(state.history.count - Self.historyLimit)
        }
    }

    private static func withoutVersion(_ object: JSONValue) -> JSONValue {
        guard case .object(var members) = object, case .object(var metadata)? = members["metadata"] else {
            return object
        }
        metadata.removeValue(forKey: "resourceVersion")
        members["metadata"] = .object(metadata)
        return .object(members)
    }

    /// An object a client sent, prepared and validated: its name, the object to store, the warnings.
    private func incoming(
        _ object: JSONValue, type: KubernetesResourceType, in location: KubernetesLocation,
        fieldValidation: FieldValidation
    ) throws(KubernetesAPIError) -> (name: String, object: JSONValue, warnings: [String]) {
        let ready = try prepared(object, type: type, namespace: location.namespace)
        let (checked, warnings) = try validation.check(ready, type: type, fieldValidation: fieldValidation)
        return (ready[path: ["metadata", "name"]]?.stringValue ?? "", checked, warnings)
    }

    /// Checks the name and namespace of an incoming object and folds Secret `stringData` into `data`.
    private func prepared(_ object: JSONValue, type: KubernetesResourceType, namespace: String)
        throws(KubernetesAPIError) -> JSONValue
    {
        guard case .object(var members) = object else {
            throw .badRequest("the object provided is not a \(type.kind)")
        }
        if let given = object[path: ["metadata", "namespace"]]?.stringValue, !given.isEmpty, given != namespace {
            throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        if let kind = members["kind"]?.stringValue, kind != type.kind {
            throw .badRequest(
                "\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): the kind \(kind) does not match"
            )
        }
        members["apiVersion"] = .string(type.apiVersion)
        members["kind"] = .string(type.kind)
        if type == .secret {
            var data = members["data"]?.objectValue ?? [:]
            for (key, value) in data {
                guard let text = value.stringValue, Data(base64Encoded: text) != nil else {
                    throw .badRequest(
                        "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0 in data[\(key)]"
                    )
                }
            }
            if let stringData = members.removeValue(forKey: "stringData")?.objectValue {
                for (key, value) in stringData {
                    data[key] = .string(Data((value.stringValue ?? value.jsonString()).utf8).base64EncodedString())
                }
            }
            if members["data"] != nil || !data.isEmpty { members["data"] = .object(data) }
            if members["type"] == nil { members["type"] = "Opaque" }
        }
        return .object(members)
    }

    /// The object with the fields the API server owns: namespace, uid, creation time, generation,
    /// Service defaults; kept from `existing` when there is one.
    private func serverFields(
        _ object: JSONValue, type: KubernetesResourceType, namespace: String, existing: JSONValue?
    )
        -> JSONValue
    {
        var object = object
        var metadata = object["metadata"]?.objectValue ?? [:]
        metadata["namespace"] = .string(namespace)
        metadata["uid"] = existing?[path: ["metadata", "uid"]] ?? .string(UUID().uuidString.lowercased())
        metadata["creationTimestamp"] =
            existing?[path: ["metadata", "creationTimestamp"]] ?? .string(Self.timestamp(Date()))
        if type.hasStatusSubresource {
            let previous = existing?[path: ["metadata", "generation"]]?.intValue
            let changed = existing.map { Self.specChanged(from: $0, to: object) } ?? true
            metadata["generation"] = .int(
                previous.map { changed ? $0 + 1 : $0 } ?? (metadata["generation"]?.intValue ?? 1))
        }
        object = Self.setting(object, path: ["metadata"], to: .object(metadata))
        if type == .service { object = serviceDefaults(object, existing: existing) }
        return object
    }

    /// Whether anything but `metadata` and `status` differs.
    static func specChanged(from old: JSONValue, to new: JSONValue) -> Bool {
        func body(_ value: JSONValue) -> JSONValue {
            guard case .object(var members) = value else { return value }
            members.removeValue(forKey: "metadata")
            members.removeValue(forKey: "status")
            members.removeValue(forKey: "apiVersion")
            members.removeValue(forKey: "kind")
            return .object(members)
        }
        return body(old) != body(new)
    }

    /// `type: ClusterIP`, a cluster IP (kept across updates), `TCP` ports whose `targetPort` is the port.
    private func serviceDefaults(_ service: JSONValue, existing: JSONValue?) -> JSONValue {
        var spec = service["spec"]?.objectValue ?? [:]
        if spec["type"] == nil { spec["type"] = "ClusterIP" }
        if spec["clusterIP"] == nil || spec["clusterIP"]?.isNull == true {
            spec["clusterIP"] =
                existing?[path: ["spec", "clusterIP"]]
                ?? .string("10.96.\(Int.random(in: 0...255)).\(Int.random(in: 2...254))")
        }
        spec["ports"] = .array(
            (spec["ports"]?.arrayValue ?? []).map { port in
                var port = port.objectValue ?? [:]
                if port["protocol"] == nil { port["protocol"] = "TCP" }
                if port["targetPort"] == nil { port["targetPort"] = port["port"] ?? .null }
                return .object(port)
            })
        var result = Self.setting(service, path: ["spec"], to: .object(spec))
        if spec["type"] == "LoadBalancer" {
            // The simulated cloud's load balancer is this machine.
            result = Self.setting(result, path: ["status", "loadBalancer", "ingress"], to: [["ip": "127.0.0.1"]])
        } else if result["status"] == nil {
            result = Self.setting(result, path: ["status", "loadBalancer"], to: .object([:]))
        }
        return result
    }

    // MARK: - Waiting for changes

    private func wakeWatchers() {
        let waiting = changeWaiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters.removeAll() }
            return Array(waiters.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns after the next write, at the deadline, or when the task is cancelled.
    private func waitForChange(until deadline: ContinuousClock.Instant, seen: Int) async {
        let id = UUID()
        let waiters = changeWaiters
        let timer = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            waiters.withLock { $0.removeValue(forKey: id) }?.resume()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let stale = waiters.withLock { pending -> Bool in
                    if state.current.resourceVersion != seen || Task.isCancelled { return true }
                    pending[id] = continuation
                    return false
                }
                if stale { continuation.resume() }
            }
        } onCancel: {
            waiters.withLock { $0.removeValue(forKey: id) }?.resume()
        }
        timer.cancel()
    }

    // MARK: - Helpers

    /// `status.phase == Ready` and `status.observedGeneration >= metadata.generation`.
    public static func isReady(_ object: JSONValue) -> Bool {
        let generation = object[path: ["metadata", "generation"]]?.intValue ?? 1
        let observed = object[path: ["status", "observedGeneration"]]?.intValue ?? 0
        return object[path: ["status", "phase"]]?.stringValue == "Ready" && observed >= generation
    }

    /// kubectl's canonical name for a kind or resource: the type's singular name, lowercased.
    public static func canonicalKind(_ kind: String) -> String {
        KubernetesResourceType.named(kind)?.singular ?? kind.lowercased()
    }

    static func displayKind(_ kind: String) -> String { KubernetesResourceType.named(kind)?.kind ?? kind }

    /// RFC 7386 JSON merge patch.
    public static func mergePatched(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        KubernetesPatch.merge(target, patch)
    }

    /// `object` with the value at `path` set (objects created as needed).
    public static func setting(_ object: JSONValue, path: [String], to value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        var members = object.objectValue ?? [:]
        members[first] = setting(members[first] ?? .object([:]), path: Array(path.dropFirst()), to: value)
        return .object(members)
    }

    /// RFC 3339 in UTC with seconds, as Kubernetes writes timestamps.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension SimulatedKubernetes.Key {
    init(_ location: KubernetesLocation, _ type: KubernetesResourceType, _ name: String) {
        self.init(context: location.context, namespace: location.namespace, resource: type.resource, name: name)
    }
}
