import Foundation
import OrderedCollections
import RemoteClusterKit

/// What one cluster contributed to a search: the local cluster (`(local)`) or a remote alias.
public struct ClusterSearchOutcome: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable { case successful, skipped, failed }

    /// `(local)` or the remote alias.
    public var cluster: String
    /// The index expression searched on that cluster, as given (`_clusters.details.*.indices`).
    public var indices: String
    public var status: Status
    /// What the cluster found (successful clusters only).
    public var result: IndexSearchResult?
    public var tookMillis: Int
    /// Why a skipped or failed cluster returned nothing.
    public var failure: ElasticsearchErrorResponse?

    public static let localCluster = "(local)"

    public var isLocal: Bool { cluster == Self.localCluster }
}

/// Builds `_search` response bodies in the field order of Elasticsearch's `SearchResponse`:
/// `took`, `timed_out`, `num_reduce_phases` (only when not 1), `_shards`, `_clusters` (only when a
/// remote cluster took part), `hits` (`total` unless `track_total_hits: false`, `max_score`, `hits`).
enum SearchResponseBody {
    /// A search of the cluster's own indices.
    static func local(_ result: IndexSearchResult, request: SearchRequestBody, tookMillis: Int) -> JSONValue {
        var body: OrderedDictionary<String, JSONValue> = ["took": .int(tookMillis), "timed_out": false]
        body["_shards"] = shards(result.shards)
        body["hits"] = hits(result.hits.map { hitJSON($0, cluster: nil) }, total: result.matching, request: request)
        return .object(body)
    }

    /// A search that involved remote clusters (and maybe the local one).
    static func crossCluster(_ outcomes: [ClusterSearchOutcome], request: SearchRequestBody, tookMillis: Int)
        -> JSONValue
    {
        var body: OrderedDictionary<String, JSONValue> = ["took": .int(tookMillis), "timed_out": false]
        let succeeded = outcomes.filter { $0.status == .successful }
        if outcomes.count == 1 && !outcomes[0].isLocal {
            if succeeded.isEmpty { body["num_reduce_phases"] = 0 }
        } else {
            body["num_reduce_phases"] = .int(succeeded.count + 1)
        }
        body["_shards"] = shards(succeeded.compactMap(\.result).map(\.shards).reduce(0, +))
        var details = OrderedDictionary<String, JSONValue>()
        for outcome in outcomes { details[outcome.cluster] = detail(outcome) }
        body["_clusters"] = [
            "total": .int(outcomes.count), "successful": .int(succeeded.count),
            "skipped": .int(outcomes.filter { $0.status == .skipped }.count), "running": 0, "partial": 0,
            "failed": .int(outcomes.filter { $0.status == .failed }.count), "details": .object(details),
        ]
        let allHits = succeeded.flatMap { outcome in
            (outcome.result?.hits ?? []).map { hitJSON($0, cluster: outcome.isLocal ? nil : outcome.cluster) }
        }
        let page = Array(allHits.dropFirst(request.from).prefix(request.size))
        let total = succeeded.compactMap(\.result).map(\.matching).reduce(0, +)
        body["hits"] = hits(page, total: total, request: request)
        return .object(body)
    }

    static func detail(_ outcome: ClusterSearchOutcome) -> JSONValue {
        var detail: OrderedDictionary<String, JSONValue> = [
            "status": .string(outcome.status.rawValue), "indices": .string(outcome.indices),
        ]
        if let result = outcome.result, outcome.status == .successful {
            detail["took"] = .int(outcome.tookMillis)
            detail["timed_out"] = false
            detail["_shards"] = shards(result.shards)
        } else {
            detail["timed_out"] = false
            if let failure = outcome.failure {
                detail["failures"] = [["shard": -1, "index": .null, "reason": failure.causeJSON]]
            }
        }
        return .object(detail)
    }

    static func shards(_ count: Int) -> JSONValue {
        ["total": .int(count), "successful": .int(count), "skipped": 0, "failed": 0]
    }

    static func hits(_ page: [JSONValue], total: Int, request: SearchRequestBody) -> JSONValue {
        var hits = OrderedDictionary<String, JSONValue>()
        if let totalJSON = request.totalJSON(total) { hits["total"] = totalJSON }
        hits["max_score"] = page.isEmpty ? .null : 1.0
        hits["hits"] = .array(page)
        return .object(hits)
    }

    /// One hit; documents of a remote cluster have `_index` prefixed with the alias.
    static func hitJSON(_ hit: IndexSearchHit, cluster: String?) -> JSONValue {
        [
            "_index": .string(cluster.map { "\($0):\(hit.index)" } ?? hit.index), "_id": .string(hit.document.id),
            "_score": 1.0, "_source": hit.document.source,
        ]
    }
}
