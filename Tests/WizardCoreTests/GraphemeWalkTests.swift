import PropertyBased
import Testing
@testable import WizardCore

/// The byte-at-a-time walk over printable ASCII must see exactly the graphemes, and widths, that
/// iterating Characters sees, whatever surrounds the ASCII.
@Suite("Grapheme walk")
struct GraphemeWalkTests {
    /// Pieces that meet ASCII at grapheme rules' edges: combining marks and joiners after a
    /// letter, CR LF, controls, wide and zero-width characters, flags, emoji sequences.
    static let pieces = [
        "a", "Z", " ", "~", "e\u{301}", "\u{301}", "\r", "\n", "\r\n", "\t", "\u{1b}", "\u{7f}", "中", "ｱ",
        "🇩🇪", "🇩", "👍🏽", "👨‍👩‍👧", "\u{200D}", "⚠\u{FE0F}", "\u{FE0F}", "\u{200B}", "●", "…", "\u{0600}",
        "क्", "\u{1160}", "é",
    ]
    static let texts = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 0...12).map { $0.joined() }

    @Test func theWalkVisitsTheCharactersWithTheirWidths() async {
        await propertyCheck(count: 2_000, input: Self.texts) { text in
            var seen: [Character] = []
            var widths: [Int] = []
            DisplayWidth.forEachGrapheme(in: text) { character, width in
                seen.append(character)
                widths.append(width)
                return true
            }
            #expect(seen == Array(text))
            #expect(widths == text.map { DisplayWidth.of($0) })
            #expect(DisplayWidth.of(text) == widths.reduce(0, +))
        }
    }

    @Test func aSubstringIsWalkedLikeTheStringItCameFrom() async {
        await propertyCheck(count: 1_000, input: Self.texts, Self.texts) { head, tail in
            let whole = head + tail
            let slice = whole.dropFirst(head.count)
            var seen: [Character] = []
            DisplayWidth.forEachGrapheme(in: slice) { character, _ in
                seen.append(character)
                return true
            }
            #expect(seen == Array(slice))
        }
    }

    @Test func theWalkStopsWhenAsked() {
        var seen = ""
        DisplayWidth.forEachGrapheme(in: "abc中def") { character, _ in
            seen.append(character)
            return character != "中"
        }
        #expect(seen == "abc中")
    }

    /// Whether it takes the shortcut for a line that fits or breaks it, wrapping keeps every
    /// word in order and no line is wider than asked (but a wide character alone, in one column).
    @Test func wrappingKeepsTheWordsAndTheWidth() async {
        let words = Gen<String?>.element(of: ["ab", "connected", "中文", "e\u{301}e", "", "x", "●", "sim0001"])
            .map { $0 ?? "" }.array(of: 0...10)
        await propertyCheck(count: 2_000, input: words, Gen.int(in: 1...30)) { words, width in
            let text = words.joined(separator: " ")
            let lines = TextLayout.wrap(text, width: width)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width || $0.count == 1 })
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
            if !text.hasPrefix(" "), DisplayWidth.of(text) <= width { #expect(lines == [text]) }
        }
    }
}
