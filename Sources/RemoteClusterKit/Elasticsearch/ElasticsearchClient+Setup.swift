extension ElasticsearchClient {
    /// `GET /_security/role/<name>`: the role's definition as stored, or nil when there is none.
    public func role(name: String) async throws(ElasticsearchClientError) -> JSONValue? {
        do {
            return try await send(ElasticsearchRequests.getRole(name: name)) { json in json[name] }
        } catch {
            if error.status == 404 { return nil }
            throw error
        }
    }

    /// `DELETE /_security/role/<name>`; returns whether a role was found and deleted.
    @discardableResult
    public func deleteRole(name: String) async throws(ElasticsearchClientError) -> Bool {
        do {
            return try await send(ElasticsearchRequests.deleteRole(name: name)) { json in json.flag("found") ?? true }
        } catch {
            if error.status == 404 { return false }
            throw error
        }
    }

    /// A `size=0` cross-cluster search on `<alias>:<pattern>`; the whole answer as JSON.
    public func countAcross(alias: String, pattern: String) async throws(ElasticsearchClientError) -> JSONValue {
        try await send(ElasticsearchRequests.countAcross(alias: alias, pattern: pattern)) { json in json }
    }
}
