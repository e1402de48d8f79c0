import Foundation
import PropertyBased
import Testing
@testable import RemoteClusterKit

/// The project's whitespace trimming against Foundation's `trimmingCharacters(in:)`, which it
/// replaces.
@Suite struct WhitespaceTrimmingTests {
    /// Every Unicode scalar is whitespace (or a line break) here exactly when Foundation's set
    /// holds it. A million scalars: the test gives its thread back now and then, so that the
    /// tests that wait for a server on the same few threads are not held up.
    @Test func holdsTheScalarsOfFoundationsSets() async {
        var differences: [String] = []
        for value in UInt32(0)...0x10FFFF {
            if value % 8_192 == 0 { await Task.yield() }
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isWhitespaceForTrimming != CharacterSet.whitespaces.contains(scalar) {
                differences.append("whitespaces U+\(String(value, radix: 16, uppercase: true))")
            }
            if scalar.isWhitespaceOrNewlineForTrimming != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                differences.append("whitespacesAndNewlines U+\(String(value, radix: 16, uppercase: true))")
            }
        }
        #expect(differences == [])
    }

    /// Pieces of text: every kind of space and line break at the ends and inside, CR LF,
    /// combining marks after a space (one character, two scalars), emoji and letters.
    static let pieces = [
        " ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}",
        "\u{2028}", "\u{2029}", "\u{202F}", "\u{3000}", "\u{180E}", "\u{200B}", "\u{FEFF}", "\u{301}",
        "a", "é", "e\u{301}", "🇩🇪", "👩‍👩‍👧", "中", "x y", "",
    ]

    static let texts = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 0...8).map { $0.joined() }

    @Test func trimsLikeFoundation() async {
        await propertyCheck(count: 1_000, input: Self.texts) { text in
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(
                text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(text.debugDescription)")
            let inner = text.dropFirst().dropLast()
            #expect(inner.trimmingWhitespace() == inner.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(
                inner.trimmingWhitespaceAndNewlines() == inner.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(text.debugDescription)")
        }
    }

    @Test func examples() {
        #expect(" \t value \n".trimmingWhitespace() == "value \n")
        #expect(" \t value \r\n".trimmingWhitespaceAndNewlines() == "value")
        #expect("\u{A0}\u{3000}".trimmingWhitespace() == "")
        #expect("".trimmingWhitespaceAndNewlines() == "")
        // A combining mark after a space stays: the space alone is trimmed, as Foundation does.
        #expect(" \u{301}x".trimmingWhitespace() == "\u{301}x")
    }
}
