/// A table that is refreshed from the outside, with the time of the last update and a stale marker
/// when the latest refresh failed or the data is older than `staleAfter`.
public struct LiveTable: Sendable, Hashable {
    /// One column: a heading and a width constraint.
    public struct Column: Sendable, Hashable {
        public var heading: String
        public var width: Constraint
        public init(_ heading: String, width: Constraint) {
            self.heading = heading
            self.width = width
        }
    }

    /// One row: its cells and the style of the row's status.
    public struct Row: Sendable, Hashable {
        public var cells: [String]
        public var style: Style
        public init(_ cells: [String], style: Style = .normal) {
            self.cells = cells
            self.style = style
        }
    }

    public var columns: [Column]
    public private(set) var rows: [Row] = []
    public private(set) var lastUpdate: Moment?
    /// The failure of the latest refresh, if it failed.
    public private(set) var lastError: String?
    /// Data older than this counts as stale.
    public var staleAfterMilliseconds: Int64
    public var intervalMilliseconds: Int64

    /// The column drawn in the row's style (the status column); the others are plain.
    public var statusColumn: Int

    public init(
        columns: [Column], statusColumn: Int = 1, intervalMilliseconds: Int64 = 1000,
        staleAfterMilliseconds: Int64 = 5000
    ) {
        self.columns = columns
        self.statusColumn = statusColumn
        self.intervalMilliseconds = intervalMilliseconds
        self.staleAfterMilliseconds = staleAfterMilliseconds
    }

    /// New data arrived.
    public mutating func update(rows: [Row], at now: Moment) {
        self.rows = rows
        lastUpdate = now
        lastError = nil
    }

    /// A refresh failed; the old rows stay, marked stale.
    public mutating func fail(_ message: String) { lastError = message }

    public func isStale(now: Moment) -> Bool {
        guard let lastUpdate else { return false }
        return lastError != nil || now.milliseconds(since: lastUpdate) > staleAfterMilliseconds
    }

    /// "updated 1.2 s ago · every 1 s", or "waiting for the first update".
    public func freshness(now: Moment, glyphs: Glyphs) -> String {
        guard let lastUpdate else { return "waiting for the first update" }
        let age = max(0, now.milliseconds(since: lastUpdate))
        let ageText = age < 10_000 ? "\(age / 1000).\((age % 1000) / 100) s" : "\(age / 1000) s"
        return "updated \(ageText) ago\(glyphs.separator)every \(Self.seconds(intervalMilliseconds))"
    }

    public static func seconds(_ ms: Int64) -> String {
        ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms / 1000).\((ms % 1000) / 100) s"
    }

    /// Headings, rows, then the freshness line (with the stale marker and the error).
    public func render(into buffer: inout ScreenBuffer, rect: Rect, now: Moment, theme: Theme) {
        let columnRects = rect.columns(columns.map(\.width))
        for (index, column) in columns.enumerated() {
            buffer.write(
                column.heading, x: columnRects[index].x, y: rect.y, width: columnRects[index].width - 1,
                style: Style(.muted, bold: true))
        }
        let stale = isStale(now: now)
        for (rowIndex, row) in rows.enumerated() where rowIndex + 1 < rect.height - 2 {
            for (index, cell) in row.cells.enumerated() where index < columnRects.count {
                let style = stale ? Style.muted : (index == statusColumn ? row.style : .normal)
                buffer.write(
                    cell, x: columnRects[index].x, y: rect.y + 1 + rowIndex,
                    width: columnRects[index].width - 1, style: style)
            }
        }
        let statusY = rect.maxY - 1
        var line = freshness(now: now, glyphs: theme.glyphs)
        if stale { line = "\(theme.glyphs.warning) stale: " + line }
        buffer.write(line, x: rect.x, y: statusY, width: rect.width, style: stale ? .warning : .muted)
        if let lastError {
            buffer.write(
                "\(theme.glyphs.failure) \(lastError)", x: rect.x, y: statusY - 1, width: rect.width,
                style: .failure)
        }
    }
}

/// A small animation showing that work is in progress. Its frame is derived from the time, so it
/// needs no state of its own.
public struct Spinner: Sendable, Hashable {
    public var label: String
    public var startedAt: Moment
    public init(_ label: String, startedAt: Moment) {
        self.label = label
        self.startedAt = startedAt
    }

    public func frame(now: Moment, glyphs: Glyphs) -> String {
        let index = Int(max(0, now.milliseconds(since: startedAt)) / 100) % glyphs.spinner.count
        return glyphs.spinner[index]
    }

    public func render(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, now: Moment, theme: Theme) {
        let used = buffer.write(frame(now: now, glyphs: theme.glyphs) + " ", x: x, y: y, style: .accent)
        buffer.write(label, x: x + used, y: y, width: width - used, style: .normal)
    }
}

/// A failure shown across the top of the body: mark, what went wrong, what to do.
public struct ErrorBanner: Sendable, Hashable {
    public var message: String
    public var fix: String
    public init(_ message: String, fix: String = "") {
        self.message = message
        self.fix = fix
    }

    /// The lines the banner takes at this width.
    public func lines(width: Int, glyphs: Glyphs) -> [String] {
        let prefix = glyphs.failure + " "
        let indent = String(repeating: " ", count: DisplayWidth.of(prefix))
        let text = fix.isEmpty ? message : "\(message). \(fix)"
        return TextLayout.wrap(text, width: max(1, width - DisplayWidth.of(prefix))).enumerated().map {
            ($0.offset == 0 ? prefix : indent) + $0.element
        }
    }

    @discardableResult
    public func render(into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) -> Int {
        let lines = lines(width: rect.width, glyphs: theme.glyphs)
        for (index, line) in lines.enumerated() where index < rect.height {
            buffer.fill(rect.row(index), style: Style(.failure, reverse: !theme.colors))
            buffer.write(line, x: rect.x, y: rect.y + index, style: Style(.failure, bold: true), clip: rect)
        }
        return min(lines.count, rect.height)
    }
}
