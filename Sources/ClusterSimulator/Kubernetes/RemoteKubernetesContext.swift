import Foundation
import RemoteClusterKit

/// The remote cluster's Kubernetes context (`sim-remote`): an ECK `Elasticsearch` resource and the
/// Secrets and Services ECK creates for it (`<name>-es-transport-certs-public` holds the CA of the
/// remote cluster server certificate). A spec change rolls the cluster (phase `ApplyingChanges`
/// for `restartDuration`, then `Ready` with `observedGeneration` caught up); afterwards the remote
/// cluster server runs as `spec.remoteClusterServer.enabled` says and the `<name>-es-remote-cluster`
/// Service exists (shaped by `spec.remoteClusterServer.service`, ECK 3.3) or is deleted, as ECK does.
public final class RemoteKubernetesContext: SimulatedKubernetesContextBehavior {
    public let cluster: SimulatedRemoteCluster
    public let location: KubernetesLocation
    public let restartDuration: Duration
    private let rollouts = LockedState<[Task<Void, Never>]>([])

    public init(
        cluster: SimulatedRemoteCluster, context: String = "sim-remote", restartDuration: Duration = .seconds(2)
    ) {
        self.cluster = cluster
        self.location = KubernetesLocation(context: context, namespace: cluster.identity.namespace)
        self.restartDuration = restartDuration
    }

    /// Registers the context and stores the objects ECK would have created.
    public func install(into kubernetes: SimulatedKubernetes) throws {
        kubernetes.addContext(location.context, behavior: self)
        let name = cluster.identity.name
        let enabled = cluster.isRemoteClusterServerEnabled
        var spec: JSONValue = [
            "version": .string(cluster.identity.version),
            "nodeSets": [["name": "default", "count": 1, "config": ["node.store.allow_mmap": false]]],
        ]
        if enabled { spec = SimulatedKubernetes.setting(spec, path: ["remoteClusterServer", "enabled"], to: true) }
        kubernetes.store(
            [
                "apiVersion": "elasticsearch.k8s.elastic.co/v1", "kind": "Elasticsearch",
                "metadata": ["name": .string(name), "generation": 1],
                "spec": spec,
                "status": ECKObjects.readyStatus(generation: 1, version: cluster.identity.version),
            ], in: location)
        let transportCA = try String(contentsOfFile: cluster.files.transportCA, encoding: .utf8)
        let httpCA = try String(contentsOfFile: cluster.files.httpCA, encoding: .utf8)
        kubernetes.store(
            ECKObjects.secret("\(name)-es-transport-certs-public", cluster: name, ["ca.crt": transportCA]), in: location
        )
        ECKObjects.storeClusterBasics(
            cluster: name, httpCA: httpCA, elasticPassword: cluster.elasticPassword, into: kubernetes, at: location)
        if enabled { kubernetes.store(ECKObjects.remoteClusterService(cluster: name, template: nil), in: location) }
    }

    public func objectChanged(
        kind: String, name: String, object: JSONValue, in location: KubernetesLocation,
        kubernetes: SimulatedKubernetes
    ) async {
        guard kind == "elasticsearch", name == cluster.identity.name else { return }
        let generation = object[path: ["metadata", "generation"]]?.intValue ?? 1
        let observed = object[path: ["status", "observedGeneration"]]?.intValue ?? 0
        guard generation > observed else { return }
        kubernetes.modify(kind: kind, name: name, in: location) { object in
            object = SimulatedKubernetes.setting(object, path: ["status", "phase"], to: "ApplyingChanges")
        }
        let cluster = self.cluster
        let restart = restartDuration
        let version = cluster.identity.version
        // As ECK does, a newer change supersedes a rollout in progress, and the rollout that ends
        // applies the resource as it is then: rollouts never finish out of order with an older spec.
        let task = Task {
            try? await Task.sleep(for: restart)
            guard !Task.isCancelled, let latest = kubernetes.object(kind: kind, name: name, in: location) else {
                return
            }
            let generation = latest[path: ["metadata", "generation"]]?.intValue ?? 1
            let wanted = latest[path: ["spec", "remoteClusterServer", "enabled"]]?.boolValue ?? false
            let serviceTemplate = latest[path: ["spec", "remoteClusterServer", "service"]]
            do {
                try await cluster.setRemoteClusterServerEnabled(wanted)
            } catch {
                // The pods do not come back: the resource stays in ApplyingChanges, health red.
                kubernetes.modify(kind: kind, name: name, in: location) { object in
                    object = SimulatedKubernetes.setting(object, path: ["status", "health"], to: "red")
                }
                return
            }
            guard !Task.isCancelled else { return }
            let service = ECKObjects.remoteClusterService(cluster: name, template: serviceTemplate)
            if wanted {
                kubernetes.store(service, in: location)
            } else {
                kubernetes.delete(
                    kind: "service", name: service[path: ["metadata", "name"]]?.stringValue ?? "", in: location)
            }
            kubernetes.modify(kind: kind, name: name, in: location) { object in
                object = SimulatedKubernetes.setting(
                    object, path: ["status"], to: ECKObjects.readyStatus(generation: generation, version: version))
            }
        }
        rollouts.withLock { tasks in
            tasks.forEach { $0.cancel() }
            tasks = [task]
        }
    }

    /// Waits for rollouts in progress (tests) or cancels them.
    public func cancelRollouts() {
        rollouts.withLock { tasks in
            tasks.forEach { $0.cancel() }
            tasks.removeAll()
        }
    }
}
