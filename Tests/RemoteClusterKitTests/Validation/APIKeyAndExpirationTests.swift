import Foundation
import Testing
@testable import RemoteClusterKit

@Suite struct EncodedAPIKeyValidationTests {
    static func encode(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
    static let id = "VuaCfGcBCdbkQm-e5aOx"
    static let rawKey = "ui2lp2axTNmsyakw9tvNnw"

    @Test func acceptsAnEncodedKey() {
        #expect(Validators.encodedAPIKey(Self.encode("\(Self.id):\(Self.rawKey)")).isEmpty)
        #expect(Validators.encodedAPIKey("  \(Self.encode("\(Self.id):\(Self.rawKey)"))\n").isEmpty)
    }

    static let bad: [BadInput] = [
        BadInput("", problem: "is empty", fix: "\"encoded\""),
        BadInput(id, problem: "looks like the key's \"id\"", fix: "not the \"id\" field"),
        BadInput(rawKey, problem: "raw \"api_key\"", fix: "not the \"api_key\" field"),
        BadInput(
            #"{"id":"\#(id)","name":"k","api_key":"\#(rawKey)","encoded":"\#(encode("\(id):\(rawKey)"))"}"#,
            problem: "whole JSON response", fix: "\"encoded\""),
        BadInput(#"{"error":"nope"}"#, problem: "is JSON", fix: "\"encoded\""),
        BadInput("ApiKey " + encode("\(id):\(rawKey)"), problem: "HTTP header prefix", fix: "after \"ApiKey \""),
        BadInput(encode("\(id)\(rawKey)"), problem: "does not decode to \"id:api_key\"", fix: "\"encoded\""),
        BadInput(encode(":\(rawKey)"), problem: "empty id part", fix: "cut off"),
        BadInput(encode("\(id):"), problem: "empty key part", fix: "cut off"),
        BadInput("abc def", problem: "white space", fix: "without spaces"),
        BadInput("not*base64!", problem: "characters that base64 does not use", fix: "'+', '/' and '='"),
    ]

    @Test(arguments: bad)
    func refusesBadKeys(row: BadInput) {
        let problems = Validators.encodedAPIKey(row.input)
        row.verify(problems, field: "Encoded API key")
        for problem in problems where row.input.count > 8 {
            #expect(!problem.description.contains(row.input), "a problem must not repeat the key")
        }
    }
}

@Suite struct ExpirationValidationTests {
    @Test(arguments: [
        "", "90d", "1d", "24h", "1440m", "86400s", "86400000ms", "86400000000micros", "86400000000000nanos", "365d",
    ])
    func acceptsElasticsearchDurations(value: String) {
        #expect(Validators.expiration(value).isEmpty)
    }

    @Test(arguments: ["1h", "30m", "5s"])
    func warnsForLessThanADay(value: String) {
        #expect(Validators.expiration(value).map(\.severity) == [.warning])
    }

    static let bad: [BadInput] = [
        BadInput("90", problem: "no time unit", fix: "90d"),
        BadInput("d", problem: "does not start with a number", fix: "90d"),
        BadInput("90 d", problem: "space between number and unit", fix: "90d"),
        BadInput("90D", problem: "not an Elasticsearch time unit", fix: "lower case: 90d"),
        BadInput("2w", problem: "not an Elasticsearch time unit", fix: "14d"),
        BadInput("1y", problem: "not an Elasticsearch time unit", fix: "365d"),
        BadInput("3M", problem: "not an Elasticsearch time unit", fix: "90d"),
        BadInput("1.5d", problem: "not a whole number", fix: "36h"),
        BadInput("0d", problem: "is zero", fix: "positive"),
        BadInput("-5d", problem: "negative", fix: "positive"),
        BadInput("90days", problem: "not an Elasticsearch time unit", fix: "90d"),
    ]

    @Test(arguments: bad)
    func refusesBadDurations(row: BadInput) {
        row.verify(Validators.expiration(row.input), field: "Expiration")
    }
}
