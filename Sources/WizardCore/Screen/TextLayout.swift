/// Measuring, truncating and wrapping text by display width.
public enum TextLayout {
    /// The ellipsis put at the end of truncated text.
    public static let ellipsis: Character = "…"

    /// `text` cut to at most `width` columns, ending with `…` when something was cut.
    public static func truncate(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var result = ""
        var used = 0
        DisplayWidth.forEachGrapheme(in: text) { character, w in
            if used + w > width - 1 { return false }
            result.append(character)
            used += w
            return true
        }
        result.append(ellipsis)
        return result
    }

    /// `text` cut from the left to at most `width` columns, starting with `…` when cut
    /// (for paths, where the end matters most).
    public static func truncateLeading(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        var kept: [Character] = []
        var used = 0
        for character in text.reversed() {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            kept.append(character)
            used += w
        }
        return String(ellipsis) + String(kept.reversed())
    }

    /// `text` padded with spaces (or truncated) to exactly `width` columns.
    public static func pad(_ text: String, width: Int) -> String {
        let cut = truncate(text, width: width)
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }

    /// Wraps one line keeping its leading spaces; continuation lines are indented `hanging`
    /// columns more (under the text after a list mark, for example).
    public static func wrapIndented(_ line: String, width: Int, hanging: Int = 0) -> [String] {
        let indent = line.prefix { $0 == " " }.count
        let pad = String(repeating: " ", count: indent)
        let text = line.dropFirst(indent)
        let parts = wrap(String(text), width: max(1, width - indent))
        guard let head = parts.first else { return [pad] }
        // The rest is wrapped again from the text itself (the first line is a prefix of it), so a
        // word broken at the first line's end is not broken a second time with a space inside.
        var rest = text.dropFirst(head.count)
        if let first = rest.first, first == " " || first == "\n" { rest = rest.dropFirst() }
        guard parts.count > 1, !rest.isEmpty else { return [pad + head] }
        let hang = String(repeating: " ", count: indent + hanging)
        let flowed = rest.replacingOccurrences(of: "\n", with: " ")
        return [pad + head] + wrap(flowed, width: max(1, width - indent - hanging)).map { hang + $0 }
    }

    /// Splits `text` into lines of at most `width` columns, breaking at spaces where possible and
    /// inside words that are longer than a line. Existing newlines are kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        // A line that fits comes back whole (the loop below would give the same; leading spaces
        // are the exception: it drops them).
        if text.first != " ", !text.utf8.contains(0x0A), DisplayWidth.of(text) <= width { return [text] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                var wordWidth = DisplayWidth.of(word)
                let spaceNeeded = line.isEmpty ? 0 : 1
                if lineWidth + spaceNeeded + wordWidth <= width {
                    if spaceNeeded == 1 { line.append(" ") }
                    line += word
                    lineWidth += spaceNeeded + wordWidth
                    continue
                }
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    let (head, rest) = split(word, atWidth: width)
                    lines.append(head)
                    word = rest
                    wordWidth = DisplayWidth.of(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }

    /// The longest prefix of `text` that fits in `width` columns, and the rest.
    public static func split(_ text: String, atWidth width: Int) -> (String, String) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let w = DisplayWidth.of(text[index])
            if used + w > width { break }
            used += w
            index = text.index(after: index)
        }
        if index == text.startIndex, index < text.endIndex { index = text.index(after: index) }
        return (String(text[..<index]), String(text[index...]))
    }
}
