/// The `access` of a cross-cluster API key: which remote indices the local cluster may search
/// or replicate. Elasticsearch derives the privileges; none are given here.
public struct CrossClusterAccess: Sendable, Hashable {
    /// Field-level security: fields to grant and to except.
    public struct FieldSecurity: Sendable, Hashable {
        public var grant: [String]
        public var except: [String]
        public init(grant: [String] = [], except: [String] = []) {
            self.grant = grant
            self.except = except
        }

        /// `{"grant": [...], "except": [...]}`, empty lists left out.
        public var json: JSONValue {
            var fields: JSONValue = [:]
            if !grant.isEmpty { fields["grant"] = .array(grant.map(JSONValue.string)) }
            if !except.isEmpty { fields["except"] = .array(except.map(JSONValue.string)) }
            return fields
        }
    }

    /// Grants for cross-cluster search.
    public struct Search: Sendable, Hashable {
        public var names: [String]
        public var fieldSecurity: FieldSecurity?
        /// Document-level security: a query object, a query as a JSON string, or a template.
        public var query: JSONValue?
        public var allowRestrictedIndices: Bool?
        public init(
            names: [String], fieldSecurity: FieldSecurity? = nil, query: JSONValue? = nil,
            allowRestrictedIndices: Bool? = nil
        ) {
            self.names = names
            self.fieldSecurity = fieldSecurity
            self.query = query
            self.allowRestrictedIndices = allowRestrictedIndices
        }
    }

    /// Grants for cross-cluster replication (no document or field security).
    public struct Replication: Sendable, Hashable {
        public var names: [String]
        public var allowRestrictedIndices: Bool?
        public init(names: [String], allowRestrictedIndices: Bool? = nil) {
            self.names = names
            self.allowRestrictedIndices = allowRestrictedIndices
        }
    }

    public var search: [Search]
    public var replication: [Replication]

    public init(search: [Search] = [], replication: [Replication] = []) {
        self.search = search
        self.replication = replication
    }

    /// The `access` object; empty lists are left out.
    public var json: JSONValue {
        var object: JSONValue = [:]
        if !search.isEmpty {
            object["search"] = .array(
                search.map { entry in
                    var item: JSONValue = ["names": .array(entry.names.map(JSONValue.string))]
                    if let security = entry.fieldSecurity { item["field_security"] = security.json }
                    if let query = entry.query { item["query"] = query }
                    if let allow = entry.allowRestrictedIndices { item["allow_restricted_indices"] = .bool(allow) }
                    return item
                })
        }
        if !replication.isEmpty {
            object["replication"] = .array(
                replication.map { entry in
                    var item: JSONValue = ["names": .array(entry.names.map(JSONValue.string))]
                    if let allow = entry.allowRestrictedIndices { item["allow_restricted_indices"] = .bool(allow) }
                    return item
                })
        }
        return object
    }

    /// Reads an `access` object as `GET /_security/api_key` returns it.
    init(json: JSONValue) {
        self.search = (json["search"]?.arrayValue ?? []).map { entry in
            let fields = entry["field_security"].map {
                FieldSecurity(grant: $0.strings("grant") ?? [], except: $0.strings("except") ?? [])
            }
            return Search(
                names: entry.strings("names") ?? [], fieldSecurity: fields, query: entry["query"],
                allowRestrictedIndices: entry.flag("allow_restricted_indices"))
        }
        self.replication = (json["replication"]?.arrayValue ?? []).map { entry in
            Replication(
                names: entry.strings("names") ?? [], allowRestrictedIndices: entry.flag("allow_restricted_indices"))
        }
    }
}
