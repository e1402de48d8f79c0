import RemoteClusterKit

/// Lines of a check report (`✓ TCP …`, `✗ Name …`, `Most likely: …`, `Fix: …`) drawn with the
/// style their mark or lead word implies, wrapped to the width with continuation lines indented.
public enum ReportLines {
    /// The marks the engine's text reports use, in this terminal's glyphs.
    public static func symbols(_ glyphs: Glyphs) -> StatusSymbols {
        StatusSymbols(
            ok: glyphs.ok, warning: glyphs.warning, failure: glyphs.failure, skipped: glyphs == .ascii ? "[-]" : "·")
    }

    /// The style of one report line.
    public static func style(of line: String, glyphs: Glyphs) -> Style {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix(glyphs.ok) { return .success }
        if trimmed.hasPrefix(glyphs.failure) { return .failure }
        if trimmed.hasPrefix(glyphs.warning) { return .warning }
        if trimmed.hasPrefix("Most likely:") { return Style(.failure, bold: true) }
        if trimmed.hasPrefix("Fix:") { return Style(.accent, bold: true) }
        if trimmed.hasPrefix("Note:") { return .warning }
        return .normal
    }

    /// The lines wrapped to `width`, each with its style; continuations indented under the text.
    public static func layout(_ lines: [String], width: Int, glyphs: Glyphs) -> [(String, Style)] {
        var out: [(String, Style)] = []
        for line in lines {
            let style = style(of: line, glyphs: glyphs)
            for part in TextLayout.wrapIndented(line, width: width, hanging: continuationIndent(line, glyphs: glyphs)) {
                out.append((part, style))
            }
        }
        return out
    }

    /// How far continuation lines are indented: past the mark and step name of a check line, past
    /// the lead word of a diagnosis line.
    static func continuationIndent(_ line: String, glyphs: Glyphs) -> Int {
        let trimmed = line.drop { $0 == " " }
        for mark in [glyphs.ok, glyphs.failure, glyphs.warning, "·", "[-]"] where trimmed.hasPrefix(mark) {
            // A check line pads its step name (`✓ TCP   …`): continue under the text after it.
            let rest = trimmed.dropFirst(mark.count).drop { $0 == " " }
            let name = rest.prefix { $0 != " " }
            let isCheck = name.count <= 5 && rest.dropFirst(name.count).hasPrefix("  ")
            return DisplayWidth.of(mark) + (isCheck ? 7 : 1)
        }
        for lead in ["Most likely: ", "Fix: ", "Seen: ", "Note: "] where trimmed.hasPrefix(lead) { return lead.count }
        return 2
    }

    /// Draws the lines from `rect.y`; returns the rows used.
    @discardableResult
    public static func render(_ lines: [String], into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) -> Int {
        let laid = layout(lines, width: rect.width, glyphs: theme.glyphs)
        for (index, (text, style)) in laid.enumerated() where index < rect.height {
            buffer.write(text, x: rect.x, y: rect.y + index, width: rect.width, style: style)
        }
        return min(laid.count, rect.height)
    }
}
