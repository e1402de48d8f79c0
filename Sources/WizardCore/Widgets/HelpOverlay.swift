/// The help box F1 (or `?`) opens over any screen: the screen's own help, then the keys that work
/// everywhere. ↑/↓ and PgUp/PgDn scroll a long text; Esc, Enter, F1, `?` or `q` close it.
public struct HelpOverlay: Sendable, Hashable {
    public var help: HelpText
    public private(set) var top = 0

    /// The keys that work on every screen, shown under each screen's own help.
    public static let commonKeys = [
        "Keys on every screen:",
        "  Tab / Shift-Tab   next / previous field (Ctrl-T completes a file path)",
        "  Enter             next field, then continue",
        "  Esc               back (answers are kept)",
        "  F1 or ?           this help",
        "  q                 quit (asks first; Ctrl-C twice quits at once)",
    ]

    public init(_ help: HelpText) { self.help = help }

    /// What a key did.
    public enum Outcome: Sendable, Hashable {
        case open
        case closed
    }

    public mutating func handle(_ key: Key, visibleRows: Int) -> Outcome {
        switch key {
        case .escape, .enter, .function(1), .character("?"), .character("q"): return .closed
        case .up, .character("k"): top = max(0, top - 1)
        case .down, .character("j"): top += 1
        case .pageUp: top = max(0, top - max(1, visibleRows - 1))
        case .pageDown, .character(" "): top += max(1, visibleRows - 1)
        case .home: top = 0
        default: break
        }
        return .open
    }

    /// The help as wrapped lines for a box `width` columns wide inside.
    public func lines(width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in help.paragraphs {
            lines += TextLayout.wrap(paragraph, width: max(1, width))
            lines.append("")
        }
        lines += Self.commonKeys
        return lines
    }

    /// Draws the box over `area` (most of the screen), clearing what is under it.
    public func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
        let box = area.inset(top: 1, left: 2, bottom: 1, right: 2)
        guard box.width > 10, box.height > 4 else { return }
        buffer.fill(box)
        buffer.drawBox(box, glyphs: theme.glyphs, style: Style(.accent, bold: true), title: "Help: \(help.title)")
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let all = lines(width: inner.width)
        let first = min(top, max(0, all.count - inner.height))
        for row in 0..<inner.height where first + row < all.count {
            buffer.write(all[first + row], x: inner.x, y: inner.y + row, width: inner.width)
        }
        if first + inner.height < all.count {
            buffer.write(" \(theme.glyphs.ellipsisDown) more ", x: box.maxX - 10, y: box.maxY - 1, style: .muted)
        }
        buffer.cursor = nil
    }

    /// The footer while the help is open.
    public static let keyHints = [KeyHint("↑↓", "scroll"), KeyHint("Esc", "close help")]
}
