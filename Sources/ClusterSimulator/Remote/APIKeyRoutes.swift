import Foundation
import OrderedCollections
import RemoteClusterKit

/// The API key endpoints: cross-cluster create and update, REST key create, get, invalidate.
/// Validation, privilege and license checks follow Elasticsearch's order and texts.
struct APIKeyRoutes: Sendable {
    let store: APIKeyStore
    let license: @Sendable () -> SimulatedLicense
    let faults: FaultSwitchboard

    static let createAction = "cluster:admin/xpack/security/cross_cluster/api_key/create"
    static let updateAction = "cluster:admin/xpack/security/cross_cluster/api_key/update"
    static let securityPrivileges = ["manage_security", "all"]
    static let updateParserName = "update_cross_cluster_api_key_request_payload"

    func add(to router: inout RESTRouter) {
        let routes = self
        router.add("POST", "/_security/cross_cluster/api_key") { request throws(ElasticsearchErrorResponse) in
            try routes.createCrossCluster(request)
        }
        router.add("PUT", "/_security/cross_cluster/api_key/{id}") { request throws(ElasticsearchErrorResponse) in
            try routes.updateCrossCluster(request)
        }
        for method in ["POST", "PUT"] {
            router.add(method, "/_security/api_key") { request throws(ElasticsearchErrorResponse) in
                try routes.createREST(request)
            }
        }
        router.add("GET", "/_security/api_key") { request throws(ElasticsearchErrorResponse) in
            try routes.get(request)
        }
        router.add("DELETE", "/_security/api_key") { request throws(ElasticsearchErrorResponse) in
            try routes.invalidate(request)
        }
    }

    /// The license, as faults change it.
    private var effectiveLicense: SimulatedLicense { faults.isOn(.basicLicense) ? .basic : license() }

    // MARK: create / update cross-cluster

    func createCrossCluster(_ request: RESTRequest) throws(ElasticsearchErrorResponse) -> HTTPResponse {
        guard effectiveLicense.allowsRemoteClusterSecurity else { throw SimulatedLicense.nonCompliant }
        let (members, raw) = try Self.requestObject(
            request, payload: "cross_cluster_api_key_request_payload", parser: CrossClusterAccess.parserName,
            allowed: ["name", "access", "expiration", "metadata", "certificate_identity"])
        var missing: [String] = []
        if members["name"] == nil { missing.append("name") }
        if members["access"] == nil { missing.append("access") }
        let access = try Self.access(members, raw: raw, parser: CrossClusterAccess.parserName)
        if !missing.isEmpty { throw .illegalArgument("Required [\(missing.joined(separator: ", "))]") }
        guard let name = members["name"]?.stringValue, let access else {
            throw .illegalArgument("Required [name]")
        }
        let expiration = try Self.expiration(members["expiration"], parser: CrossClusterAccess.parserName)
        try access.validate()
        try Self.validateName(name)
        let metadata = try Self.metadata(members["metadata"])
        let principal = try requirePrincipal(request)
        try principal.require(action: Self.createAction, privileges: Self.securityPrivileges)
        if principal.isAPIKey {
            throw .illegalArgument(
                "authentication via API key not supported: An API key cannot be used to create a cross-cluster API key")
        }
        let type: APIKeyType = faults.isOn(.restKeyInsteadOfCrossCluster) ? .rest : .crossCluster
        let created = store.create(
            name: name, type: type, username: principal.username, realm: principal.realm, expiration: expiration,
            metadata: metadata ?? .object([:]), access: access.json,
            roleDescriptors: type == .crossCluster ? access.roleDescriptors : .object([:]))
        return request.json(Self.createdBody(created))
    }

    func updateCrossCluster(_ request: RESTRequest) throws(ElasticsearchErrorResponse) -> HTTPResponse {
        guard effectiveLicense.allowsRemoteClusterSecurity else { throw SimulatedLicense.nonCompliant }
        let id = request.pathParameters["id"] ?? ""
        let (members, raw) = try Self.requestObject(
            request, payload: "update_cross_cluster_api_key_request_payload", parser: Self.updateParserName,
            allowed: ["access", "expiration", "metadata", "certificate_identity"])
        let access = try Self.access(members, raw: raw, parser: Self.updateParserName)
        let expiration = try Self.expiration(members["expiration"], parser: Self.updateParserName)
        try access?.validate()
        let metadata = try Self.metadata(members["metadata"])
        if access == nil && metadata == nil {
            throw .illegalArgument("must update either [access] or [metadata] for cross-cluster API keys")
        }
        let principal = try requirePrincipal(request)
        try principal.require(action: Self.updateAction, privileges: Self.securityPrivileges)
        if principal.isAPIKey {
            throw .illegalArgument(
                "authentication via API key not supported: only the owner user can update an API key")
        }
        guard let key = store.key(id: id), key.username == principal.username else {
            throw .notFound("no API key owned by requesting user found for ID [\(id)]")
        }
        guard key.type == .crossCluster else {
            throw .illegalArgument(
                "cannot update API key of type [\(key.type.rawValue)] while expected type is [cross_cluster]")
        }
        if key.invalidated || faults.isOn(.keyInvalidated) {
            throw .illegalArgument("cannot update invalidated API key [\(id)]")
        }
        if key.isExpired() || faults.isOn(.keyExpired) {
            throw .illegalArgument("cannot update expired API key [\(id)]")
        }
        var updated = false
        store.update(id: id) { stored in
            if let access {
                updated = updated || stored.access != access.json
                stored.access = access.json
                stored.roleDescriptors = access.roleDescriptors
            }
            if let metadata {
                updated = updated || stored.metadata != metadata
                stored.metadata = metadata
            }
            if let expiration {
                updated = true
                stored.expiration = expiration
            }
        }
        return request.json(["updated": .bool(updated)])
    }

    // MARK: REST keys

    func createREST(_ request: RESTRequest) throws(ElasticsearchErrorResponse) -> HTTPResponse {
        guard let body = try request.jsonBody() else { throw .illegalArgument("request body is required") }
        let raw = String(decoding: request.body, as: UTF8.self)
        guard case .object(let members) = body else {
            throw .parse(
                "api_key_request doesn't support values of type: \(JSONLocator.tokenName(body))",
                parser: "api_key_request")
        }
        try Self.rejectUnknownFields(
            members, allowed: ["name", "role_descriptors", "expiration", "metadata"], raw: raw,
            parser: "api_key_request")
        let name = members["name"]?.stringValue ?? ""
        try Self.validateName(name)
        let principal = try requirePrincipal(request)
        try principal.require(
            action: "cluster:admin/xpack/security/api_key/create",
            privileges: ["manage_own_api_key", "manage_api_key", "manage_security", "all"])
        let created = store.create(
            name: name, type: .rest, username: principal.username, realm: principal.realm,
            expiration: try Self.expiration(members["expiration"]),
            metadata: try Self.metadata(members["metadata"]) ?? .object([:]),
            roleDescriptors: members["role_descriptors"] ?? .object([:]))
        return request.json(Self.createdBody(created))
    }

    // MARK: get / invalidate

    func get(_ request: RESTRequest) throws(ElasticsearchErrorResponse) -> HTTPResponse {
        let principal = try requirePrincipal(request)
        let owner = request.flag("owner")
        if !owner {
            try principal.require(
                action: "cluster:admin/xpack/security/api_key/get",
                privileges: ["manage_api_key", "manage_security", "read_security", "all"])
        }
        let query = request.query
        let keys = store.all.filter { key in
            (query["id"].map { $0 == key.id } ?? true)
                && (query["name"].map { Self.wildcard($0, matches: key.name) } ?? true)
                && (query["username"].map { $0 == key.username } ?? true)
                && (query["realm_name"].map { $0 == key.realm } ?? true)
                && (!owner || key.username == principal.username)
                && (!request.flag("active_only") || (!effective(key).invalidated && !effective(key).isExpired()))
        }
        return request.json(["api_keys": .array(keys.map { Self.keyJSON(effective($0)) })])
    }

    func invalidate(_ request: RESTRequest) throws(ElasticsearchErrorResponse) -> HTTPResponse {
        guard let body = try request.jsonBody(), case .object(let members) = body else {
            throw .illegalArgument("request body is required")
        }
        let principal = try requirePrincipal(request)
        let owner = members["owner"].map { $0.boolValue == true || $0.stringValue == "true" } ?? false
        if !owner {
            try principal.require(
                action: "cluster:admin/xpack/security/api_key/invalidate",
                privileges: ["manage_api_key", "manage_security", "all"])
        }
        var ids: Set<String> = []
        if let list = members["ids"]?.arrayValue { ids.formUnion(list.compactMap(\.stringValue)) }
        if let one = members["id"]?.stringValue { ids.insert(one) }
        let name = members["name"]?.stringValue
        let username = members["username"]?.stringValue
        let realm = members["realm_name"]?.stringValue
        if ids.isEmpty && name == nil && username == nil && realm == nil && !owner {
            throw ElasticsearchErrorResponse(
                status: 400, type: "action_request_validation_exception",
                reason:
                    "Validation Failed: 1: One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false;"
            )
        }
        var invalidated: [JSONValue] = []
        var previously: [JSONValue] = []
        for key in store.all {
            guard ids.isEmpty || ids.contains(key.id),
                name.map({ Self.wildcard($0, matches: key.name) }) ?? true,
                username.map({ $0 == key.username }) ?? true,
                realm.map({ $0 == key.realm }) ?? true,
                !owner || key.username == principal.username
            else { continue }
            if store.invalidate(id: key.id) {
                invalidated.append(.string(key.id))
            } else {
                previously.append(.string(key.id))
            }
        }
        return request.json([
            "invalidated_api_keys": .array(invalidated), "previously_invalidated_api_keys": .array(previously),
            "error_count": 0,
        ])
    }

    // MARK: helpers

    /// The key as faults make it look (`key-invalidated`, `key-expired`).
    func effective(_ key: StoredAPIKey) -> StoredAPIKey {
        var key = key
        guard key.type == .crossCluster else { return key }
        if faults.isOn(.keyInvalidated), !key.invalidated {
            key.invalidated = true
            key.invalidation = Date()
        }
        if faults.isOn(.keyExpired), !key.isExpired() {
            key.expiration = Date().addingTimeInterval(-60)
        }
        return key
    }

    private func requirePrincipal(_ request: RESTRequest) throws(ElasticsearchErrorResponse) -> AuthenticatedPrincipal {
        guard let principal = request.principal else {
            throw RESTAuthenticator.unauthorized("missing authentication credentials for REST request [\(request.uri)]")
        }
        return principal
    }

    static func createdBody(_ created: CreatedAPIKey) -> JSONValue {
        var body = OrderedDictionary<String, JSONValue>()
        body["id"] = .string(created.key.id)
        body["name"] = .string(created.key.name)
        if let expiration = created.key.expiration { body["expiration"] = .int(millis(expiration)) }
        body["api_key"] = .string(created.secret.revealed)
        body["encoded"] = .string(created.encoded.revealed)
        return .object(body)
    }

    static func keyJSON(_ key: StoredAPIKey) -> JSONValue {
        var body = OrderedDictionary<String, JSONValue>()
        body["id"] = .string(key.id)
        body["name"] = .string(key.name)
        body["type"] = .string(key.type.rawValue)
        body["creation"] = .int(millis(key.creation))
        if let expiration = key.expiration { body["expiration"] = .int(millis(expiration)) }
        body["invalidated"] = .bool(key.invalidated)
        if let invalidation = key.invalidation { body["invalidation"] = .int(millis(invalidation)) }
        body["username"] = .string(key.username)
        body["realm"] = .string(key.realm)
        body["realm_type"] = .string(AuthenticatedPrincipal.realmType(of: key.realm))
        body["metadata"] = key.metadata
        body["role_descriptors"] = key.roleDescriptors
        if key.type == .crossCluster, let access = key.access { body["access"] = access }
        return .object(body)
    }

    static func millis(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1000).rounded()) }

    /// The expiration time; a bad value fails as Elasticsearch's parser does when it builds the
    /// request (`Failed to build [parser] after last required field arrived`, caused by the time
    /// value error). Without `parser` the time value error is thrown as is.
    static func expiration(_ value: JSONValue?, parser: String? = nil) throws(ElasticsearchErrorResponse) -> Date? {
        guard let value, !value.isNull else { return nil }
        do throws(ElasticsearchErrorResponse) {
            let text = value.stringValue ?? value.jsonString()
            return Date().addingTimeInterval(try TimeValueParser.seconds(text, setting: "expiration"))
        } catch {
            guard let parser else { throw error }
            var wrapped = ElasticsearchErrorResponse(
                status: 400, type: "x_content_parse_exception",
                reason: "Failed to build [\(parser)] after last required field arrived")
            wrapped.causedBy = error.causeJSON
            wrapped.rootCause = error.rootCauseJSON
            throw wrapped
        }
    }

    static func metadata(_ value: JSONValue?) throws(ElasticsearchErrorResponse) -> JSONValue? {
        guard let value, !value.isNull else { return nil }
        guard case .object(let members) = value else {
            throw .parse(
                "metadata doesn't support values of type: \(JSONLocator.tokenName(value))",
                parser: CrossClusterAccess.parserName)
        }
        if members.keys.contains(where: { $0.hasPrefix("_") }) {
            throw ElasticsearchErrorResponse(
                status: 400, type: "action_request_validation_exception",
                reason: "Validation Failed: 1: API key metadata keys may not start with [_];")
        }
        return value
    }

    /// The request body as a JSON object (with its text, for error locations), refused the way
    /// Elasticsearch's object parser `payload` refuses a missing body, another JSON type or an
    /// unknown field.
    static func requestObject(
        _ request: RESTRequest, payload: String, parser: String, allowed: Set<String>
    ) throws(ElasticsearchErrorResponse) -> (members: OrderedDictionary<String, JSONValue>, raw: String) {
        guard let body = try request.jsonBody() else { throw .illegalArgument("request body is required") }
        let raw = String(decoding: request.body, as: UTF8.self)
        guard case .object(let members) = body else {
            throw .parse("\(payload) doesn't support values of type: \(JSONLocator.tokenName(body))", parser: parser)
        }
        try rejectUnknownFields(members, allowed: allowed, raw: raw, parser: parser)
        return (members, raw)
    }

    /// The `access` member parsed and checked (nil when absent); `"access": null` is a parse error.
    static func access(
        _ members: OrderedDictionary<String, JSONValue>, raw: String, parser: String
    ) throws(ElasticsearchErrorResponse) -> CrossClusterAccess? {
        guard let value = members["access"] else { return nil }
        if value.isNull {
            let location = JSONLocator.valueLocation(of: "access", in: raw)
            throw .parse(
                "access doesn't support values of type: VALUE_NULL", parser: parser,
                line: location.line, column: location.column)
        }
        return try CrossClusterAccess.parse(value, raw: raw, parser: parser)
    }

    static func rejectUnknownFields(
        _ members: OrderedDictionary<String, JSONValue>, allowed: Set<String>, raw: String,
        parser: String = CrossClusterAccess.parserName
    ) throws(ElasticsearchErrorResponse) {
        for key in members.keys where !allowed.contains(key) {
            let location = JSONLocator.keyLocation(of: key, in: raw)
            throw .parse("unknown field [\(key)]", parser: parser, line: location.line, column: location.column)
        }
    }

    static func wildcard(_ pattern: String, matches name: String) -> Bool {
        guard pattern.hasSuffix("*") else { return pattern == name }
        return name.hasPrefix(String(pattern.dropLast()))
    }
}
