/// One cluster from `GET /_resolve/cluster/<alias>:*`: a live check that contacts the remote.
public struct ResolvedCluster: Sendable, Hashable {
    /// The alias, or `(local)` for the local cluster.
    public var alias: String
    public var connected: Bool
    public var skipUnavailable: Bool?
    /// Whether indices matched the expression; absent when the remote could not be asked.
    public var matchingIndices: Bool?
    /// Why the remote could not be resolved, as Elasticsearch words it.
    public var error: String?
    /// The remote's Elasticsearch version number, e.g. `9.1.0`.
    public var versionNumber: String?
    /// The remote's build flavor (`default` or `serverless`).
    public var buildFlavor: String?

    public init(
        alias: String, connected: Bool, skipUnavailable: Bool? = nil, matchingIndices: Bool? = nil,
        error: String? = nil, versionNumber: String? = nil, buildFlavor: String? = nil
    ) {
        self.alias = alias
        self.connected = connected
        self.skipUnavailable = skipUnavailable
        self.matchingIndices = matchingIndices
        self.error = error
        self.versionNumber = versionNumber
        self.buildFlavor = buildFlavor
    }

    init(alias: String, json: JSONValue) {
        let error: String? = json["error"].flatMap { value in
            value.stringValue ?? ElasticsearchErrorCause(json: value)?.description
        }
        self.init(
            alias: alias, connected: json.flag("connected") ?? false, skipUnavailable: json.flag("skip_unavailable"),
            matchingIndices: json.flag("matching_indices"), error: error,
            versionNumber: json["version"]?.text("number"), buildFlavor: json["version"]?.text("build_flavor"))
    }

    /// Decodes a whole response, sorted by alias.
    static func decodeAll(_ body: JSONValue) -> [ResolvedCluster] {
        (body.objectValue ?? [:])
            .filter { $0.value.objectValue != nil }
            .map { ResolvedCluster(alias: $0.key, json: $0.value) }
            .sorted { $0.alias < $1.alias }
    }
}
