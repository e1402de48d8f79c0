/// Typed Elasticsearch operations over an ``HTTPTransport`` and a ``ClusterEndpoint``.
///
/// Each operation sends the request its ``ElasticsearchRequests`` builder makes and decodes the
/// answer. Non-2xx answers become ``ElasticsearchError`` with the endpoint's secrets (and the
/// operation's own, such as a new key) redacted.
public struct ElasticsearchClient: Sendable {
    public var transport: any HTTPTransport
    public var endpoint: ClusterEndpoint

    public init(transport: any HTTPTransport, endpoint: ClusterEndpoint) {
        self.transport = transport
        self.endpoint = endpoint
    }

    /// `GET /`
    public func info() async throws(ElasticsearchClientError) -> ClusterInfo {
        try await send(ElasticsearchRequests.info(), decode: ClusterInfo.init(json:))
    }

    /// `GET /_license`
    public func license() async throws(ElasticsearchClientError) -> LicenseInfo {
        try await send(ElasticsearchRequests.license(), decode: LicenseInfo.init(json:))
    }

    /// `GET /_security/_authenticate`
    public func authenticate() async throws(ElasticsearchClientError) -> AuthenticatedUser {
        try await send(ElasticsearchRequests.authenticate(), decode: AuthenticatedUser.init(json:))
    }

    /// `GET /_remote/info`, sorted by alias.
    public func remoteInfo() async throws(ElasticsearchClientError) -> [RemoteInfo] {
        try await send(ElasticsearchRequests.remoteInfo(), decode: RemoteInfo.decodeAll)
    }

    /// `GET /_resolve/cluster/<alias>:*` for each alias, sorted by alias (the local cluster, if
    /// Elasticsearch lists it, appears as `(local)`).
    public func resolveCluster(aliases: [String]) async throws(ElasticsearchClientError) -> [ResolvedCluster] {
        try await send(ElasticsearchRequests.resolveCluster(aliases: aliases), decode: ResolvedCluster.decodeAll)
    }

    /// `GET /_cluster/settings`: the remotes configured through the API (and, with
    /// `includeDefaults`, in `elasticsearch.yml`).
    public func configuredRemotes(includeDefaults: Bool = false) async throws(ElasticsearchClientError)
        -> [ConfiguredRemote]
    {
        try await send(
            ElasticsearchRequests.clusterSettings(includeDefaults: includeDefaults), decode: ConfiguredRemote.decodeAll)
    }

    /// Adds or updates a remote; returns whether the change was acknowledged.
    @discardableResult
    public func putRemote(_ remote: RemoteClusterSettings) async throws(ElasticsearchClientError) -> Bool {
        try await send(ElasticsearchRequests.putRemote(remote), decode: Self.acknowledged)
    }

    /// Removes a remote with all of its keys in one request; returns whether it was acknowledged.
    @discardableResult
    public func removeRemote(alias: String) async throws(ElasticsearchClientError) -> Bool {
        try await send(ElasticsearchRequests.removeRemote(alias: alias), decode: Self.acknowledged)
    }

    /// Creates a cross-cluster API key (run against the remote cluster, as a user).
    public func createCrossClusterAPIKey(_ request: CrossClusterAPIKeyRequest) async throws(ElasticsearchClientError)
        -> CrossClusterAPIKey
    {
        let key = try await send(
            ElasticsearchRequests.createCrossClusterAPIKey(request), decode: CrossClusterAPIKey.init(json:))
        return key
    }

    /// Updates a cross-cluster API key; returns `updated` (false when nothing changed).
    @discardableResult
    public func updateCrossClusterAPIKey(id: String, _ update: CrossClusterAPIKeyUpdate)
        async throws(ElasticsearchClientError) -> Bool
    {
        try await send(ElasticsearchRequests.updateCrossClusterAPIKey(id: id, update)) {
            json throws(ResponseDecodingError) in
            try json.required("updated", JSONValue.flag, in: "PUT /_security/cross_cluster/api_key")
        }
    }

    /// `GET /_security/api_key`
    public func apiKeys(_ query: APIKeyQuery) async throws(ElasticsearchClientError) -> [APIKeyInfo] {
        try await send(ElasticsearchRequests.getAPIKeys(query), decode: APIKeyInfo.decodeAll)
    }

    /// `DELETE /_security/api_key`
    public func invalidateAPIKeys(_ selection: APIKeyInvalidation) async throws(ElasticsearchClientError)
        -> APIKeyInvalidationResult
    {
        try await send(ElasticsearchRequests.invalidateAPIKeys(selection)) { json in
            APIKeyInvalidationResult(json: json)
        }
    }

    /// `POST /_nodes/reload_secure_settings`
    public func reloadSecureSettings() async throws(ElasticsearchClientError) -> SecureSettingsReload {
        try await send(ElasticsearchRequests.reloadSecureSettings()) { json in SecureSettingsReload(json: json) }
    }

    /// `PUT /_security/role/<name>`; returns whether the role was created (false: updated).
    @discardableResult
    public func putRole(name: String, _ role: RoleDefinition) async throws(ElasticsearchClientError) -> Bool {
        try await send(ElasticsearchRequests.putRole(name: name, role)) { json throws(ResponseDecodingError) in
            guard let created = json["role"]?.flag("created") else {
                throw ResponseDecodingError(
                    operation: "PUT /_security/role", detail: "the field \"role.created\" is missing")
            }
            return created
        }
    }

    /// Sends any request and decodes a 2xx JSON object body with `decode`.
    public func send<Result>(
        _ request: HTTPRequest, secrets: [Secret] = [],
        decode: (JSONValue) throws(ResponseDecodingError) -> Result
    ) async throws(ElasticsearchClientError) -> Result {
        let response: HTTPResponse
        do {
            response = try await transport.send(request, to: endpoint)
        } catch {
            throw .transport(error)
        }
        let operation = "\(request.method.rawValue) \(request.path.split(separator: "?").first ?? "")"
        guard (200..<300).contains(response.status) else {
            throw .server(
                ElasticsearchError(operation: operation, response: response, secrets: endpoint.auth.secrets + secrets))
        }
        do {
            return try decode(try response.jsonObject(for: operation))
        } catch {
            throw .undecodable(error)
        }
    }

    private static func acknowledged(_ json: JSONValue) throws(ResponseDecodingError) -> Bool {
        try json.required("acknowledged", JSONValue.flag, in: "PUT /_cluster/settings")
    }
}
