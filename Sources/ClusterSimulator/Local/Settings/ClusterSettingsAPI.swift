import OrderedCollections
import RemoteClusterKit

/// The request and response bodies of `GET` and `PUT /_cluster/settings`, independent of HTTP.
enum ClusterSettingsAPI {
    /// The flattened `persistent` and `transient` members of a `PUT` body.
    struct UpdateRequest {
        var persistent: OrderedDictionary<String, SettingValue?> = [:]
        var transient: OrderedDictionary<String, SettingValue?> = [:]
    }

    /// Reads a `PUT /_cluster/settings` body. Members other than `persistent` and `transient` are
    /// ignored, as `RestClusterUpdateSettingsAction` does.
    static func parseUpdate(_ body: JSONValue?) throws(ElasticsearchErrorResponse) -> UpdateRequest {
        guard let body else {
            throw ElasticsearchErrorResponse(status: 400, type: "parse_exception", reason: "request body is required")
        }
        guard case .object = body else {
            throw ElasticsearchErrorResponse(
                status: 400, type: "parse_exception", reason: "request body must be a JSON object")
        }
        var request = UpdateRequest()
        do {
            if let transient = body["transient"] {
                request.transient = try SettingsFlattener.flatten(transient, scope: .transient)
            }
            if let persistent = body["persistent"] {
                request.persistent = try SettingsFlattener.flatten(persistent, scope: .persistent)
            }
        } catch {
            throw error.exception
        }
        return request
    }

    /// The body of a successful `PUT`: `acknowledged`, then the settings the request set.
    static func updateResponse(_ result: ClusterSettingsStore.UpdateResult, flat: Bool) -> JSONValue {
        [
            "acknowledged": true,
            "persistent": SettingsFlattener.render(result.persistentUpdates, flat: flat),
            "transient": SettingsFlattener.render(result.transientUpdates, flat: flat),
        ]
    }

    /// The body of `GET /_cluster/settings`: `persistent`, `transient`, and with `include_defaults`
    /// the `defaults` (values from `elasticsearch.yml` and built-in defaults of settings not set).
    /// `node` holds the settings the node runs with that are not in `elasticsearch.yml` as the
    /// store knows it (ECK sets `cluster.name` and `node.name` itself).
    static func getResponse(
        _ store: ClusterSettingsStore, flat: Bool, includeDefaults: Bool, node: [String: SettingValue] = [:]
    ) -> JSONValue {
        var body: JSONValue = [
            "persistent": SettingsFlattener.render(store.persistent, flat: flat),
            "transient": SettingsFlattener.render(store.transient, flat: flat),
        ]
        if includeDefaults {
            body["defaults"] = SettingsFlattener.render(defaults(of: store, node: node), flat: flat)
        }
        return body
    }

    /// Registered settings not set in the cluster state: node settings first, else built-in defaults.
    /// Per-alias settings appear only when `elasticsearch.yml` names them (as `Setting.diff` does).
    static func defaults(of store: ClusterSettingsStore, node: [String: SettingValue] = [:]) -> [String: SettingValue] {
        let explicit = store.persistent.merging(store.transient) { $1 }
        let nodeSettings = store.nodeSettings.merging(node) { $1 }
        var result: [String: SettingValue] = [:]
        for (key, entry) in ClusterSettingsRegistry.otherSettings where explicit[key] == nil {
            if let node = nodeSettings[key] {
                result[key] = node
            } else if let value = entry.defaultValue {
                result[key] = value
            }
        }
        for (key, value) in store.nodeSettings where explicit[key] == nil {
            if case .remote? = ClusterSettingsRegistry.recognize(key) { result[key] = value }
        }
        return result
    }
}
