import OrderedCollections
import RemoteClusterKit

/// The native roles of the simulated local cluster (`PUT/GET /_security/role/<name>`), validated the
/// way Elasticsearch's `RoleDescriptor.parse` and `PutRoleRequest.validate` do for the fields the
/// wizard writes: `cluster`, `indices`, `remote_indices`, `remote_cluster`.
public struct RoleStore: Sendable, Hashable {
    /// The stored roles in their normalised form (as `GET` returns them), by name.
    public private(set) var roles: [String: JSONValue] = [:]

    public init() {}

    /// Built-in roles that cannot be changed.
    static let reservedRoles: Set<String> = [
        "superuser", "kibana_system", "remote_monitoring_agent", "monitoring_user", "logstash_system",
        "beats_system", "apm_system", "viewer", "editor",
    ]
    /// The privileges a `remote_cluster` entry may grant.
    static let remoteClusterPrivileges = ["monitor_enrich", "monitor_stats"]
    static let knownFields: Set<String> = [
        "cluster", "indices", "applications", "run_as", "metadata", "transient_metadata", "global",
        "remote_indices", "remote_cluster", "description", "restriction",
    ]

    /// Stores a role; returns whether it was created (false: an existing role was replaced).
    public mutating func put(name: String, body: JSONValue?) throws(ElasticsearchErrorResponse) -> Bool {
        let role = try Self.normalise(name: name, body: body ?? .object([:]))
        let created = roles[name] == nil
        roles[name] = role
        return created
    }

    /// Removes a role; returns whether it existed (`DELETE /_security/role/<name>` answers
    /// `{"found": …}`, with 404 when it did not).
    public mutating func delete(name: String) -> Bool {
        roles.removeValue(forKey: name) != nil
    }

    /// Checks a role body and returns it as `GET` shows it.
    static func normalise(name: String, body: JSONValue) throws(ElasticsearchErrorResponse) -> JSONValue {
        if reservedRoles.contains(name) {
            throw .validationFailed(["Role [\(name)] is reserved and may not be used."])
        }
        guard let members = body.objectValue else {
            throw parseFailure(
                "failed to parse role [\(name)]. expected an object but found [\(body.jsonString())] instead")
        }
        for field in members.keys where !knownFields.contains(field) {
            throw parseFailure("failed to parse role [\(name)]. unexpected field [\(field)]")
        }
        let cluster = try stringList(members["cluster"], field: "cluster", role: name)
        let indices = try privilegeEntries(members["indices"], role: name, remote: false)
        let remoteIndices = try privilegeEntries(members["remote_indices"], role: name, remote: true)
        let remoteCluster = try remoteClusterEntries(members["remote_cluster"], role: name)
        var role: OrderedDictionary<String, JSONValue> = [
            "cluster": .array(cluster.map { .string($0) }),
            "indices": .array(indices),
            "applications": members["applications"] ?? [],
            "run_as": members["run_as"] ?? [],
            "metadata": members["metadata"] ?? [:],
            "transient_metadata": ["enabled": true],
        ]
        if members["remote_indices"] != nil { role["remote_indices"] = .array(remoteIndices) }
        if members["remote_cluster"] != nil { role["remote_cluster"] = .array(remoteCluster) }
        if let description = members["description"] { role["description"] = description }
        return .object(role)
    }

    private static func parseFailure(_ reason: String) -> ElasticsearchErrorResponse {
        ElasticsearchErrorResponse(status: 400, type: "parse_exception", reason: reason)
    }

    private static func stringList(_ value: JSONValue?, field: String, role: String) throws(ElasticsearchErrorResponse)
        -> [String]
    {
        guard let value else { return [] }
        if let single = value.stringValue { return [single] }
        guard let items = value.arrayValue else {
            throw parseFailure("failed to parse role [\(role)]. [\(field)] must be an array of strings")
        }
        var result: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                throw parseFailure("failed to parse role [\(role)]. [\(field)] must be an array of strings")
            }
            result.append(text)
        }
        return result
    }

    /// `indices` or `remote_indices` entries: `names` and `privileges` required, plus `clusters` for remote ones.
    private static func privilegeEntries(_ value: JSONValue?, role: String, remote: Bool)
        throws(ElasticsearchErrorResponse) -> [JSONValue]
    {
        guard let value else { return [] }
        let kind = remote ? "remote indices" : "indices"
        guard let entries = value.arrayValue else {
            throw parseFailure(
                "failed to parse \(kind) privileges for role [\(role)]. expected field [\(remote ? "remote_indices" : "indices")] value to be an array"
            )
        }
        var result: [JSONValue] = []
        for entry in entries {
            guard let fields = entry.objectValue else {
                throw parseFailure("failed to parse \(kind) privileges for role [\(role)]. expected an object")
            }
            var required = ["names", "privileges"]
            if remote { required.insert("clusters", at: 0) }
            for field in required where fields[field] == nil {
                throw parseFailure(
                    "failed to parse \(kind) privileges for role [\(role)]. missing required [\(field)] field")
            }
            var normalised: OrderedDictionary<String, JSONValue> = [:]
            if remote {
                let clusters = try stringList(fields["clusters"], field: "clusters", role: role)
                if clusters.isEmpty {
                    throw .validationFailed(["remote index cluster alias cannot be an empty string"])
                }
                normalised["clusters"] = .array(clusters.map { .string($0) })
            }
            normalised["names"] = .array(
                try stringList(fields["names"], field: "names", role: role).map { .string($0) })
            normalised["privileges"] = .array(
                try stringList(fields["privileges"], field: "privileges", role: role).map { .string($0) })
            if let security = fields["field_security"] { normalised["field_security"] = security }
            if let query = fields["query"] { normalised["query"] = query }
            normalised["allow_restricted_indices"] = fields["allow_restricted_indices"] ?? false
            result.append(.object(normalised))
        }
        return result
    }

    /// `remote_cluster` entries: `clusters` and `privileges` required; only `monitor_enrich` and
    /// `monitor_stats` are allowed (`RemoteClusterPermissions`).
    private static func remoteClusterEntries(_ value: JSONValue?, role: String) throws(ElasticsearchErrorResponse)
        -> [JSONValue]
    {
        guard let value else { return [] }
        guard let entries = value.arrayValue else {
            throw parseFailure(
                "failed to parse remote_cluster for role [\(role)]. expected field [remote_cluster] value to be an array"
            )
        }
        var result: [JSONValue] = []
        for entry in entries {
            guard let fields = entry.objectValue else {
                throw parseFailure("failed to parse remote_cluster for role [\(role)]. expected an object")
            }
            for field in ["privileges", "clusters"] where fields[field] == nil {
                throw parseFailure(
                    "failed to parse remote_cluster for role [\(role)]. missing required [\(field)] field")
            }
            let privileges = try stringList(fields["privileges"], field: "privileges", role: role)
            let unsupported = privileges.filter { !remoteClusterPrivileges.contains($0) }
            if !unsupported.isEmpty {
                throw .validationFailed([
                    "Invalid remote_cluster permissions found. Please remove the following: [\(unsupported.joined(separator: ", "))] Only [\(remoteClusterPrivileges.joined(separator: ", "))] are allowed"
                ])
            }
            let clusters = try stringList(fields["clusters"], field: "clusters", role: role)
            result.append([
                "privileges": .array(privileges.map { .string($0) }), "clusters": .array(clusters.map { .string($0) }),
            ])
        }
        return result
    }
}

extension RoleStore {
    /// The cluster privileges the roles grant (`superuser`: everything; unknown roles: nothing).
    public func clusterPrivileges(of names: [String]) -> Set<String> {
        if names.contains("superuser") { return ["all"] }
        var result: Set<String> = []
        for name in names {
            for privilege in roles[name]?["cluster"]?.arrayValue ?? [] {
                if let text = privilege.stringValue { result.insert(text) }
            }
        }
        return result
    }
}
