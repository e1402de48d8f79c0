import Foundation
import RemoteClusterKit

/// Why a search may not read what it named.
public enum IndexAccessFailure: Error, Sendable, Hashable {
    /// Concrete names (no wildcard) the permissions do not cover, in the order given.
    case denied([String])
    /// A concrete name the permissions cover but that does not exist.
    case missing(String)

    /// Elasticsearch's 404 for a missing index.
    static func indexNotFound(_ name: String) -> ElasticsearchErrorResponse {
        ElasticsearchErrorResponse(
            status: 404, type: "index_not_found_exception", reason: "no such index [\(name)]",
            extra: [
                "resource.type": "index_or_alias", "resource.id": .string(name), "index_uuid": "_na_",
                "index": .string(name),
            ])
    }
}

/// One document a search found, with the index it is in.
public struct IndexSearchHit: Sendable, Hashable {
    public var index: String
    public var document: SimulatedDocument
}

/// What a search of one cluster's indices found.
public struct IndexSearchResult: Sendable, Hashable {
    /// The concrete indices searched, in the order they were resolved.
    public var indices: [String]
    /// Documents that match (counted in full; `hits.total` applies the limit).
    public var matching: Int
    /// The page of hits (`from`, `size`).
    public var hits: [IndexSearchHit]
    public var shards: Int

    /// A search that touched no index.
    public static let empty = IndexSearchResult(indices: [], matching: 0, hits: [], shards: 0)
}

/// Resolves index expressions and runs a search on one cluster's `IndexStore`, as
/// Elasticsearch's index resolution and security do for `indices:data/read/search` with the
/// default options (`ignore_unavailable: false`, `allow_no_indices: true`, open indices):
///
/// - a wildcard expands to the existing indices every permission covers (hidden, dot-prefixed
///   ones only for a pattern that starts with a dot); matching nothing is not an error;
/// - a concrete name must be covered by every permission (else it is denied, whether or not it
///   exists) and then exist (else `index_not_found_exception`);
/// - `-pattern` after another expression removes what it matches; no expression, `_all` and `*`
///   mean every index;
/// - a document counts when every permission allows it (document-level security) and the query matches.
public enum IndexSearch {
    public static func run(
        _ expressions: [String], in store: IndexStore, permissions: [IndexPermission], request: SearchRequestBody
    ) -> Result<IndexSearchResult, IndexAccessFailure> {
        let covered: (String) -> Bool = { name in permissions.allSatisfy { $0.covers(name) } }
        var resolved: [String] = []
        var denied: [String] = []
        var missing: [String] = []
        let names = store.names
        let wanted = expressions.isEmpty || expressions == ["_all"] ? ["*"] : expressions
        for (position, expression) in wanted.enumerated() {
            if expression.hasPrefix("-") && position > 0 {
                let pattern = String(expression.dropFirst())
                resolved.removeAll { SimpleWildcard.matches(pattern: pattern, $0) }
                continue
            }
            if expression.contains("*") {
                let dotted = expression.hasPrefix(".")
                for name in names
                where SimpleWildcard.matches(pattern: expression, name) && (dotted || !name.hasPrefix("."))
                    && covered(name) && !resolved.contains(name)
                {
                    resolved.append(name)
                }
            } else if !covered(expression) {
                if !denied.contains(expression) { denied.append(expression) }
            } else if store.index(expression) == nil {
                missing.append(expression)
            } else if !resolved.contains(expression) {
                resolved.append(expression)
            }
        }
        if !denied.isEmpty { return .failure(.denied(denied)) }
        if let first = missing.first { return .failure(.missing(first)) }
        var matching: [IndexSearchHit] = []
        var shards = 0
        for name in resolved {
            guard let index = store.index(name) else { continue }
            shards += index.shardCount
            for document in index.documents
            where permissions.allSatisfy({ $0.allows(document, in: name) }) && request.query.matches(document) {
                matching.append(IndexSearchHit(index: name, document: document))
            }
        }
        let page = Array(matching.dropFirst(request.from).prefix(request.size))
        return .success(IndexSearchResult(indices: resolved, matching: matching.count, hits: page, shards: shards))
    }
}
