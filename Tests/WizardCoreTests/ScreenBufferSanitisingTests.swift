import Testing
@testable import WizardCore

/// Text written into the buffer never reaches the terminal as a control sequence: every
/// screen, and every widget that writes text, inherits this from `ScreenBuffer.write`.
@Suite("Screen buffer sanitising")
struct ScreenBufferSanitisingTests {
    static let hostile = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mred\r\u{9B}x"

    @Test func controlCharactersAreWrittenVisibly() {
        var buffer = ScreenBuffer(size: Size(width: 48, height: 1))
        buffer.write(Self.hostile, x: 0, y: 0)
        #expect(buffer.text(row: 0) == #"\x1b]0;owned\x07\x1b[2J\x1b[31mred\x0d\x9bx"#)
        #expect(
            !buffer.cells.contains {
                $0.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
            })
    }

    @Test func truncatedWritesMeasureTheVisibleText() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 1))
        buffer.write("a\u{1B}[2Jbcdefgh", x: 0, y: 0, width: 10)
        #expect(buffer.text(row: 0) == #"a\x1b[2Jb…"#)
    }

    @Test func aBoxTitleFromAServerIsSanitisedToo() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 3))
        buffer.drawBox(Rect(x: 0, y: 0, width: 20, height: 3), glyphs: .ascii, title: "\u{1B}[5mx")
        #expect(buffer.text(row: 0).contains(#"\x1b[5mx"#))
    }

    @Test func aLineFeedStillEndsTheWrite() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        buffer.write("ab\ncd", x: 0, y: 0)
        #expect(buffer.text(row: 0) == "ab")
    }
}
