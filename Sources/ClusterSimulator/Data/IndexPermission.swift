import Foundation
import RemoteClusterKit

/// Which indices (and, with document-level security, which of their documents) one side of an
/// authorization lets a search read: the grants of a cross-cluster key's `access.search`, of a
/// user's `remote_indices` for one cluster, or of a user's local `indices`.
public struct IndexPermission: Sendable, Hashable {
    /// One grant: index name patterns and an optional document-level security query.
    public struct Grant: Sendable, Hashable {
        public var names: [String]
        public var query: SearchQuery?
        public var allowRestrictedIndices: Bool

        public init(names: [String], query: SearchQuery? = nil, allowRestrictedIndices: Bool = false) {
            self.names = names
            self.query = query
            self.allowRestrictedIndices = allowRestrictedIndices
        }

        func covers(_ index: String) -> Bool {
            if index.hasPrefix(".") && !allowRestrictedIndices && !names.contains(where: { $0.hasPrefix(".") }) {
                return false
            }
            return names.contains { SimpleWildcard.matches(pattern: $0, index) }
        }
    }

    public var grants: [Grant]

    public init(grants: [Grant]) { self.grants = grants }

    /// Everything (a superuser).
    public static let all = IndexPermission(grants: [Grant(names: ["*"], allowRestrictedIndices: true)])

    /// The index privileges that let a user run `indices:data/read/search`.
    public static let searchPrivileges = ["read", "all"]

    /// Whether the permission lets a search read the index at all.
    public func covers(_ index: String) -> Bool { grants.contains { $0.covers(index) } }

    /// Whether a search may see the document: some covering grant has no query, or its query matches.
    public func allows(_ document: SimulatedDocument, in index: String) -> Bool {
        grants.contains { grant in grant.covers(index) && (grant.query?.matches(document) ?? true) }
    }

    /// The search grants of a cross-cluster key (`access.search`; replication grants no search).
    static func crossClusterKey(access: JSONValue?) -> IndexPermission {
        IndexPermission(grants: (access?["search"]?.arrayValue ?? []).map(grant(from:)))
    }

    /// The grants of role index entries (`indices` or `remote_indices`) whose privileges allow search.
    static func roleEntries(_ entries: [JSONValue]) -> IndexPermission {
        let searching = entries.filter { entry in
            (entry["privileges"]?.arrayValue ?? []).contains { searchPrivileges.contains($0.stringValue ?? "") }
        }
        return IndexPermission(grants: searching.map(grant(from:)))
    }

    private static func grant(from entry: JSONValue) -> Grant {
        let names =
            entry["names"]?.stringValue.map { [$0] } ?? (entry["names"]?.arrayValue ?? []).compactMap(\.stringValue)
        return Grant(
            names: names, query: entry["query"].map(SearchQuery.parseStored),
            allowRestrictedIndices: entry["allow_restricted_indices"]?.boolValue ?? false)
    }

}
