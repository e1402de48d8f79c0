/// The answer of `POST /_nodes/reload_secure_settings`. It is a 200 even when nodes failed, so
/// check `failedNodes`.
public struct SecureSettingsReload: Sendable, Hashable {
    /// One node's result.
    public struct Node: Sendable, Hashable {
        public var id: String
        public var name: String
        /// Why this node could not reload, when it could not.
        public var reloadError: ElasticsearchErrorCause?
        /// The secure settings the node reloaded (recent versions only).
        public var secureSettingNames: [String]

        public init(
            id: String, name: String, reloadError: ElasticsearchErrorCause? = nil, secureSettingNames: [String] = []
        ) {
            self.id = id
            self.name = name
            self.reloadError = reloadError
            self.secureSettingNames = secureSettingNames
        }
    }

    public var clusterName: String?
    /// Nodes sorted by name.
    public var nodes: [Node]
    /// `_nodes.failed`: nodes that could not be asked at all.
    public var unreachableNodes: Int

    public init(clusterName: String?, nodes: [Node], unreachableNodes: Int = 0) {
        self.clusterName = clusterName
        self.nodes = nodes
        self.unreachableNodes = unreachableNodes
    }

    /// Nodes that answered with a reload error.
    public var failedNodes: [Node] { nodes.filter { $0.reloadError != nil } }

    /// Whether `cluster.remote.<alias>.credentials` was reloaded on every node that reports setting names.
    public func reloadedCredentials(forAlias alias: String) -> Bool {
        let setting = "cluster.remote.\(alias).credentials"
        let reporting = nodes.filter { !$0.secureSettingNames.isEmpty }
        return !reporting.isEmpty && reporting.allSatisfy { $0.secureSettingNames.contains(setting) }
    }

    init(json: JSONValue) {
        let nodes = (json["nodes"]?.objectValue ?? [:]).map { id, node in
            Node(
                id: id, name: node.text("name") ?? id,
                reloadError: node["reload_exception"].flatMap(ElasticsearchErrorCause.init(json:)),
                secureSettingNames: node.strings("secure_setting_names") ?? [])
        }
        self.init(
            clusterName: json.text("cluster_name"), nodes: nodes.sorted { $0.name < $1.name },
            unreachableNodes: json["_nodes"]?.integer("failed") ?? 0)
    }
}
