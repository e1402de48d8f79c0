/// A text table that fits a width: columns padded to their widest cell, two spaces apart, and
/// when the whole table is wider than the width, shortened and then dropped in a stated order.
///
/// Fitting, in this order, until the table fits:
/// 1. columns with a `minimumWidth` are shortened, from left to right, each at most down to its
///    minimum (never below its title), the cut marked with the ellipsis: in the middle for
///    `.middle`, at the end for `.end`;
/// 2. columns with a `dropRank` are left out, lowest rank first, and step 1 is tried again on
///    what remains, so a column shortened before gets its full width back when there is room.
/// Columns without a minimum are never shortened, without a rank never dropped; when even the
/// narrowest form is too wide, that form is printed (the terminal wraps it).
public struct TextTable: Sendable, Hashable {
    /// Where a shortened cell loses its characters.
    public enum Shortening: Sendable, Hashable {
        /// Keep the start: `very-long-na…`.
        case end
        /// Keep both ends (host and port of an address): `lb.exa…net:9443`.
        case middle
    }

    /// One column: its title and how it may give way.
    public struct Column: Sendable, Hashable {
        public var title: String
        /// The narrowest the column may become; nil when it is never shortened.
        public var minimumWidth: Int?
        public var shortening: Shortening
        /// Columns with lower ranks are dropped first; nil when the column always stays.
        public var dropRank: Int?

        public init(_ title: String, minimumWidth: Int? = nil, shortening: Shortening = .end, dropRank: Int? = nil) {
            self.title = title
            self.minimumWidth = minimumWidth
            self.shortening = shortening
            self.dropRank = dropRank
        }
    }

    public var columns: [Column]
    /// The cells, one array per row in `columns` order.
    public var rows: [[String]]
    /// The mark that replaces cut characters (`…`, or `~` where only ASCII is shown).
    public var ellipsis: String

    public static let gap = 2

    public init(columns: [Column], rows: [[String]], ellipsis: String = "…") {
        self.columns = columns
        self.rows = rows
        self.ellipsis = ellipsis
    }

    /// The header line and one line per row; `width` nil prints every column in full.
    public func lines(width: Int?) -> [String] {
        let layout = self.layout(width: width)
        let shown = layout.map(\.column)
        let header = shown.map { columns[$0].title }
        return ([header] + rows.map { row in shown.map { row.indices.contains($0) ? row[$0] : "" } }).map { cells in
            var line = ""
            for (index, cell) in cells.enumerated() {
                let width = layout[index].width
                let text = Self.shorten(
                    cell, to: width, how: columns[layout[index].column].shortening, ellipsis: ellipsis)
                line +=
                    index == cells.count - 1
                    ? text : text + String(repeating: " ", count: width - text.count + Self.gap)
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The columns shown and their widths, in table order.
    func layout(width: Int?) -> [(column: Int, width: Int)] {
        let natural = columns.indices.map { column in
            ([columns[column].title] + rows.map { $0.indices.contains(column) ? $0[column] : "" }).map(\.count).max()
                ?? 0
        }
        var shown = Array(columns.indices)
        let droppable = columns.indices.filter { columns[$0].dropRank != nil }.sorted {
            (columns[$0].dropRank!, $0) < (columns[$1].dropRank!, $1)
        }
        var nextDrop = droppable.makeIterator()
        while true {
            var widths = shown.map { natural[$0] }
            guard let width else { return zip(shown, widths).map { ($0, $1) } }
            var excess = widths.reduce(0, +) + Self.gap * (shown.count - 1) - width
            for (position, column) in shown.enumerated() where excess > 0 {
                guard let minimum = columns[column].minimumWidth else { continue }
                let floor = max(minimum, min(columns[column].title.count, natural[column]))
                let cut = min(excess, max(0, widths[position] - floor))
                widths[position] -= cut
                excess -= cut
            }
            if excess <= 0 { return zip(shown, widths).map { ($0, $1) } }
            guard let drop = nextDrop.next() else { return zip(shown, widths).map { ($0, $1) } }
            shown.removeAll { $0 == drop }
        }
    }

    /// `text` cut to `width` characters with the ellipsis where characters were taken out.
    static func shorten(_ text: String, to width: Int, how: Shortening, ellipsis: String) -> String {
        guard text.count > width else { return text }
        let keep = max(0, width - ellipsis.count)
        switch how {
        case .end:
            return String(text.prefix(keep)) + ellipsis
        case .middle:
            let tail = keep / 2
            return String(text.prefix(keep - tail)) + ellipsis + String(text.suffix(tail))
        }
    }
}
