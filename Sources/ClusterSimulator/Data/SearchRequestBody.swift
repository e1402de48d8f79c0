import Foundation
import OrderedCollections
import RemoteClusterKit

/// The parts of a `_search` request the simulator honours: `query`, `size`, `from` and
/// `track_total_hits`, from the body or the URL parameters (which win, as in Elasticsearch).
public struct SearchRequestBody: Sendable, Hashable {
    public var query: SearchQuery
    public var size: Int
    public var from: Int
    /// The most hits counted exactly; nil counts every hit (`track_total_hits: true`); 0 with
    /// `countsHits == false` leaves `hits.total` out (`track_total_hits: false`).
    public var totalHitsLimit: Int?
    public var countsHits: Bool
    /// The body as sent (forwarded to remote clusters).
    public var body: JSONValue

    public static let defaultTotalHitsLimit = 10_000

    public init(
        query: SearchQuery = .matchAll, size: Int = 10, from: Int = 0, totalHitsLimit: Int? = defaultTotalHitsLimit,
        countsHits: Bool = true, body: JSONValue = .object([:])
    ) {
        self.query = query
        self.size = size
        self.from = from
        self.totalHitsLimit = totalHitsLimit
        self.countsHits = countsHits
        self.body = body
    }

    /// Body members that change nothing the simulator reports (sorting, source filtering, ...).
    static let ignoredMembers: Set<String> = [
        "_source", "sort", "aggs", "aggregations", "timeout", "terminate_after", "fields", "stored_fields",
        "highlight", "explain", "version", "seq_no_primary_term", "docvalue_fields", "min_score", "profile",
        "track_scores", "runtime_mappings", "script_fields", "post_filter", "search_after", "collapse",
    ]

    /// Reads a body (nil: none) and URL parameters; anything malformed fails as Elasticsearch's
    /// search request parser does.
    public static func parse(body: JSONValue?, parameters: [String: String]) throws(ElasticsearchErrorResponse)
        -> SearchRequestBody
    {
        var request = SearchRequestBody(body: body ?? .object([:]))
        if let body {
            guard case .object(let members) = body else {
                throw ElasticsearchErrorResponse(
                    status: 400, type: "parsing_exception",
                    reason: "Unknown key for a \(JSONLocator.tokenName(body)) in [null].")
            }
            for (key, value) in members {
                switch key {
                case "query": request.query = try SearchQuery.parse(value)
                case "size": request.size = try integer(value, name: "size")
                case "from": request.from = try integer(value, name: "from")
                case "track_total_hits":
                    try request.setTrackTotalHits(value.boolValue.map { String($0) } ?? value.jsonString())
                default:
                    guard ignoredMembers.contains(key) else {
                        throw ElasticsearchErrorResponse(
                            status: 400, type: "parsing_exception",
                            reason: "Unknown key for a \(JSONLocator.tokenName(value)) in [\(key)].")
                    }
                }
            }
        }
        if let size = parameters["size"] { request.size = try integer(.string(size), name: "size") }
        if let from = parameters["from"] { request.from = try integer(.string(from), name: "from") }
        if let track = parameters["track_total_hits"] { try request.setTrackTotalHits(track) }
        if request.size < 0 { throw .illegalArgument("[size] parameter cannot be negative, found [\(request.size)]") }
        if request.from < 0 { throw .illegalArgument("[from] parameter cannot be negative, found [\(request.from)]") }
        return request
    }

    private mutating func setTrackTotalHits(_ text: String) throws(ElasticsearchErrorResponse) {
        switch text {
        case "true", "": totalHitsLimit = nil; countsHits = true
        case "false": totalHitsLimit = 0; countsHits = false
        default:
            guard let limit = Int(text), limit >= -1 else {
                throw .illegalArgument("[track_total_hits] parameter must be positive or equals to -1, got \(text)")
            }
            totalHitsLimit = limit == -1 ? nil : limit
            countsHits = true
        }
    }

    private static func integer(_ value: JSONValue, name: String) throws(ElasticsearchErrorResponse) -> Int {
        if let number = value.intValue { return number }
        if let text = value.stringValue, let number = Int(text) { return number }
        throw ElasticsearchErrorResponse(
            status: 400, type: "parsing_exception",
            reason: "[\(name)] failed to parse field: For input string: \"\(value.stringValue ?? value.jsonString())\"")
    }

    /// `hits.total` for this many matching documents: `{"value": n, "relation": "eq"}`, or the
    /// limit with `gte` when there are more.
    public func totalJSON(_ count: Int) -> JSONValue? {
        guard countsHits else { return nil }
        if let limit = totalHitsLimit, count > limit { return ["value": .int(limit), "relation": "gte"] }
        return ["value": .int(count), "relation": "eq"]
    }
}

extension ContinuousClock.Instant {
    /// Whole milliseconds since this instant, as `took` reports them.
    var millisecondsElapsed: Int {
        let elapsed = ContinuousClock.now - self
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
