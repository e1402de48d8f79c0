import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// The query subset the simulator evaluates, and how search bodies are read.
struct SearchQueryTests {
    static let document = SimulatedDocument(
        id: "d1",
        source: [
            "@timestamp": "2025-06-01T00:10:00.000Z", "service": ["name": "web"], "log": ["level": "warn"],
            "message": "Web request 7 finished with warn", "tags": ["a", "b"], "bytes": 512,
        ])

    static func matches(_ query: JSONValue) throws -> Bool {
        try SearchQuery.parse(query).matches(document)
    }

    @Test func leafQueriesMatchLikeDynamicallyMappedFields() throws {
        #expect(try Self.matches(["match_all": [:]]))
        #expect(try !Self.matches(["match_none": [:]]))
        #expect(try Self.matches(["term": ["service.name": "web"]]))
        #expect(try Self.matches(["term": ["message": "request"]]), "term on text compares with its words")
        #expect(try !Self.matches(["term": ["message.keyword": "request"]]), "keyword compares the whole value")
        #expect(try Self.matches(["term": ["message.keyword": "Web request 7 finished with warn"]]))
        #expect(try Self.matches(["term": ["bytes": ["value": "512"]]]), "numbers coerce")
        #expect(try Self.matches(["terms": ["tags": ["x", "b"]]]))
        #expect(try Self.matches(["match": ["message": "WEB nothing"]]))
        #expect(try !Self.matches(["match": ["message": ["query": "web nothing", "operator": "and"]]]))
        #expect(try Self.matches(["exists": ["field": "log.level"]]))
        #expect(try !Self.matches(["exists": ["field": "log.missing"]]))
        #expect(try Self.matches(["prefix": ["service.name": "we"]]))
        #expect(try Self.matches(["wildcard": ["service.name": "w*b"]]))
        #expect(try Self.matches(["ids": ["values": ["d1"]]]))
        #expect(try Self.matches(["range": ["@timestamp": ["gte": "2025-06-01T00:00:00.000Z", "lt": "2025-06-02"]]]))
        #expect(try !Self.matches(["range": ["bytes": ["gt": 512]]]))
    }

    @Test func boolCombinesClauses() throws {
        #expect(
            try Self.matches([
                "bool": ["must": ["term": ["service.name": "web"]], "must_not": [["term": ["log.level": "error"]]]]
            ]))
        #expect(try !Self.matches(["bool": ["filter": [["term": ["log.level": "error"]]]]]))
        #expect(
            try Self.matches(["bool": ["should": [["term": ["log.level": "error"]], ["term": ["log.level": "warn"]]]]]))
        #expect(
            try !Self.matches([
                "bool": ["should": [["term": ["log.level": "warn"]]], "minimum_should_match": 2]
            ]))
    }

    @Test func malformedQueriesAreParsingExceptions() {
        #expect(
            throws: ElasticsearchErrorResponse(
                status: 400, type: "parsing_exception", reason: "unknown query [fuzzy_magic]")
        ) {
            try SearchQuery.parse(["fuzzy_magic": [:]])
        }
        #expect(
            throws: ElasticsearchErrorResponse(
                status: 400, type: "parsing_exception", reason: "[_na] query malformed, must start with start_object")
        ) {
            try SearchQuery.parse("match_all")
        }
    }

    @Test func searchBodiesAndParameters() throws {
        let body = try SearchRequestBody.parse(
            body: ["size": 0, "query": ["term": ["a": "b"]], "track_total_hits": 5, "_source": false], parameters: [:])
        #expect(body.size == 0)
        #expect(body.totalJSON(9) == ["value": 5, "relation": "gte"])
        #expect(body.totalJSON(3) == ["value": 3, "relation": "eq"])
        let overridden = try SearchRequestBody.parse(
            body: ["size": 4], parameters: ["size": "0", "track_total_hits": "false"])
        #expect(overridden.size == 0)
        #expect(overridden.totalJSON(3) == nil)
        #expect(
            throws: ElasticsearchErrorResponse(
                status: 400, type: "parsing_exception", reason: "Unknown key for a VALUE_STRING in [colour].")
        ) {
            try SearchRequestBody.parse(body: ["colour": "red"], parameters: [:])
        }
        #expect(throws: ElasticsearchErrorResponse.illegalArgument("[size] parameter cannot be negative, found [-1]")) {
            try SearchRequestBody.parse(body: nil, parameters: ["size": "-1"])
        }
    }

    @Test func theWireCarriesRequestsAndRepliesUnchanged() throws {
        let request = CrossClusterSearchWire.Request(
            indices: ["logs-*", "-logs-old"],
            search: try SearchRequestBody.parse(body: ["size": 2, "query": ["term": ["a": "b"]]], parameters: [:]),
            subject: .init(
                username: "u", assignedRoles: ["r"], remoteIndices: [["names": ["logs*"], "privileges": ["read"]]]))
        let parsed = try #require(CrossClusterSearchWire.Request.parse(request.line))
        #expect(parsed.indices == request.indices)
        #expect(parsed.subject == request.subject)
        #expect(parsed.search.query == .term(field: "a", value: "b"))
        #expect(parsed.search.size == 2)
        let found = CrossClusterSearchWire.Reply.found(
            IndexSearchResult(
                indices: ["x"], matching: 4, hits: [IndexSearchHit(index: "x", document: Self.document)], shards: 1),
            tookMillis: 3)
        #expect(CrossClusterSearchWire.Reply.parse(found.line) == found)
        let failed = CrossClusterSearchWire.Reply.failed(IndexAccessFailure.indexNotFound("gone"))
        #expect(CrossClusterSearchWire.Reply.parse(failed.line) == failed)
    }
}
