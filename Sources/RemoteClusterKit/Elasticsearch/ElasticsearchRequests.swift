/// Pure builders for every request the wizard sends, so a screen can show the exact request
/// (Kibana Dev Tools style, via `HTTPRequest.description`) before anything is sent.
public enum ElasticsearchRequests {
    /// `GET /`
    public static func info() -> HTTPRequest { HTTPRequest(method: .get, path: "/") }

    /// `GET /_license`
    public static func license() -> HTTPRequest { HTTPRequest(method: .get, path: "/_license") }

    /// `GET /_security/_authenticate`
    public static func authenticate() -> HTTPRequest { HTTPRequest(method: .get, path: "/_security/_authenticate") }

    /// `GET /_remote/info`
    public static func remoteInfo() -> HTTPRequest { HTTPRequest(method: .get, path: "/_remote/info") }

    /// `GET /_resolve/cluster/<alias>:*[,<alias>:*…]`, which makes the local cluster contact each remote.
    /// With no aliases it is `GET /_resolve/cluster`, which checks every remote (8.18+).
    public static func resolveCluster(aliases: [String]) -> HTTPRequest {
        if aliases.isEmpty { return HTTPRequest(method: .get, path: "/_resolve/cluster") }
        // Joined by hand: `joined(separator:)` runs unspecialised here and makes the runtime scan
        // every conformance record for Array's Collection conformance on every `status` run.
        var expressions = ""
        for (index, alias) in aliases.enumerated() {
            if index > 0 { expressions += "," }
            expressions += PathEncoding.expression("\(alias):*")
        }
        return HTTPRequest(method: .get, path: "/_resolve/cluster/\(expressions)")
    }

    /// `GET /_cluster/settings`; `includeDefaults` adds remotes defined in `elasticsearch.yml`.
    public static func clusterSettings(includeDefaults: Bool = false) -> HTTPRequest {
        HTTPRequest(method: .get, path: "/_cluster/settings" + (includeDefaults ? "?include_defaults=true" : ""))
    }

    /// `PUT /_cluster/settings` adding or updating one remote (persistent, nested). The other
    /// mode's keys are set to null in the same request, so a mode change is one step.
    public static func putRemote(_ remote: RemoteClusterSettings) -> HTTPRequest {
        HTTPRequest(
            method: .put, path: "/_cluster/settings", body: persistentRemote(remote.alias, remote.settingsObject))
    }

    /// `PUT /_cluster/settings` removing one remote: every per-alias key set to null in one
    /// request (a leftover `skip_unavailable` or `transport.*` key would be rejected on its own).
    public static func removeRemote(alias: String) -> HTTPRequest {
        var keys: JSONValue = [:]
        for key in RemoteClusterSettings.allKeys { keys[key] = .null }
        return HTTPRequest(method: .put, path: "/_cluster/settings", body: persistentRemote(alias, keys))
    }

    /// `POST /_security/cross_cluster/api_key`, on the remote cluster, with a user's credentials.
    public static func createCrossClusterAPIKey(_ request: CrossClusterAPIKeyRequest) -> HTTPRequest {
        HTTPRequest(method: .post, path: "/_security/cross_cluster/api_key", body: request.json)
    }

    /// `PUT /_security/cross_cluster/api_key/<id>`
    public static func updateCrossClusterAPIKey(id: String, _ update: CrossClusterAPIKeyUpdate) -> HTTPRequest {
        HTTPRequest(
            method: .put, path: "/_security/cross_cluster/api_key/\(PathEncoding.segment(id))", body: update.json)
    }

    /// `GET /_security/api_key?id=…&name=…&active_only=true`
    public static func getAPIKeys(_ query: APIKeyQuery) -> HTTPRequest {
        let parameters = PathEncoding.query([
            ("id", query.id), ("name", query.name), ("active_only", query.activeOnly ? "true" : nil),
        ])
        return HTTPRequest(method: .get, path: "/_security/api_key" + parameters)
    }

    /// `DELETE /_security/api_key` with `ids` or `name`.
    public static func invalidateAPIKeys(_ selection: APIKeyInvalidation) -> HTTPRequest {
        HTTPRequest(method: .delete, path: "/_security/api_key", body: selection.json)
    }

    /// `POST /_nodes/reload_secure_settings`: reloads `cluster.remote.<alias>.credentials` without
    /// a restart (8.13+). Password-protected keystores are not supported here.
    public static func reloadSecureSettings() -> HTTPRequest {
        HTTPRequest(method: .post, path: "/_nodes/reload_secure_settings")
    }

    /// `PUT /_security/role/<name>`
    public static func putRole(name: String, _ role: RoleDefinition) -> HTTPRequest {
        HTTPRequest(method: .put, path: "/_security/role/\(PathEncoding.segment(name))", body: role.json)
    }

    /// `{"persistent":{"cluster":{"remote":{"<alias>":{…}}}}}`
    private static func persistentRemote(_ alias: String, _ settings: JSONValue) -> JSONValue {
        ["persistent": ["cluster": ["remote": .object([alias: settings])]]]
    }
}
