import Testing
@testable import WizardCore

@Suite("Text field")
struct TextFieldTests {
    func field(_ text: String, keys: [Key]) -> TextField {
        var field = TextField(text)
        for key in keys { _ = field.handle(key) }
        return field
    }

    func suggested(_ text: String, keys: [Key]) -> TextField {
        var field = TextField()
        field.suggest(text)
        for key in keys { _ = field.handle(key) }
        return field
    }

    @Test func aSuggestionIsReplacedByTypingAndPasting() {
        #expect(suggested("remote", keys: [.character("l"), .character("o")]).text == "lo")
        #expect(suggested("remote", keys: [.paste("logs")]).text == "logs")
        #expect(!suggested("remote", keys: [.character("l")]).isSuggestion)
    }

    @Test func aSuggestionIsKeptByKeysTheFieldLeavesToTheScreen() {
        let kept = suggested("remote", keys: [.tab, .enter])
        #expect(kept.text == "remote")
        #expect(kept.isSuggestion)
    }

    @Test func anEditingKeyMakesTheSuggestionOrdinaryText() {
        #expect(suggested("remote", keys: [.backspace, .character("x")]).text == "remotx")
        #expect(suggested("remote", keys: [.home, .character("x")]).text == "xremote")
        #expect(suggested("remote", keys: [.end, .character("s")]).text == "remotes")
    }

    @Test func aSuggestionIsDrawnSelectedOnlyWhileFocused() {
        let field = suggested("remote", keys: [])
        var focused = ScreenBuffer(size: Size(width: 10, height: 1))
        field.render(into: &focused, rect: Rect(x: 0, y: 0, width: 10, height: 1), focused: true)
        #expect(focused[0, 0].style == Style.selected)
        var unfocused = ScreenBuffer(size: Size(width: 10, height: 1))
        field.render(into: &unfocused, rect: Rect(x: 0, y: 0, width: 10, height: 1), focused: false)
        #expect(unfocused[0, 0].style == Style.normal)
        var typed = field
        _ = typed.handle(.character("l"))
        var after = ScreenBuffer(size: Size(width: 10, height: 1))
        typed.render(into: &after, rect: Rect(x: 0, y: 0, width: 10, height: 1), focused: true)
        #expect(after[0, 0].style != Style.selected)
    }

    @Test func typingInsertsAtTheCursor() {
        let f = field("ac", keys: [.left, .character("b")])
        #expect(f.text == "abc")
        #expect(f.cursor == 2)
    }

    @Test func homeEndAndControlAE() {
        #expect(field("abc", keys: [.home, .character("x")]).text == "xabc")
        #expect(field("abc", keys: [.control("a"), .control("e"), .character("x")]).text == "abcx")
        #expect(field("abc", keys: [.home, .end]).cursor == 3)
    }

    @Test func deletingKeys() {
        #expect(field("abc", keys: [.backspace]).text == "ab")
        #expect(field("abc", keys: [.home, .delete]).text == "bc")
        #expect(field("abc", keys: [.home, .backspace]).text == "abc")
        #expect(field("abc", keys: [.delete]).text == "abc")
        #expect(field("hello world", keys: [.left, .left, .control("u")]).text == "ld")
        #expect(field("hello world", keys: [.home, .right, .control("k")]).text == "h")
        #expect(field("hello big world", keys: [.control("w")]).text == "hello big ")
        #expect(field("hello big ", keys: [.control("w")]).text == "hello ")
        #expect(field("/etc/ssl/certs", keys: [.control("w")]).text == "/etc/ssl/")
    }

    @Test func pasteInsertsLongTextAtOnceWithoutLineBreaks() {
        let long = String(repeating: "abcdefghij", count: 50)
        let f = field("x", keys: [.home, .paste(long + "\n")])
        #expect(f.text == long + "x")
        #expect(f.cursor == 500)
        #expect(field("", keys: [.paste("a\nb")]).text == "a b")
    }

    @Test func unknownKeysAreLeftToTheScreen() {
        var f = TextField("a")
        #expect(f.handle(.tab) == .ignored)
        #expect(f.handle(.enter) == .ignored)
        #expect(f.handle(.up) == .ignored)
        #expect(f.handle(.left) == .handled)
    }

    @Test func scrollsHorizontallyToKeepTheCursorVisible() {
        let f = TextField(String(repeating: "x", count: 30) + "END")
        var buffer = ScreenBuffer(size: Size(width: 12, height: 1))
        f.render(into: &buffer, rect: buffer.bounds, focused: true)
        #expect(buffer.text(row: 0) == "…xxxxxxxEND")
        #expect(buffer.cursor == Point(column: 11, row: 0))
        var atStart = f
        _ = atStart.handle(.home)
        var second = ScreenBuffer(size: Size(width: 12, height: 1))
        atStart.render(into: &second, rect: second.bounds, focused: true)
        #expect(second.text(row: 0) == String(repeating: "x", count: 12))
        #expect(second.cursor == Point(column: 0, row: 0))
    }

    @Test func scrollStaysPutWhileTheCursorMovesInsideTheVisiblePart() {
        var f = TextField(String(repeating: "x", count: 30) + "END")
        f.visibleWidth = 12
        #expect(f.scroll == 22)
        for _ in 0..<5 { _ = f.handle(.left) }
        #expect(f.scroll == 22)
        var buffer = ScreenBuffer(size: Size(width: 12, height: 1))
        f.render(into: &buffer, rect: buffer.bounds, focused: true)
        #expect(buffer.text(row: 0) == "…xxxxxxxEND")
        #expect(buffer.cursor == Point(column: 6, row: 0))
        for _ in 0..<7 { _ = f.handle(.left) }
        #expect(f.scroll == 21)
        _ = f.handle(.home)
        #expect(f.scroll == 0)
        _ = f.handle(.end)
        #expect(f.scroll == 22)
        // Deleting gives the freed room to the start of the text.
        for _ in 0..<5 { _ = f.handle(.backspace) }
        #expect(f.text.count == 28)
        #expect(f.scroll == 17)
    }

    @Test func secretFieldMasksUntilRevealed() {
        var secret = SecretField()
        for c in "s3cret" { _ = secret.handle(.character(c)) }
        var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        secret.render(into: &buffer, rect: buffer.bounds, focused: false, glyphs: .unicode)
        #expect(buffer.text(row: 0) == "••••••")
        #expect(secret.handle(.control("r")) == .handled)
        buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        secret.render(into: &buffer, rect: buffer.bounds, focused: false, glyphs: .unicode)
        #expect(buffer.text(row: 0) == "s3cret")
        #expect(secret.secret.revealed == "s3cret")
        #expect("\(secret.secret)" == "::redacted::")
    }
}

@Suite("Choices")
struct ChoiceTests {
    let options = [
        ChoiceOption(id: "a", title: "A"), ChoiceOption(id: "b", title: "B"), ChoiceOption(id: "c", title: "C"),
    ]

    @Test func singleChoiceMovesAndGivesUpAtTheEnds() {
        var list = ChoiceList(options)
        #expect(list.handle(.up) == .ignored)
        #expect(list.handle(.down) == .handled)
        #expect(list.selected?.id == "b")
        #expect(list.handle(.end) == .handled)
        #expect(list.handle(.down) == .ignored)
        #expect(list.selected?.id == "c")
        #expect(list.handle(.character("k")) == .handled)
        #expect(list.selected?.id == "b")
    }

    @Test func multiChoiceTogglesWithSpace() {
        var list = MultiChoice(options, chosen: ["c"])
        _ = list.handle(.character(" "))
        _ = list.handle(.down)
        _ = list.handle(.down)
        _ = list.handle(.character(" "))
        #expect(list.chosenIDs == ["a"])
        // The same movement keys as the single choice: Home/End jump, ↓ at the end gives up.
        #expect(list.handle(.home) == .handled)
        #expect(list.highlighted == 0)
        #expect(list.handle(.end) == .handled)
        #expect(list.handle(.down) == .ignored)
        #expect(list.handle(.character("q")) == .ignored)
    }

    /// In ASCII a chosen box is [*], so it cannot be read as the [x] failure mark next to it.
    @Test func asciiChosenBoxIsNotTheFailureMark() {
        let list = MultiChoice(options, chosen: ["a"])
        var buffer = ScreenBuffer(size: Size(width: 12, height: 3))
        list.render(into: &buffer, rect: buffer.bounds, focused: false, glyphs: .ascii)
        #expect(buffer.text(row: 0).hasPrefix("  [*] A"))
        #expect(buffer.text(row: 1).hasPrefix("  [ ] B"))
        #expect(Glyphs.ascii.checkOn != Glyphs.ascii.failure)
    }

    @Test func confirmAnswersWithLettersAndArrows() {
        var confirm = Confirm(false)
        _ = confirm.handle(.character("y"))
        #expect(confirm.value)
        _ = confirm.handle(.right)
        #expect(!confirm.value)
        #expect(confirm.handle(.enter) == .ignored)
    }

    @Test func modalDialogButtons() {
        var dialog = ModalDialog.confirm(title: "Quit", message: "Quit?")
        #expect(dialog.focused == 1)
        #expect(dialog.handle(.left) == .pending)
        #expect(dialog.handle(.enter) == .chose(0))
        #expect(dialog.handle(.escape) == .chose(1))
        #expect(dialog.handle(.character("y")) == .chose(0))
        #expect(dialog.handle(.character("N")) == .chose(1))
    }
}
