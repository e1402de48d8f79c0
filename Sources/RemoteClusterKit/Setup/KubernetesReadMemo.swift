import Foundation
import Synchronization

/// Kubernetes objects read once for the part of a run that only reads them: the steps before the
/// local one read the remote `Elasticsearch` resource, its CA Secret and the local credentials
/// Secret for every remote, and remotes that share a cluster (or the one local Secret) would
/// otherwise each start a kubectl for the same object. Concurrent readers of one object share the
/// one read; a failed read is not kept. A step that changes an object calls `forget`.
public final class KubernetesReadMemo: Sendable {
    private struct Key: Hashable {
        var kind: String
        var name: String
        var location: KubernetesLocation
    }

    private let reads = Mutex<[Key: Task<Result<JSONValue, KubernetesError>, Never>]>([:])

    public init() {}

    /// The object, read with `read` the first time it is asked for.
    func object(
        kind: String, name: String, in location: KubernetesLocation,
        read: @escaping @Sendable () async throws(KubernetesError) -> JSONValue
    ) async throws(KubernetesError) -> JSONValue {
        let key = Key(kind: kind, name: name, location: location)
        let task = reads.withLock { reads in
            if let running = reads[key] { return running }
            let task = Task { () -> Result<JSONValue, KubernetesError> in
                do throws(KubernetesError) { return .success(try await read()) } catch { return .failure(error) }
            }
            reads[key] = task
            return task
        }
        let result = await task.value
        if case .failure = result { forget(kind: kind, name: name, in: location) }
        return try result.get()
    }

    /// Drops what was read of the object, so that the next reader sees it as it is now.
    func forget(kind: String, name: String, in location: KubernetesLocation) {
        _ = reads.withLock { $0.removeValue(forKey: Key(kind: kind, name: name, location: location)) }
    }
}

extension SetupServices {
    /// `kubernetes.get`, through the run's memo when there is one.
    func read(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError) -> JSONValue {
        let kubernetes = self.kubernetes
        guard let readMemo else { return try await kubernetes.get(kind: kind, name: name, in: location) }
        return try await readMemo.object(kind: kind, name: name, in: location) { () async throws(KubernetesError) in
            try await kubernetes.get(kind: kind, name: name, in: location)
        }
    }

    /// `kubernetes.secretData`, through the run's memo when there is one.
    func readSecret(_ secret: String, key: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> [UInt8]
    {
        guard readMemo != nil else { return try await kubernetes.secretData(secret: secret, key: key, in: location) }
        let object = try await read(kind: "secret", name: secret, in: location)
        return try SecretValue.bytes(of: object, key: key, secret: secret, in: location)
    }
}
