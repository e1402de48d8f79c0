import Testing
@testable import RemoteClusterKit

/// The one sanitising function: control and escape characters come out visible, text that is
/// safe comes out unchanged.
@Suite struct TerminalTextTests {
    @Test func escapeSequencesAreWrittenOut() {
        let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mred\r\u{7F}\u{9B}1m\u{202E}txt"
        #expect(
            TerminalText.visible(hostile)
                == #"\x1b]0;owned\x07\x1b[2J\x1b[31mred\x0d\x7f\x9b1m\u{202e}txt"#)
    }

    @Test func safeTextIsUnchanged() {
        let text = "logs-eu ✓ connected\tproxy [2001:db8::1]:9443 中文 é\nsecond line"
        #expect(TerminalText.visible(text) == text)
    }

    @Test func lineBreaksCanBeEscapedToo() {
        #expect(TerminalText.visible("a\nb", keepingLineBreaks: false) == #"a\x0ab"#)
    }

    @Test func theResultHasNothingATerminalActsOn() {
        let every = String(String.UnicodeScalarView((0..<0x300).compactMap(Unicode.Scalar.init)))
        let shown = TerminalText.visible(every, keepingLineBreaks: false)
        #expect(!shown.unicodeScalars.contains { TerminalText.needsEscape($0, keepingLineBreaks: false) })
        #expect(TerminalText.visible(shown) == shown, "escaping twice changes nothing")
    }

    @Test func excerptsAreShortAndVisible() {
        let long = String(repeating: "a", count: 1_000_000)
        let quoted = TextExcerpt.quoted(long)
        #expect(quoted == "\"" + String(repeating: "a", count: 80) + "…\" (1000000 characters)")
        #expect(TextExcerpt.quoted("x\u{1B}[2Jy") == #""x\x1b[2Jy""#)
        #expect(TextExcerpt.shown("a\u{1B}b") == #"a\x1bb"#)
    }

    /// JSON output escapes the same characters, so `--json` is safe on a terminal as well.
    @Test func jsonOutputHasNoRawControlCharacters() throws {
        let value: JSONValue = ["reason": "\u{1B}]0;x\u{07}\u{7F}\u{85}\u{202E}"]
        let text = value.jsonString()
        #expect(text == #"{"reason":"\u001b]0;x\u0007\u007f\u0085\u202e"}"#)
        #expect(try JSONValue.parse(text) == value)
    }
}
