import Testing
import WizardCore
@testable import WizardTerminal

@Suite("Key decoding")
struct KeyDecoderTests {
    /// Feeds bytes (as characters) and returns the keys, flushing at the end like a read timeout.
    func decode(_ text: String, flush: Bool = true) -> [Key] {
        var decoder = KeyDecoder(keyCodes: NcursesKeyTable.keys)
        var keys: [Key] = []
        for scalar in text.unicodeScalars { keys += decoder.feed(.character(scalar.value)) }
        if flush { keys += decoder.flush() }
        return keys
    }

    @Test(
        "Control characters",
        arguments: [
            ("\r", Key.enter), ("\n", .enter), ("\t", .tab), ("\u{7F}", .backspace), ("\u{8}", .backspace),
            ("\u{1}", .control("a")), ("\u{5}", .control("e")), ("\u{15}", .control("u")), ("\u{B}", .control("k")),
            ("\u{17}", .control("w")), ("\u{3}", .control("c")), ("\u{12}", .control("r")),
        ])
    func controlCharacters(bytes: String, key: Key) {
        #expect(decode(bytes) == [key])
    }

    @Test(
        "Escape sequences",
        arguments: [
            ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
            ("\u{1B}OA", .up), ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}[1~", .home), ("\u{1B}[4~", .end),
            ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[Z", .backTab),
            ("\u{1B}OP", .function(1)), ("\u{1B}[15~", .function(5)), ("\u{1B}[24~", .function(12)),
            ("\u{1B}[1;5C", .right), ("\u{1B}[2~", .insert),
        ])
    func escapeSequences(bytes: String, key: Key) {
        #expect(decode(bytes) == [key])
    }

    @Test func loneEscapeNeedsTheTimeout() {
        #expect(decode("\u{1B}", flush: false) == [])
        #expect(decode("\u{1B}") == [.escape])
        #expect(decode("\u{1B}\u{1B}") == [.escape, .escape])
    }

    @Test func altKeyIsEscapeThenKey() {
        #expect(decode("\u{1B}x") == [.escape, .character("x")])
    }

    @Test func printableAndWideCharacters() {
        #expect(decode("aé中👍") == [.character("a"), .character("é"), .character("中"), .character("👍")])
    }

    @Test func bracketedPasteArrivesAsOneKey() {
        let pasted = "line one\rline two\twith \u{1B} escape and q"
        #expect(
            decode("x\u{1B}[200~\(pasted)\u{1B}[201~y") == [
                .character("x"), .paste("line one\nline two\twith \u{1B} escape and q"), .character("y"),
            ])
    }

    @Test func pasteIsNotCutByATimeout() {
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for scalar in "\u{1B}[200~abc".unicodeScalars { keys += decoder.feed(.character(scalar.value)) }
        keys += decoder.flush()
        #expect(decoder.isInPaste)
        for scalar in "d\u{1B}[201~".unicodeScalars { keys += decoder.feed(.character(scalar.value)) }
        #expect(keys == [.paste("abcd")])
    }

    @Test(
        "ncurses key codes",
        arguments: [
            (Int32(0o403), Key.up), (0o402, .down), (0o404, .left), (0o405, .right), (0o406, .home), (0o550, .end),
            (0o522, .pageDown), (0o523, .pageUp), (0o407, .backspace), (0o512, .delete), (0o541, .backTab),
            (0o527, .enter), (0o411, .function(1)), (0o424, .function(12)),
        ])
    func ncursesCodes(code: Int32, key: Key) {
        var decoder = KeyDecoder(keyCodes: NcursesKeyTable.keys)
        #expect(decoder.feed(.keyCode(code)) == [key])
    }

    @Test func keyCodeAfterAPendingEscapeReportsBoth() {
        var decoder = KeyDecoder(keyCodes: NcursesKeyTable.keys)
        #expect(decoder.feed(.character(0x1B)) == [])
        #expect(decoder.feed(.keyCode(0o403)) == [.escape, .up])
    }
}

@Suite("ncurses terminal")
struct NcursesTerminalTests {
    @Test func stopIsSafeBeforeStartAndTwice() {
        let terminal = NcursesTerminal()
        terminal.stop()
        terminal.stop()
        #expect(terminal.readInput(timeoutMilliseconds: 0).isEmpty)
    }
}
