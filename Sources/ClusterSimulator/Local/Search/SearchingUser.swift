import Foundation
import RemoteClusterKit

/// The user a search on the local cluster runs as, with what its roles in the role store grant:
/// `indices` for the local cluster's own indices and `remote_indices` per remote alias. An API key
/// searches with its owner's roles. `superuser` reads everything, locally and on every remote.
struct SearchingUser: Sendable, Hashable {
    var username: String
    var assignedRoles: [String]
    /// The assigned roles that exist (in the role store or built in).
    var effectiveRoles: [String]
    var apiKeyID: String?
    /// The stored bodies of the effective roles (built-in roles have none).
    var roleBodies: [JSONValue]

    var isSuperuser: Bool { effectiveRoles.contains("superuser") }

    init(principal: AuthenticatedPrincipal, roles: RoleStore, authenticator: RESTAuthenticator) {
        username = principal.username
        apiKeyID = principal.apiKeyID
        assignedRoles = principal.isAPIKey ? (authenticator.user(principal.username)?.roles ?? []) : principal.roles
        effectiveRoles = assignedRoles.filter { roles.roles[$0] != nil || RoleStore.reservedRoles.contains($0) }
        roleBodies = effectiveRoles.compactMap { roles.roles[$0] }
    }

    /// What the user may search among the local cluster's indices.
    var localPermission: IndexPermission {
        isSuperuser ? .all : .roleEntries(roleBodies.flatMap { $0["indices"]?.arrayValue ?? [] })
    }

    /// The `remote_indices` entries whose `clusters` match the alias (what is sent with the request).
    func remoteIndices(for alias: String) -> [JSONValue] {
        if isSuperuser { return [["names": ["*"], "privileges": ["all"], "allow_restricted_indices": true]] }
        return roleBodies.flatMap { $0["remote_indices"]?.arrayValue ?? [] }.filter { entry in
            (entry["clusters"]?.arrayValue ?? []).contains {
                SimpleWildcard.matches(pattern: $0.stringValue ?? "", alias)
            }
        }
    }

    /// How Elasticsearch names the user in an authorization error:
    /// `user [u] with effective roles [r]` (plus the roles that were not found), or
    /// `API key id [id] of user [u]`.
    var denialSubject: String {
        if let apiKeyID { return "API key id [\(apiKeyID)] of user [\(username)]" }
        var text = "user [\(username)] with effective roles [\(effectiveRoles.joined(separator: ","))]"
        let missing = assignedRoles.filter { !effectiveRoles.contains($0) }
        if !missing.isEmpty { text += " (assigned roles [\(missing.joined(separator: ","))] were not found)" }
        return text
    }

    /// The 403 for local indices the user may not read.
    func deniedLocally(_ indices: [String]) -> ElasticsearchErrorResponse {
        .security(
            "action [\(CrossClusterSearchWire.action)] is unauthorized for \(denialSubject) on indices [\(indices.joined(separator: ","))], this action is granted by the index privileges [\(IndexPermission.searchPrivileges.joined(separator: ","))]",
            status: 403)
    }

    /// The 403 when none of the user's `remote_indices` apply to the alias (FACTS §5 row 13).
    func noRemotePrivileges(alias: String) -> ElasticsearchErrorResponse {
        .security(
            "action [\(CrossClusterSearchWire.action)] towards remote cluster [\(alias)] is unauthorized for \(denialSubject) because no remote indices privileges apply for the target cluster",
            status: 403)
    }

    /// What is sent to the remote cluster with a search.
    func subject(for alias: String) -> CrossClusterSearchWire.Subject {
        CrossClusterSearchWire.Subject(
            username: username, assignedRoles: assignedRoles, remoteIndices: remoteIndices(for: alias))
    }
}
