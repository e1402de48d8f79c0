import Foundation
import RemoteClusterKit

/// A user of a simulated cluster's native realm.
public struct SimulatedUser: Sendable, Hashable {
    public var username: String
    public var password: Secret
    public var roles: [String]
    /// Cluster privileges the user holds through its roles (`all` implies every privilege).
    public var clusterPrivileges: Set<String>

    public init(username: String, password: Secret, roles: [String], clusterPrivileges: Set<String>) {
        self.username = username
        self.password = password
        self.roles = roles
        self.clusterPrivileges = clusterPrivileges
    }

    /// The built-in superuser `elastic` with this password.
    public static func elastic(password: Secret) -> SimulatedUser {
        SimulatedUser(username: "elastic", password: password, roles: ["superuser"], clusterPrivileges: ["all"])
    }

    /// A user that may monitor but not manage security (no `manage_security`).
    public static func limited(username: String = "limited_user", password: Secret) -> SimulatedUser {
        SimulatedUser(
            username: username, password: password, roles: ["limited_role"],
            clusterPrivileges: ["monitor", "manage_own_api_key"])
    }
}

/// Who a REST request was authenticated as.
public struct AuthenticatedPrincipal: Sendable, Hashable {
    public var username: String
    public var roles: [String]
    public var clusterPrivileges: Set<String>
    /// The realm that authenticated the user (`reserved` for `elastic`, `native` otherwise).
    public var realm: String
    /// Set when the request authenticated with an API key: its id and name.
    public var apiKeyID: String?
    public var apiKeyName: String?

    public var isAPIKey: Bool { apiKeyID != nil }

    /// The type of a realm by its name: `reserved` for the reserved realm, `native` otherwise.
    public static func realmType(of realm: String) -> String { realm == "reserved" ? "reserved" : "native" }

    /// Whether the principal holds one of these cluster privileges (or `all`).
    public func holdsAny(of privileges: [String]) -> Bool {
        clusterPrivileges.contains("all") || privileges.contains { clusterPrivileges.contains($0) }
    }

    /// Throws Elasticsearch's 403 unless the principal holds one of `privileges` (listed in the message).
    public func require(action: String, privileges: [String]) throws(ElasticsearchErrorResponse) {
        guard !holdsAny(of: privileges) else { return }
        let who: String
        if let apiKeyID {
            who = "API key id [\(apiKeyID)] of user [\(username)]"
        } else {
            who = "user [\(username)] with effective roles [\(roles.joined(separator: ","))]"
        }
        throw .security(
            "action [\(action)] is unauthorized for \(who), this action is granted by the cluster privileges [\(privileges.joined(separator: ","))]",
            status: 403)
    }
}
