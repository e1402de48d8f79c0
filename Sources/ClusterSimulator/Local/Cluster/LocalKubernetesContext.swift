import Foundation
import RemoteClusterKit

/// The local cluster's Kubernetes context (`sim-local`): its ECK `Elasticsearch` resource and the
/// Secrets and ConfigMaps it references. As on ECK, the keystore and the `remote_cluster_client`
/// configuration change only through a rolling restart: a spec change (new generation) or a change
/// of a `spec.secureSettings` Secret or of a mounted ConfigMap/Secret sets `status.phase` to
/// `ApplyingChanges`; after `restartDuration` the node restarts with what the objects now say and
/// the phase returns to `Ready` with `observedGeneration` caught up. A configuration the node cannot
/// start with (e.g. a CA file that is not mounted) leaves the rollout stuck in `ApplyingChanges`
/// with health `red`, and the node keeps its previous configuration.
public final class LocalKubernetesContext: SimulatedKubernetesContextBehavior {
    public let cluster: LocalElasticsearchCluster
    public let location: KubernetesLocation
    public let restartDuration: Duration
    private let rollout = LockedState<Task<Void, Never>?>(nil)

    public init(
        cluster: LocalElasticsearchCluster, location: KubernetesLocation, restartDuration: Duration = .seconds(2)
    ) {
        self.cluster = cluster
        self.location = location
        self.restartDuration = restartDuration
    }

    var resourceName: String { cluster.identity.name }

    /// Registers the context and stores the objects ECK would have created for the local cluster.
    public func install(into kubernetes: SimulatedKubernetes) throws {
        kubernetes.addContext(location.context, behavior: self)
        let version = cluster.identity.version
        var config: [(String, JSONValue)] = [("node.store.allow_mmap", false)]
        for key in cluster.settings.nodeSettings.keys.sorted() {
            config.append((key, cluster.settings.nodeSettings[key]!.json))
        }
        kubernetes.store(
            [
                "apiVersion": "elasticsearch.k8s.elastic.co/v1", "kind": "Elasticsearch",
                "metadata": ["name": .string(resourceName), "generation": 1],
                "spec": [
                    "version": .string(version),
                    "nodeSets": [
                        ["name": "default", "count": 1, "config": .object(.init(uniqueKeysWithValues: config))]
                    ],
                ],
                "status": ECKObjects.status(phase: "Ready", health: "green", generation: 1, version: version),
            ], in: location)
        let httpCA = try String(contentsOfFile: cluster.httpCAFile, encoding: .utf8)
        ECKObjects.storeClusterBasics(
            cluster: resourceName, httpCA: httpCA, elasticPassword: cluster.elasticPassword, into: kubernetes,
            at: location)
    }

    public func objectChanged(
        kind: String, name: String, object: JSONValue, in location: KubernetesLocation,
        kubernetes: SimulatedKubernetes
    ) async {
        guard let resource = kubernetes.object(kind: "elasticsearch", name: resourceName, in: location) else { return }
        switch kind {
        case "elasticsearch" where name == resourceName:
            let generation = resource[path: ["metadata", "generation"]]?.intValue ?? 1
            let observed = resource[path: ["status", "observedGeneration"]]?.intValue ?? 0
            guard generation > observed else { return }
        case "secret", "configmap":
            guard Self.references(resource, kind: kind, name: name) else { return }
        default:
            return
        }
        startRollout(kubernetes: kubernetes)
    }

    /// Whether the resource uses the Secret or ConfigMap: in `spec.secureSettings` or as a volume.
    static func references(_ resource: JSONValue, kind: String, name: String) -> Bool {
        let spec = resource["spec"] ?? [:]
        if kind == "secret",
            (spec["secureSettings"]?.arrayValue ?? []).contains(where: { $0["secretName"]?.stringValue == name })
        {
            return true
        }
        for nodeSet in spec["nodeSets"]?.arrayValue ?? [] {
            for volume in nodeSet[path: ["podTemplate", "spec", "volumes"]]?.arrayValue ?? [] {
                if kind == "configmap", volume[path: ["configMap", "name"]]?.stringValue == name { return true }
                if kind == "secret", volume[path: ["secret", "secretName"]]?.stringValue == name { return true }
            }
        }
        return false
    }

    /// Sets `ApplyingChanges`, waits `restartDuration`, then restarts the node with what the objects
    /// say now. A change during a rollout restarts the wait.
    private func startRollout(kubernetes: SimulatedKubernetes) {
        let name = resourceName
        let location = self.location
        let version = cluster.identity.version
        kubernetes.modify(kind: "elasticsearch", name: name, in: location) { object in
            object = SimulatedKubernetes.setting(object, path: ["status", "phase"], to: "ApplyingChanges")
        }
        let cluster = self.cluster
        let restart = restartDuration
        let task = Task {
            try? await Task.sleep(for: restart)
            if Task.isCancelled || cluster.isShutDown { return }
            guard let resource = kubernetes.object(kind: "elasticsearch", name: name, in: location) else { return }
            let generation = resource[path: ["metadata", "generation"]]?.intValue ?? 1
            do throws(NodeStartupError) {
                let configuration = try ECKNodeConfigurationReader.nodeConfiguration(elasticsearch: resource) {
                    kind, objectName in
                    kubernetes.object(kind: kind, name: objectName, in: location)
                }
                try cluster.restart(with: configuration)
                kubernetes.modify(kind: "elasticsearch", name: name, in: location) { object in
                    object = SimulatedKubernetes.setting(
                        object, path: ["status"],
                        to: ECKObjects.status(phase: "Ready", health: "green", generation: generation, version: version)
                    )
                }
            } catch {
                cluster.recordStartupFailure(error)
                kubernetes.modify(kind: "elasticsearch", name: name, in: location) { object in
                    object = SimulatedKubernetes.setting(object, path: ["status", "health"], to: "red")
                }
            }
        }
        rollout.withLock { current in
            current?.cancel()
            current = task
        }
    }

    /// Cancels a rollout in progress.
    public func cancelRollout() {
        rollout.withLock { current in
            current?.cancel()
            current = nil
        }
    }
}
