import Testing
@testable import WizardCore

@Suite("Display width")
struct DisplayWidthTests {
    @Test(
        "Widths of single graphemes",
        arguments: [
            ("a", 1), ("中", 2), ("한", 2), ("ｱ", 1), ("Ａ", 2), ("e\u{301}", 1), ("👍", 2), ("👍🏽", 2),
            ("🇩🇪", 2), ("✓", 1), ("✗", 1), ("⚠", 1), ("⚠\u{FE0F}", 2), ("👨‍👩‍👧", 2), ("─", 1), ("…", 1),
            ("\u{200B}", 0), ("\u{7}", 0), ("é", 1), ("✅", 2),
        ])
    func grapheme(text: String, width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    @Test func strings() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本語 ok") == 9)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)
    }
}

@Suite("Text layout")
struct TextLayoutTests {
    @Test func truncateKeepsWidthAndAddsEllipsis() {
        #expect(TextLayout.truncate("hello world", width: 8) == "hello w…")
        #expect(TextLayout.truncate("hello", width: 5) == "hello")
        #expect(TextLayout.truncate("日本語日本語", width: 6) == "日本…")
        #expect(DisplayWidth.of(TextLayout.truncate("日本語日本語", width: 6)) <= 6)
        #expect(TextLayout.truncate("abc", width: 0) == "")
    }

    @Test func truncateLeadingKeepsTheEnd() {
        #expect(TextLayout.truncateLeading("/very/long/path/ca.crt", width: 10) == "…th/ca.crt")
    }

    @Test func wrapBreaksAtSpacesAndInsideLongWords() {
        #expect(TextLayout.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(TextLayout.wrap("one\ntwo three", width: 20) == ["one", "two three"])
        #expect(TextLayout.wrap("中文中文中文", width: 5) == ["中文", "中文", "中文"])
    }

    @Test func padFillsToWidth() {
        #expect(TextLayout.pad("ab", width: 4) == "ab  ")
        #expect(TextLayout.pad("中", width: 3) == "中 ")
    }
}

@Suite("Layout")
struct LayoutTests {
    @Test func rowsWithFixedAndFill() {
        let parts = Rect(x: 0, y: 0, width: 80, height: 24).rows([.fixed(1), .fill, .fixed(3)])
        #expect(parts.map(\.y) == [0, 1, 21])
        #expect(parts.map(\.height) == [1, 20, 3])
    }

    @Test func columnsShareTheRestEvenly() {
        let parts = Rect(x: 2, y: 0, width: 11, height: 1).columns([.fill, .fill, .fixed(3)])
        #expect(parts.map(\.x) == [2, 6, 10])
        #expect(parts.map(\.width) == [4, 4, 3])
    }

    @Test func percentAndShortage() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 1).columns([.percent(50), .fixed(8), .fill(min: 2)])
        #expect(parts.map(\.width) == [5, 3, 2])
    }

    @Test func insetAndCenter() {
        let rect = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(rect.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(rect.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(Rect(x: 0, y: 0, width: 3, height: 3).inset(by: 2).isEmpty)
    }
}
