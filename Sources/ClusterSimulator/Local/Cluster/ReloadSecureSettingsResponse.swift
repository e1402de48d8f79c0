import Foundation
import RemoteClusterKit

/// The body of `POST /_nodes/reload_secure_settings` for the single simulated node. A node that
/// could not reload still answers (the request succeeds) with only its `reload_exception`.
enum ReloadSecureSettingsResponse {
    static func body(cluster: LocalElasticsearchCluster, outcome: LocalElasticsearchCluster.SecureSettingsReload)
        -> JSONValue
    {
        let keystore = cluster.loadedKeystore
        let nodeID = String(cluster.identity.clusterUUID.prefix(22))
        let node: JSONValue
        switch outcome {
        case .failed(let exception):
            node = ["name": .string(cluster.identity.nodeName), "reload_exception": exception.causeJSON]
        case .reloaded(let names):
            node = [
                "name": .string(cluster.identity.nodeName),
                "secure_setting_names": .array(names.map { .string($0) }),
                "keystore_path": "/usr/share/elasticsearch/config/elasticsearch.keystore",
                "keystore_digest": .string(keystore.digest),
                "keystore_last_modified_time": .string(SimulatedLicense.iso(cluster.keystoreModified)),
            ]
        }
        return [
            "_nodes": ["total": 1, "successful": 1, "failed": 0],
            "cluster_name": .string(cluster.identity.name),
            "nodes": .object([nodeID: node]),
        ]
    }
}
