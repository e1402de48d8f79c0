extension ElasticsearchRequests {
    /// `GET /_security/role/<name>`
    public static func getRole(name: String) -> HTTPRequest {
        HTTPRequest(method: .get, path: "/_security/role/\(PathEncoding.segment(name))")
    }

    /// `DELETE /_security/role/<name>`
    public static func deleteRole(name: String) -> HTTPRequest {
        HTTPRequest(method: .delete, path: "/_security/role/\(PathEncoding.segment(name))")
    }

    /// `POST /<alias>:<pattern>/_search` with `{"size":0,"track_total_hits":true}`: counts the
    /// documents the connection can reach without fetching any.
    public static func countAcross(alias: String, pattern: String) -> HTTPRequest {
        HTTPRequest(
            method: .post, path: "/\(PathEncoding.expression("\(alias):\(pattern)"))/_search",
            body: ["size": 0, "track_total_hits": true])
    }
}
