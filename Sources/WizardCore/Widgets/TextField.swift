/// What a widget did with a key.
public enum KeyOutcome: Sendable, Hashable {
    /// The key changed the widget (or moved inside it).
    case handled
    /// The widget has no use for the key; the screen may use it (Tab, Enter, Esc...).
    case ignored
}

/// An editable single line of text with a cursor, readline-style keys and horizontal scrolling.
///
/// Keys: ←/→, Home/End, Ctrl-A/Ctrl-E (start/end), Backspace, Delete, Ctrl-U (delete to start),
/// Ctrl-K (delete to end), Ctrl-W (delete the word before the cursor), paste (inserted at once,
/// line breaks turned into spaces).
///
/// A suggested text (`suggest(_:)`) is offered as a whole: drawn selected, kept by Tab or Enter,
/// replaced by the first character typed or pasted, and made ordinary text by any editing key.
public struct TextField: Sendable, Hashable {
    public private(set) var characters: [Character]
    /// Whether the text is a suggestion that typing replaces (see `suggest(_:)`).
    public private(set) var isSuggestion = false
    /// The cursor, as an index into `characters` (0...count).
    public private(set) var cursor: Int
    /// The first character shown when the text is wider than the field.
    public private(set) var scroll: Int = 0
    /// Shown in muted style when the field is empty.
    public var placeholder: String
    /// The width the field is drawn at, when the owner knows it: scrolling then stays put while
    /// the cursor moves inside the visible part (otherwise it is worked out at each render).
    public var visibleWidth: Int? {
        didSet { if let visibleWidth { scrollToCursor(width: visibleWidth) } }
    }

    public init(_ text: String = "", placeholder: String = "") {
        self.characters = Array(text)
        self.cursor = characters.count
        self.placeholder = placeholder
    }

    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            cursor = characters.count
            scroll = 0
            isSuggestion = false
            if let visibleWidth { scrollToCursor(width: visibleWidth) }
        }
    }

    /// Offers `text`: it is the field's value unless the person types something else.
    public mutating func suggest(_ text: String) {
        self.text = text
        isSuggestion = !text.isEmpty
    }

    public mutating func handle(_ key: Key) -> KeyOutcome {
        let outcome = apply(key)
        if outcome == .handled, let visibleWidth { scrollToCursor(width: visibleWidth) }
        return outcome
    }

    private mutating func apply(_ key: Key) -> KeyOutcome {
        if isSuggestion {
            switch key {
            case .character, .paste:
                // Typing replaces the suggestion.
                characters = []
                cursor = 0
                isSuggestion = false
            default:
                // Any key the field uses makes the suggestion ordinary text to edit.
                if Self.edits(key) { isSuggestion = false }
            }
        }
        switch key {
        case .character(let c):
            insert([c])
        case .paste(let pasted):
            let flat = pasted.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }
            var text = flat
            while text.last == " " { text.removeLast() }
            insert(text)
        case .left:
            cursor = max(0, cursor - 1)
        case .right:
            cursor = min(characters.count, cursor + 1)
        case .home, .control("a"):
            cursor = 0
        case .end, .control("e"):
            cursor = characters.count
        case .backspace, .control("h"):
            guard cursor > 0 else { return .handled }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < characters.count else { return .handled }
            characters.remove(at: cursor)
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"):
            characters.removeSubrange(cursor..<characters.count)
        case .control("w"):
            var start = cursor
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " && characters[start - 1] != "/" { start -= 1 }
            if start == cursor, start > 0 { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return .ignored
        }
        return .handled
    }

    /// Whether the field handles `key` (moves the cursor or edits), as opposed to leaving it to
    /// the screen.
    private static func edits(_ key: Key) -> Bool {
        switch key {
        case .character, .paste, .left, .right, .home, .end, .backspace, .delete, .control("a"), .control("e"),
            .control("h"), .control("d"), .control("u"), .control("k"), .control("w"):
            return true
        default:
            return false
        }
    }

    private mutating func insert(_ new: [Character]) {
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    /// Adjusts `scroll` so the cursor is visible in a field `width` columns wide.
    public mutating func scrollToCursor(width: Int) {
        guard width > 1 else { return }
        scroll = min(scroll, characters.count)
        if cursor < scroll { scroll = cursor }
        // Keep one column free for the cursor at the end.
        while scroll < cursor && DisplayWidth.of(String(characters[scroll..<cursor])) > width - 1 { scroll += 1 }
        // Use room freed at the right (after deleting) by showing more of the start.
        while scroll > 0 && DisplayWidth.of(String(characters[(scroll - 1)...])) <= width - 1 { scroll -= 1 }
    }

    /// Draws the visible part of the text (or of `displayed`, a same-length stand-in such as bullets)
    /// and, when focused, places the buffer's cursor.
    public func render(
        into buffer: inout ScreenBuffer, rect: Rect, focused: Bool, style: Style = .normal,
        displayed: [Character]? = nil
    ) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        var copy = self
        copy.scrollToCursor(width: row.width)
        let shown = displayed ?? characters
        let fieldStyle = focused ? style.with(underline: true) : style
        buffer.fill(row, style: fieldStyle)
        if shown.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder, x: row.x, y: row.y, width: row.width, style: .muted)
        } else {
            let textStyle = focused && isSuggestion ? Style.selected : fieldStyle
            buffer.write(String(shown[copy.scroll...]), x: row.x, y: row.y, style: textStyle, clip: row)
        }
        if copy.scroll > 0 { buffer.write("…", x: row.x, y: row.y, style: .muted) }
        if focused {
            let cursorX = row.x + DisplayWidth.of(String(shown[copy.scroll..<copy.cursor]))
            buffer.cursor = Point(column: min(cursorX, row.maxX - 1), row: row.y)
        }
    }
}
