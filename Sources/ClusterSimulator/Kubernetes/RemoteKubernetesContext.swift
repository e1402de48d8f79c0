import Foundation
import RemoteClusterKit

/// The remote cluster's Kubernetes context (`sim-remote`): an ECK `Elasticsearch` resource and the
/// Secrets and Services ECK creates for it. Changing `spec.remoteClusterServer.enabled` rolls the
/// cluster (phase `ApplyingChanges` for `restartDuration`) and then starts or stops the remote cluster
/// server, creating or deleting the `<name>-es-remote-cluster` Service, as ECK does.
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
                "status": Self.readyStatus(generation: 1, version: cluster.identity.version),
            ], in: location)
        let transportCA = try String(contentsOfFile: cluster.files.transportCA, encoding: .utf8)
        let httpCA = try String(contentsOfFile: cluster.files.httpCA, encoding: .utf8)
        kubernetes.store(Self.secret("\(name)-es-transport-certs-public", ["ca.crt": transportCA]), in: location)
        kubernetes.store(
            Self.secret("\(name)-es-http-certs-public", ["ca.crt": httpCA, "tls.crt": httpCA]), in: location)
        kubernetes.store(
            Self.secret("\(name)-es-elastic-user", ["elastic": cluster.elasticPassword.revealed]), in: location)
        kubernetes.store(Self.service("\(name)-es-http", port: 9200), in: location)
        kubernetes.store(Self.service("\(name)-es-transport", port: 9300), in: location)
        if enabled { kubernetes.store(Self.service("\(name)-es-remote-cluster", port: 9443), in: location) }
    }

    public func objectChanged(
        kind: String, name: String, object: JSONValue, in location: KubernetesLocation,
        kubernetes: SimulatedKubernetes
    ) async {
        guard kind == "elasticsearch", name == cluster.identity.name else { return }
        let generation = object[path: ["metadata", "generation"]]?.intValue ?? 1
        let observed = object[path: ["status", "observedGeneration"]]?.intValue ?? 0
        guard generation > observed else { return }
        let wanted = object[path: ["spec", "remoteClusterServer", "enabled"]]?.boolValue ?? false
        kubernetes.modify(kind: kind, name: name, in: location) { object in
            object = SimulatedKubernetes.setting(object, path: ["status", "phase"], to: "ApplyingChanges")
        }
        let cluster = self.cluster
        let restart = restartDuration
        let serviceName = "\(name)-es-remote-cluster"
        let version = cluster.identity.version
        let task = Task {
            try? await Task.sleep(for: restart)
            guard !Task.isCancelled else { return }
            do {
                try await cluster.setRemoteClusterServerEnabled(wanted)
            } catch {
                // The pods do not come back: the resource stays in ApplyingChanges, health red.
                kubernetes.modify(kind: kind, name: name, in: location) { object in
                    object = SimulatedKubernetes.setting(object, path: ["status", "health"], to: "red")
                }
                return
            }
            if wanted {
                kubernetes.store(Self.service(serviceName, port: 9443), in: location)
            } else {
                kubernetes.delete(kind: "service", name: serviceName, in: location)
            }
            kubernetes.modify(kind: kind, name: name, in: location) { object in
                let current = object[path: ["metadata", "generation"]]?.intValue ?? generation
                object = SimulatedKubernetes.setting(
                    object, path: ["status"],
                    to: Self.readyStatus(generation: min(current, generation), version: version))
            }
        }
        rollouts.withLock { $0.append(task) }
    }

    /// Waits for rollouts in progress (tests) or cancels them.
    public func cancelRollouts() {
        rollouts.withLock { tasks in
            tasks.forEach { $0.cancel() }
            tasks.removeAll()
        }
    }

    static func readyStatus(generation: Int, version: String) -> JSONValue {
        [
            "phase": "Ready", "health": "green", "availableNodes": 1, "version": .string(version),
            "observedGeneration": .int(generation),
        ]
    }

    static func secret(_ name: String, _ values: [String: String]) -> JSONValue {
        var data: [(String, JSONValue)] = []
        for key in values.keys.sorted() {
            data.append((key, .string(Data(values[key, default: ""].utf8).base64EncodedString())))
        }
        return [
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque", "metadata": ["name": .string(name)],
            "data": .object(.init(uniqueKeysWithValues: data)),
        ]
    }

    static func service(_ name: String, port: Int) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)],
            "spec": ["type": "ClusterIP", "ports": [["name": "https", "port": .int(port), "targetPort": .int(port)]]],
        ]
    }
}
