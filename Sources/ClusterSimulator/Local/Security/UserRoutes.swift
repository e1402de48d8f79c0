import Foundation
import OrderedCollections
import RemoteClusterKit

/// `PUT|POST|GET|DELETE /_security/user/<name>` on the local cluster: users of the native realm
/// whose roles come from the role store, validated as `PutUserRequest` does.
extension LocalClusterRoutes {
    /// Reserved users: they exist in the reserved realm and cannot be created or changed here.
    static let reservedUsers: Set<String> = [
        "elastic", "kibana", "kibana_system", "logstash_system", "beats_system", "apm_system",
        "remote_monitoring_user",
    ]

    static func addUserRoutes(to router: inout RESTRouter, cluster: LocalElasticsearchCluster) {
        let put: RESTHandler = { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:admin/xpack/security/user/put", privileges: ["manage_security", "all"])
            let name = request.pathParameters["name"] ?? ""
            let body = try request.jsonBody() ?? .object([:])
            let created = try putUser(name: name, body: body, authenticator: cluster.authenticator)
            return request.json(["created": .bool(created)])
        }
        router.add("PUT", "/_security/user/{name}", put)
        router.add("POST", "/_security/user/{name}", put)
        let get: RESTHandler = { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:admin/xpack/security/user/get",
                privileges: ["read_security", "manage_security", "all"])
            return request.namedObjects(all: cluster.authenticator.userNames) { name in
                cluster.authenticator.user(name).map(userJSON)
            }
        }
        router.add("GET", "/_security/user", get)
        router.add("GET", "/_security/user/{name}", get)
        router.add("DELETE", "/_security/user/{name}") { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:admin/xpack/security/user/delete", privileges: ["manage_security", "all"])
            let name = request.pathParameters["name"] ?? ""
            if reservedUsers.contains(name) {
                throw .validationFailed(["user [\(name)] is reserved and cannot be deleted"])
            }
            let found = cluster.authenticator.removeUser(name)
            return request.json(status: found ? 200 : 404, ["found": .bool(found)])
        }
    }

    /// Creates or replaces a user; returns whether it was created.
    static func putUser(name: String, body: JSONValue, authenticator: RESTAuthenticator)
        throws(ElasticsearchErrorResponse) -> Bool
    {
        guard case .object(let members) = body else {
            throw ElasticsearchErrorResponse(
                status: 400, type: "parse_exception", reason: "failed to parse add user request. expected an object")
        }
        if reservedUsers.contains(name) {
            throw .validationFailed(["user [\(name)] is reserved and only the password can be changed"])
        }
        let existing = authenticator.user(name)
        var problems: [String] = []
        let password = members["password"]?.stringValue
        if let password, password.count < 6 {
            problems.append("passwords must be at least [6] characters long")
        } else if password == nil && existing == nil {
            problems.append("password must be specified unless you are updating an existing user")
        }
        let roles = members["roles"].flatMap { value -> [String]? in
            value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue)
        }
        if roles == nil { problems.append("roles are missing") }
        if !problems.isEmpty { throw .validationFailed(problems) }
        authenticator.setUser(
            SimulatedUser(
                username: name, password: password.map { Secret($0) } ?? existing?.password ?? Secret(""),
                roles: roles ?? [],
                clusterPrivileges: []))
        return existing == nil
    }

    static func userJSON(_ user: SimulatedUser) -> JSONValue {
        [
            "username": .string(user.username), "roles": .array(user.roles.map { .string($0) }), "full_name": .null,
            "email": .null, "metadata": .object([:]), "enabled": true,
        ]
    }
}
