import Foundation
import RemoteClusterKit

/// The objects the simulated ECK operator creates for an `Elasticsearch` resource, in ECK's shapes
/// (`pkg/controller/elasticsearch/services`): labels, selectors, port names, headless services.
enum ECKObjects {
    static func labels(cluster name: String) -> JSONValue {
        ["common.k8s.elastic.co/type": "elasticsearch", "elasticsearch.k8s.elastic.co/cluster-name": .string(name)]
    }

    static func secret(_ name: String, cluster: String, _ values: [String: String]) -> JSONValue {
        var data: [(String, JSONValue)] = []
        for key in values.keys.sorted() {
            data.append((key, .string(Data(values[key, default: ""].utf8).base64EncodedString())))
        }
        return [
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": ["name": .string(name), "labels": labels(cluster: cluster)],
            "data": .object(.init(uniqueKeysWithValues: data)),
        ]
    }

    static func service(
        _ name: String, cluster: String, port: Int, portName: String, headless: Bool, template: JSONValue? = nil
    ) -> JSONValue {
        var spec: JSONValue = [
            "ports": [["name": .string(portName), "port": .int(port), "protocol": "TCP", "targetPort": .int(port)]],
            "selector": labels(cluster: cluster), "type": "ClusterIP",
        ]
        if headless { spec = SimulatedKubernetes.setting(spec, path: ["clusterIP"], to: "None") }
        if let templateSpec = template?["spec"] { spec = KubernetesPatch.merge(spec, templateSpec) }
        var service: JSONValue = [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": .string(name), "labels": labels(cluster: cluster)], "spec": spec,
        ]
        if spec["type"] == "LoadBalancer", case .object(var members) = service["spec"] {
            members.removeValue(forKey: "clusterIP")
            service = SimulatedKubernetes.setting(service, path: ["spec"], to: .object(members))
        }
        return service
    }

    /// `<name>-es-http` (9200, port `https`).
    static func httpService(cluster: String) -> JSONValue {
        service("\(cluster)-es-http", cluster: cluster, port: 9200, portName: "https", headless: false)
    }

    /// `<name>-es-transport` (9300, port `tls-transport`, headless).
    static func transportService(cluster: String) -> JSONValue {
        service("\(cluster)-es-transport", cluster: cluster, port: 9300, portName: "tls-transport", headless: true)
    }

    /// `<name>-es-remote-cluster` (9443, port `rcs`; headless unless `spec.remoteClusterServer.service`
    /// says otherwise, as from ECK 3.3).
    static func remoteClusterService(cluster: String, template: JSONValue?) -> JSONValue {
        var service = service(
            "\(cluster)-es-remote-cluster", cluster: cluster, port: 9443, portName: "rcs", headless: true,
            template: template)
        service = SimulatedKubernetes.setting(service, path: ["spec", "publishNotReadyAddresses"], to: true)
        return service
    }

    /// Stores what ECK creates for every cluster: the public HTTP certificate Secret, the
    /// `elastic` user Secret, and the HTTP and transport Services.
    static func storeClusterBasics(
        cluster name: String, httpCA: String, elasticPassword: Secret, into kubernetes: SimulatedKubernetes,
        at location: KubernetesLocation
    ) {
        kubernetes.store(
            secret("\(name)-es-http-certs-public", cluster: name, ["ca.crt": httpCA, "tls.crt": httpCA]), in: location)
        kubernetes.store(
            secret("\(name)-es-elastic-user", cluster: name, ["elastic": elasticPassword.revealed]), in: location)
        kubernetes.store(httpService(cluster: name), in: location)
        kubernetes.store(transportService(cluster: name), in: location)
    }

    static func readyStatus(generation: Int, version: String) -> JSONValue {
        status(phase: "Ready", health: "green", generation: generation, version: version)
    }

    static func status(phase: String, health: String, generation: Int, version: String) -> JSONValue {
        [
            "phase": .string(phase), "health": .string(health), "availableNodes": 1, "version": .string(version),
            "observedGeneration": .int(generation),
        ]
    }
}
