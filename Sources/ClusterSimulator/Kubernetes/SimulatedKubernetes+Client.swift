import Foundation
import OrderedCollections
import RemoteClusterKit

/// The engine's `KubernetesClient` over the simulated objects, in process (for `demo`, which needs
/// no kubectl). Each call behaves as the same kubectl command does against `KubernetesAPIServer`:
/// `apply` creates, or sends the three-way merge of the last-applied configuration, the manifest
/// and the live object; errors carry the API server's message as kubectl prints it.
extension SimulatedKubernetes {
    public func verify(_ location: KubernetesLocation) async throws(KubernetesError) {
        let known = contextNames.sorted()
        guard known.contains(location.context) else { throw .unknownContext(location.context, known: known) }
    }

    public func get(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> JSONValue
    {
        try await verify(location)
        let type = try resourceType(kind, command: "kubectl get")
        do throws(KubernetesAPIError) {
            return try read(type, name: name, in: location)
        } catch {
            throw .notFound(kind: kind, name: name, location: location)
        }
    }

    public func apply(_ manifests: [JSONValue], in location: KubernetesLocation) async throws(KubernetesError) {
        try await verify(location)
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
            guard let type = KubernetesResourceType.of(apiVersion: manifest["apiVersion"]?.stringValue, kind: kind)
            else {
                throw .commandFailed(
                    command: "kubectl apply",
                    message:
                        "error: resource mapping not found for name: \"\(name)\" namespace: \"\(location.namespace)\" from \"STDIN\": no matches for kind \"\(kind)\" in version \"\(manifest["apiVersion"]?.stringValue ?? "")\"\nensure CRDs are installed first"
                )
            }
            let stored: JSONValue
            do throws(KubernetesAPIError) {
                stored = try applied(manifest, type: type, name: name, in: location)
            } catch {
                throw .commandFailed(command: "kubectl apply", message: error.kubectlText)
            }
            await notifyChanged(type, name: name, object: stored, in: location)
        }
    }

    /// `kubectl apply` of one manifest: create with the last-applied annotation, or patch.
    private func applied(
        _ manifest: JSONValue, type: KubernetesResourceType, name: String, in location: KubernetesLocation
    )
        throws(KubernetesAPIError) -> JSONValue
    {
        let annotated = Self.withLastApplied(manifest)
        guard let live = try? read(type, name: name, in: location) else {
            return try create(annotated, type: type, in: location).object
        }
        let original = live[path: ["metadata", "annotations", Self.lastAppliedAnnotation]]?.stringValue
            .flatMap { try? JSONValue.parse($0) }
        let patch = KubernetesPatch.threeWay(original: original, modified: annotated, current: live)
        if patch.objectValue?.isEmpty ?? true { return live }
        return try self.patch(type, name: name, patch: patch, patchType: .merge, in: location).object
    }

    /// The manifest with `kubectl.kubernetes.io/last-applied-configuration` holding itself, as
    /// kubectl writes it (sorted keys, one line).
    static func withLastApplied(_ manifest: JSONValue) -> JSONValue {
        var clean = manifest
        if case .object(var members) = clean, case .object(var metadata)? = members["metadata"] {
            if case .object(var annotations)? = metadata["annotations"] {
                annotations.removeValue(forKey: lastAppliedAnnotation)
                metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
            }
            members["metadata"] = .object(metadata)
            clean = .object(members)
        }
        return setting(
            clean, path: ["metadata", "annotations", lastAppliedAnnotation], to: .string(sortedJSON(clean) + "\n"))
    }

    /// Compact JSON with object keys sorted, as Go's encoder writes maps.
    static func sortedJSON(_ value: JSONValue) -> String {
        switch value {
        case .object(let members):
            let sorted = members.keys.sorted()
            return "{"
                + sorted.map { JSONValue.string($0).jsonString() + ":" + sortedJSON(members[$0]!) }.joined(
                    separator: ",") + "}"
        case .array(let items):
            return "[" + items.map(sortedJSON).joined(separator: ",") + "]"
        default:
            return value.jsonString()
        }
    }

    public func mergePatch(kind: String, name: String, patch: JSONValue, in location: KubernetesLocation)
        async throws(KubernetesError)
    {
        try await verify(location)
        let type = try resourceType(kind, command: "kubectl patch")
        let stored: JSONValue
        do throws(KubernetesAPIError) {
            stored = try self.patch(type, name: name, patch: patch, patchType: .merge, in: location).object
        } catch {
            if error.code == 404 { throw .notFound(kind: kind, name: name, location: location) }
            throw .commandFailed(command: "kubectl patch \(type.singular) \(name)", message: error.kubectlText)
        }
        await notifyChanged(type, name: name, object: stored, in: location)
    }

    public func secretData(secret: String, key: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> [UInt8]
    {
        let object = try await get(kind: "secret", name: secret, in: location)
        return try SecretValue.bytes(of: object, key: key, secret: secret, in: location)
    }

    public func waitForElasticsearchReady(name: String, in location: KubernetesLocation, timeoutSeconds: Double)
        async throws(KubernetesError)
    {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeoutSeconds * 1000))
        while true {
            let object = try await get(kind: "elasticsearch", name: name, in: location)
            if Self.isReady(object) { return }
            if ContinuousClock.now >= deadline {
                throw .timedOut(operation: "Waiting for Elasticsearch \(name) to be Ready", seconds: timeoutSeconds)
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    private func resourceType(_ kind: String, command: String) throws(KubernetesError) -> KubernetesResourceType {
        guard let type = KubernetesResourceType.named(kind) else {
            throw .commandFailed(
                command: command, message: "error: the server doesn't have a resource type \"\(kind)\"")
        }
        return type
    }
}
