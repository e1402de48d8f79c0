import Testing
@testable import WizardCore

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test func wideCharactersTakeTwoCells() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        let used = buffer.write("中a文", x: 0, y: 0)
        #expect(used == 5)
        #expect(buffer[0, 0].grapheme == "中")
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].grapheme == "a")
        #expect(buffer[4, 0].isContinuation)
        #expect(buffer.text(row: 0) == "中a文")
    }

    @Test func wideCharacterAtTheClipEdgeBecomesASpace() {
        var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
        buffer.write("ab中", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(buffer.text(row: 0) == "ab")
        #expect(!buffer[2, 0].isContinuation)
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func combiningMarksStayWithTheirBase() {
        var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
        buffer.write("e\u{301}x", x: 0, y: 0)
        #expect(buffer[0, 0].grapheme == "e\u{301}")
        #expect(buffer[1, 0].grapheme == "x")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(size: Size(width: 4, height: 1))
        buffer.write("中中", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.text(row: 0) == " x中")
        #expect(!buffer[1, 0].isContinuation)
        buffer.write("y", x: 2, y: 0)
        #expect(buffer.text(row: 0) == " xy")
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func writesOutsideAreDropped() {
        var buffer = ScreenBuffer(size: Size(width: 3, height: 2))
        buffer.write("abcdef", x: -2, y: 0)
        buffer.write("zz", x: 0, y: 5)
        #expect(buffer.text == "cde\n")
    }

    @Test func snapshotListsRowsThenStyleRuns() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 2))
        buffer.write("ok", x: 0, y: 0, style: .success)
        buffer.write("✗ no", x: 1, y: 1, style: Style(.failure, bold: true))
        buffer.cursor = Point(column: 3, row: 1)
        #expect(
            buffer.snapshot == """
                size 6x2
                |ok    |
                | ✗ no |
                styles
                0: 0-2 success
                1: 1-5 failure+bold
                cursor 3,1

                """)
    }

    @Test func boxWithTitle() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 3))
        buffer.drawBox(buffer.bounds, glyphs: .unicode, title: "Hi")
        #expect(buffer.text == "┌─ Hi ─────┐\n│          │\n└──────────┘")
        var ascii = ScreenBuffer(size: Size(width: 6, height: 2))
        ascii.drawBox(ascii.bounds, glyphs: .ascii)
        #expect(ascii.text == "+----+\n+----+")
    }
}

@Suite("Frame")
struct FrameTests {
    @Test func aFooterTooWideDropsWholeHintsAndKeepsQuit() {
        let frame = Frame(
            branch: nil, step: nil, title: "Live",
            keys: [
                KeyHint("r", "refresh now"), KeyHint("p", "pause"), KeyHint("Enter", "finish"), KeyHint("Esc", "back"),
                KeyHint("q", "quit"),
            ])
        #expect(frame.footer(glyphs: .unicode) == "r refresh now · p pause · Enter finish · Esc back · q quit")
        #expect(frame.footer(glyphs: .unicode, width: 56) == "r refresh now · p pause · Enter finish · q quit")
        #expect(frame.footer(glyphs: .unicode, width: 10) == "q quit")
        var buffer = ScreenBuffer(size: Size(width: 60, height: 18))
        _ = frame.render(into: &buffer, theme: .unicode)
        #expect(buffer.text(row: 16) == "│ r refresh now · p pause · Enter finish · q quit          │")
    }
}
