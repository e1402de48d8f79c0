import Foundation
import OrderedCollections
import RemoteClusterKit

/// The cross-cluster search exchange on an open remote cluster connection, the simulator's stand-in
/// for `indices:data/read/search` sent over the remote cluster server port (after `HANDSHAKE`).
///
/// - The client sends `SEARCH <json>`: the index expressions for the remote cluster, the search
///   (`query`, `size`, `from`, `track_total_hits`) and the subject: the local user's name, its
///   assigned roles and the `remote_indices` entries of those roles that apply to the alias, as
///   Elasticsearch sends the user's role descriptors with a cross-cluster request.
/// - The server answers one line, `RESULT <json>`: `{"response": {...}}` with what it found, or
///   `{"status": N, "error": {...}}` with Elasticsearch's error (type, reason, metadata).
///
/// The remote authenticates the connection's cross-cluster key again for every request and lets
/// the search read only what both the key's `access.search` and the subject's entries grant.
public enum CrossClusterSearchWire {
    public static let action = "indices:data/read/search"
    static let requestPrefix = "SEARCH "
    static let replyPrefix = "RESULT "

    /// Who runs the search on the local cluster.
    public struct Subject: Sendable, Hashable {
        public var username: String
        public var assignedRoles: [String]
        /// The user's `remote_indices` entries for the target alias (names, privileges, query, ...).
        public var remoteIndices: [JSONValue]

        public init(username: String, assignedRoles: [String], remoteIndices: [JSONValue]) {
            self.username = username
            self.assignedRoles = assignedRoles
            self.remoteIndices = remoteIndices
        }
    }

    /// One search sent to a remote cluster.
    public struct Request: Sendable, Hashable {
        public var indices: [String]
        public var search: SearchRequestBody
        public var subject: Subject

        public init(indices: [String], search: SearchRequestBody, subject: Subject) {
            self.indices = indices
            self.search = search
            self.subject = subject
        }

        /// The `SEARCH` line.
        public var line: String {
            var search: OrderedDictionary<String, JSONValue> = [
                "size": .int(self.search.size), "from": .int(self.search.from),
            ]
            if let query = self.search.body["query"] { search["query"] = query }
            if !self.search.countsHits {
                search["track_total_hits"] = false
            } else {
                search["track_total_hits"] = self.search.totalHitsLimit.map { .int($0) } ?? true
            }
            let body: JSONValue = [
                "indices": .array(indices.map { .string($0) }),
                "search": .object(search),
                "subject": [
                    "username": .string(subject.username),
                    "assigned_roles": .array(subject.assignedRoles.map { .string($0) }),
                    "remote_indices": .array(subject.remoteIndices),
                ],
            ]
            return requestPrefix + body.jsonString()
        }

        /// Reads a `SEARCH` line; nil when it is not one.
        public static func parse(_ line: String) -> Request? {
            guard line.hasPrefix(requestPrefix),
                let json = try? JSONValue.parse(String(line.dropFirst(requestPrefix.count))),
                let search = try? SearchRequestBody.parse(body: json["search"], parameters: [:]),
                let username = json[path: ["subject", "username"]]?.stringValue
            else { return nil }
            return Request(
                indices: (json["indices"]?.arrayValue ?? []).compactMap(\.stringValue), search: search,
                subject: Subject(
                    username: username,
                    assignedRoles: (json[path: ["subject", "assigned_roles"]]?.arrayValue ?? []).compactMap(
                        \.stringValue),
                    remoteIndices: json[path: ["subject", "remote_indices"]]?.arrayValue ?? []))
        }
    }

    /// What the remote cluster answered.
    public enum Reply: Sendable, Hashable {
        case found(IndexSearchResult, tookMillis: Int)
        case failed(ElasticsearchErrorResponse)

        /// The `RESULT` line.
        public var line: String {
            switch self {
            case .found(let result, let took):
                let hits: [JSONValue] = result.hits.map { hit in
                    ["_index": .string(hit.index), "_id": .string(hit.document.id), "_source": hit.document.source]
                }
                let body: JSONValue = [
                    "response": [
                        "took": .int(took), "indices": .array(result.indices.map { .string($0) }),
                        "matching": .int(result.matching), "shards": .int(result.shards), "hits": .array(hits),
                    ]
                ]
                return replyPrefix + body.jsonString()
            case .failed(let error):
                return replyPrefix
                    + (["status": .int(error.status), "error": error.causeJSON] as JSONValue).jsonString()
            }
        }

        /// Reads a `RESULT` line; nil when it is not one.
        public static func parse(_ line: String) -> Reply? {
            guard line.hasPrefix(replyPrefix),
                let json = try? JSONValue.parse(String(line.dropFirst(replyPrefix.count)))
            else { return nil }
            if let response = json["response"] {
                let hits = (response["hits"]?.arrayValue ?? []).compactMap { hit -> IndexSearchHit? in
                    guard let index = hit["_index"]?.stringValue, let id = hit["_id"]?.stringValue else { return nil }
                    return IndexSearchHit(
                        index: index, document: SimulatedDocument(id: id, source: hit["_source"] ?? [:]))
                }
                let result = IndexSearchResult(
                    indices: (response["indices"]?.arrayValue ?? []).compactMap(\.stringValue),
                    matching: response["matching"]?.intValue ?? 0, hits: hits, shards: response["shards"]?.intValue ?? 0
                )
                return .found(result, tookMillis: response["took"]?.intValue ?? 0)
            }
            guard let error = json["error"], let type = error["type"]?.stringValue,
                let reason = error["reason"]?.stringValue
            else { return nil }
            var extra = OrderedDictionary<String, JSONValue>()
            for (key, value) in error.objectValue ?? [:] where !["type", "reason", "caused_by"].contains(key) {
                extra[key] = value
            }
            return .failed(
                ElasticsearchErrorResponse(
                    status: json["status"]?.intValue ?? 500, type: type, reason: reason, extra: extra,
                    causedBy: error["caused_by"]))
        }
    }
}
