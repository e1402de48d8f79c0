import Foundation
import PropertyBased
import Testing
@testable import RemoteClusterKit

/// The project's percent-encoding of request paths against Foundation's
/// `addingPercentEncoding(withAllowedCharacters:)`, which it replaces.
@Suite struct PathEncodingTests {
    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Pieces of names and expressions: every ASCII punctuation mark, controls, letters outside
    /// ASCII (two, three and four UTF-8 bytes), combining marks and emoji sequences.
    static let pieces = [
        "a", "Z", "0", "-", ".", "_", "~", ":", "*", " ", "%", "/", "?", "#", "[", "]", "@", "!", "$", "&", "'",
        "(", ")", "+", ",", ";", "=", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "\u{0}", "\u{7F}", "\n",
        "é", "e\u{301}", "中", "😀", "👩‍👩‍👧", "\u{FEFF}", "logs-*", "remote:",
    ]

    static let texts = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 0...8).map { $0.joined() }

    @Test func encodesLikeFoundation() async {
        let expressionSet = Self.unreserved.union(CharacterSet(charactersIn: ":*"))
        await propertyCheck(count: 1_000, input: Self.texts) { text in
            #expect(PathEncoding.segment(text) == text.addingPercentEncoding(withAllowedCharacters: Self.unreserved))
            #expect(PathEncoding.expression(text) == text.addingPercentEncoding(withAllowedCharacters: expressionSet))
        }
    }

    @Test func examples() {
        #expect(PathEncoding.segment("my role/ä") == "my%20role%2F%C3%A4")
        #expect(PathEncoding.expression("eu-west:logs-*") == "eu-west:logs-*")
        #expect(PathEncoding.expression("a b:*") == "a%20b:*")
        #expect(PathEncoding.query([("size", "0"), ("skip", nil), ("q", "a&b")]) == "?size=0&q=a%26b")
        #expect(PathEncoding.query([("skip", nil)]) == "")
    }
}
