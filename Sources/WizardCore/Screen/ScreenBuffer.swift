import RemoteClusterKit

/// One screen cell: a grapheme and its style. A wide grapheme occupies its cell and the next one,
/// which is marked as a continuation.
public struct Cell: Sendable, Hashable {
    public var grapheme: Character
    public var style: Style
    /// True for the second column of a wide grapheme; the backend skips it.
    public var isContinuation: Bool

    public init(_ grapheme: Character = " ", style: Style = .normal, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// A grid of cells that rendering writes into and the terminal copies out. Writes outside the
/// buffer or outside the clip rectangle are dropped, so widgets never need to check bounds.
public struct ScreenBuffer: Sendable, Hashable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the text cursor should be shown, if anywhere.
    public var cursor: Point?

    public init(size: Size) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.cells = Array(repeating: .blank, count: self.size.width * self.size.height)
    }

    public var bounds: Rect { Rect(size: size) }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * size.width + column] }
        set { cells[row * size.width + column] = newValue }
    }

    /// Writes `text` from `x`,`y`, clipped to `clip` (the whole buffer by default). Wide graphemes
    /// that would straddle the clip edge are replaced by a space. Returns the columns written.
    ///
    /// Control and escape characters are written out visibly (`\x1b`), as
    /// `TerminalText.visible` shows them, so text from a server, a file or a plan can never
    /// reach the terminal as a control sequence, on any screen. Writing stops at a line feed.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        let area = clip.map { intersect($0, bounds) } ?? bounds
        guard y >= area.y, y < area.maxY else { return 0 }
        var column = x
        DisplayWidth.forEachGrapheme(in: TerminalText.visible(text)) { character, measured in
            var shown = character
            var width = measured
            if width == 0 {
                // Line breaks end the text and a tab is a space (`visible` escaped every other
                // control character); a lone combining mark attaches to nothing: drop it.
                if character == "\n" { return false }
                guard character == "\t" else { return true }
                shown = " "
                width = 1
            }
            if column >= area.maxX { return false }
            if column >= area.x {
                if width == 2 && column + 1 >= area.maxX {
                    setCell(Cell(" ", style: style), x: column, y: y)
                } else {
                    setCell(Cell(shown, style: style), x: column, y: y)
                    if width == 2 { setCell(Cell(" ", style: style, isContinuation: true), x: column + 1, y: y) }
                }
            }
            column += width
            return true
        }
        return max(0, min(column, area.maxX) - x)
    }

    /// Writes `text` truncated with `…` to fit `width` columns.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, width: Int, style: Style = .normal) -> Int {
        write(
            TextLayout.truncate(TerminalText.visible(text), width: width), x: x, y: y, style: style,
            clip: Rect(x: x, y: y, width: width, height: 1))
    }

    /// Fills the rectangle with a grapheme in a style.
    public mutating func fill(_ rect: Rect, with grapheme: Character = " ", style: Style = .normal) {
        let area = intersect(rect, bounds)
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX { setCell(Cell(grapheme, style: style), x: column, y: row) }
        }
    }

    /// Changes the style of the cells in the rectangle without touching their text.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let area = intersect(rect, bounds)
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX { self[column, row].style = transform(self[column, row].style) }
        }
    }

    /// Draws a box along the edge of the rectangle, with an optional title in the top line.
    public mutating func drawBox(
        _ rect: Rect, glyphs: Glyphs, style: Style = .border, title: String? = nil,
        titleStyle: Style = .title
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let horizontal = String(repeating: glyphs.horizontal, count: rect.width - 2)
        write(String(glyphs.topLeft) + horizontal + String(glyphs.topRight), x: rect.x, y: rect.y, style: style)
        write(
            String(glyphs.bottomLeft) + horizontal + String(glyphs.bottomRight), x: rect.x, y: rect.maxY - 1,
            style: style)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            write(String(glyphs.vertical), x: rect.x, y: row, style: style)
            write(String(glyphs.vertical), x: rect.maxX - 1, y: row, style: style)
        }
        if let title, rect.width > 6 {
            write(
                " " + TextLayout.truncate(title, width: rect.width - 6) + " ", x: rect.x + 2, y: rect.y,
                style: titleStyle)
        }
    }

    /// Draws a horizontal divider across the rectangle's row `y`, joined to a surrounding box.
    public mutating func drawDivider(y: Int, from x: Int, width: Int, glyphs: Glyphs, style: Style = .border) {
        guard width >= 2 else { return }
        write(
            String(glyphs.teeLeft) + String(repeating: glyphs.horizontal, count: width - 2) + String(glyphs.teeRight),
            x: x, y: y, style: style)
    }

    /// The text of one row, with continuation cells left out and trailing spaces trimmed.
    public func text(row: Int) -> String {
        var line = ""
        for column in 0..<size.width where !self[column, row].isContinuation {
            line.append(self[column, row].grapheme)
        }
        while line.last == " " { line.removeLast() }
        return line
    }

    /// All rows as text, one per line.
    public var text: String { (0..<size.height).map { text(row: $0) }.joined(separator: "\n") }

    /// The snapshot form: every row framed by `|`, then each row's style runs other than `normal`
    /// as `row: start-end style` (columns, end exclusive), then the cursor.
    public var snapshot: String {
        var out = "size \(size)\n"
        for row in 0..<size.height {
            var line = ""
            for column in 0..<size.width where !self[column, row].isContinuation {
                line.append(self[column, row].grapheme)
            }
            out += "|\(line)|\n"
        }
        out += "styles\n"
        for row in 0..<size.height {
            var runs: [String] = []
            var start = 0
            while start < size.width {
                let style = self[start, row].style
                var end = start + 1
                while end < size.width && self[end, row].style == style { end += 1 }
                if style != .normal { runs.append("\(start)-\(end) \(style)") }
                start = end
            }
            if !runs.isEmpty { out += "\(row): " + runs.joined(separator: ", ") + "\n" }
        }
        out += "cursor " + (cursor.map { "\($0.column),\($0.row)" } ?? "hidden") + "\n"
        return out
    }

    private mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        // Overwriting half of a wide grapheme blanks its other half.
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(" ", style: self[x - 1, y].style) }
        if x + 1 < size.width, self[x + 1, y].isContinuation {
            self[x + 1, y] = Cell(" ", style: self[x + 1, y].style)
        }
        self[x, y] = cell
    }

    private func intersect(_ a: Rect, _ b: Rect) -> Rect {
        let x0 = max(a.x, b.x)
        let y0 = max(a.y, b.y)
        return Rect(x: x0, y: y0, width: min(a.maxX, b.maxX) - x0, height: min(a.maxY, b.maxY) - y0)
    }
}
