import Foundation
import Testing
@testable import RemoteClusterKit

/// Inputs that once trapped the JSON reader, and numbers JSON cannot carry.
@Suite struct JSONRobustnessTests {
    /// A high surrogate followed by an escape that is not a low surrogate trapped on an
    /// arithmetic underflow.
    @Test(arguments: [#""\ud800\u0000""#, #""\udbff\u0041""#, #""\ud800\ud800""#])
    func unpairedSurrogatesBecomeReplacementCharacters(text: String) throws {
        let value = try JSONValue.parse(text)
        let string = try #require(value.stringValue)
        #expect(string.unicodeScalars.first == "\u{FFFD}")
        #expect(string.unicodeScalars.count == 2)
    }

    @Test func aPairedSurrogateIsOneScalar() throws {
        #expect(try JSONValue.parse(#""\ud83d\ude00""#) == "😀")
    }

    @Test(arguments: ["1e999", "-1e999", "[1e400]"])
    func numbersBeyondDoubleAreRefused(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test(arguments: [#""\u+fff""#, #""\u-000""#, #""\u12""#])
    func escapesNeedFourHexDigits(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func nonFiniteNumbersPrintAsNull() {
        #expect(JSONValue.number(.infinity).jsonString() == "null")
        #expect(JSONValue.number(.nan).jsonString() == "null")
    }

    /// The deepest accepted nesting parses on a task's thread, whose stack is small.
    @Test func theDeepestNestingParsesInsideATask() async throws {
        let text = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        let parsed = await Task.detached { (try? JSONValue.parse(text)) != nil }.value
        #expect(parsed)
        let tooDeep = "[" + text + "]"
        #expect(throws: JSONParseError.self) { try JSONValue.parse(tooDeep) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }
}
