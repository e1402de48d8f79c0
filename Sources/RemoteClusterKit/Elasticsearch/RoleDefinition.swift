/// The body of `PUT /_security/role/<name>` for the local cluster's cross-cluster roles.
public struct RoleDefinition: Sendable, Hashable {
    /// Index privileges on one or more remote clusters (API-key model only).
    public struct RemoteIndices: Sendable, Hashable {
        /// Aliases, wildcards or patterns of the remote clusters.
        public var clusters: [String]
        public var names: [String]
        /// e.g. `read`, `read_cross_cluster`, `view_index_metadata`.
        public var privileges: [String]
        public var fieldSecurity: CrossClusterAccess.FieldSecurity?
        public var query: JSONValue?
        public var allowRestrictedIndices: Bool?

        public init(
            clusters: [String], names: [String], privileges: [String],
            fieldSecurity: CrossClusterAccess.FieldSecurity? = nil,
            query: JSONValue? = nil, allowRestrictedIndices: Bool? = nil
        ) {
            self.clusters = clusters
            self.names = names
            self.privileges = privileges
            self.fieldSecurity = fieldSecurity
            self.query = query
            self.allowRestrictedIndices = allowRestrictedIndices
        }
    }

    /// Cluster privileges on remote clusters: only `monitor_enrich` (8.14+) and `monitor_stats` (8.17+).
    public struct RemoteCluster: Sendable, Hashable {
        public var clusters: [String]
        public var privileges: [String]
        public init(clusters: [String], privileges: [String]) {
            self.clusters = clusters
            self.privileges = privileges
        }
    }

    /// Local cluster privileges, e.g. `manage_ccr` for replication.
    public var cluster: [String]
    public var remoteIndices: [RemoteIndices]
    public var remoteCluster: [RemoteCluster]
    public var description: String?
    public var metadata: JSONValue?

    public init(
        cluster: [String] = [], remoteIndices: [RemoteIndices] = [], remoteCluster: [RemoteCluster] = [],
        description: String? = nil, metadata: JSONValue? = nil
    ) {
        self.cluster = cluster
        self.remoteIndices = remoteIndices
        self.remoteCluster = remoteCluster
        self.description = description
        self.metadata = metadata
    }

    /// The CCS privileges Elastic documents for `remote_indices`.
    public static let searchPrivileges = ["read", "read_cross_cluster", "view_index_metadata"]
    /// The CCR privilege Elastic documents for `remote_indices`.
    public static let replicationPrivileges = ["cross_cluster_replication"]

    public var json: JSONValue {
        var body: JSONValue = [:]
        if let description { body["description"] = .string(description) }
        if !cluster.isEmpty { body["cluster"] = strings(cluster) }
        if !remoteIndices.isEmpty {
            body["remote_indices"] = .array(
                remoteIndices.map { entry in
                    var item: JSONValue = [
                        "clusters": strings(entry.clusters), "names": strings(entry.names),
                        "privileges": strings(entry.privileges),
                    ]
                    if let security = entry.fieldSecurity { item["field_security"] = security.json }
                    if let query = entry.query { item["query"] = query }
                    if let allow = entry.allowRestrictedIndices { item["allow_restricted_indices"] = .bool(allow) }
                    return item
                })
        }
        if !remoteCluster.isEmpty {
            body["remote_cluster"] = .array(
                remoteCluster.map { ["clusters": strings($0.clusters), "privileges": strings($0.privileges)] })
        }
        if let metadata { body["metadata"] = metadata }
        return body
    }

    private func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}
