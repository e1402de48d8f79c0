/// The kind of text a viewer shows; decides the light highlighting.
public enum TextKind: String, Sendable, Hashable {
    case yaml, json, commands, plain
}

/// A scrollable, read-only view of a document (YAML, JSON, shell commands) with "save to file".
///
/// Keys: ↑/↓, PgUp/PgDn, Home/End (g/G), ←/→ to pan along lines wider than the box, and `s` opens a path prompt whose Enter emits a
/// `saveFile` effect; the result shows in the status line.
public struct TextViewer: Sendable, Hashable {
    public var title: String
    public var kind: TextKind
    public private(set) var lines: [String]
    public private(set) var top = 0
    /// Columns the text is panned to the left, for lines wider than the box.
    public private(set) var left = 0
    /// Text rows at the last size while the status line takes one row; kept by the screen via
    /// `setViewport`.
    public private(set) var viewport = 10
    /// The width the viewer is drawn at, so a long status message can wrap onto more rows.
    public private(set) var width = Int.max
    /// The save prompt, while it is open.
    public private(set) var savePrompt: TextField?
    public private(set) var pendingSave: Token?
    /// The last save result ("Saved to x", or the failure).
    public private(set) var status: StatusLine?
    /// Save with mode 0600 because the document holds secrets.
    public var isSecret: Bool

    public init(title: String, text: String, kind: TextKind, suggestedFileName: String = "", isSecret: Bool = false) {
        self.title = title
        self.kind = kind
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.suggestedFileName = suggestedFileName
        self.isSecret = isSecret
    }

    public var suggestedFileName: String
    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// Sets how many text rows fit (with a one-row status line) and how wide the viewer is, from the
    /// screen layout.
    public mutating func setViewport(_ rows: Int, width: Int = .max) {
        viewport = max(1, rows)
        self.width = width
        top = min(top, maxTop)
        left = min(left, maxLeft)
    }

    /// The status message wrapped to the viewer's width (at most three rows), without its mark.
    var statusLines: [String] {
        guard savePrompt == nil, let status else { return [] }
        let lines = TextLayout.wrap(status.text, width: max(1, width - Self.markColumns))
        return Array(lines.prefix(3))
    }

    /// Columns before a status message: the widest mark (`[x]`) and a space.
    static let markColumns = 4

    /// Text rows left once the status line takes what it needs.
    var textRows: Int { max(1, viewport - max(0, statusLines.count - 1)) }

    var maxTop: Int { max(0, lines.count - textRows) }

    /// Columns inside the box: the border and a space on each side.
    var textWidth: Int { width == .max ? .max : max(1, width - 4) }

    /// How far ←/→ can pan: until the end of the widest line shows after the leading ellipsis.
    var maxLeft: Int {
        let widest = lines.map { DisplayWidth.of($0) }.max() ?? 0
        guard textWidth != .max, widest > textWidth else { return 0 }
        return widest - textWidth + 1
    }

    /// Whether some line is wider than the box, so ←/→ do something.
    public var canPan: Bool { maxLeft > 0 }

    /// Columns one ←/→ pans.
    static let panStep = 8

    public mutating func handle(_ key: Key, tokens: inout TokenSource) -> (KeyOutcome, [Effect<Never>]) {
        if var prompt = savePrompt {
            switch key {
            case .escape:
                savePrompt = nil
            case .enter:
                let path = prompt.text.trimmingWhitespace()
                guard !path.isEmpty else {
                    status = StatusLine("Type a file name to save to, or press Esc.", ok: false)
                    return (.handled, [])
                }
                savePrompt = nil
                let token = tokens.next()
                pendingSave = token
                status = StatusLine("Saving to \(path)…", ok: true)
                top = min(top, maxTop)
                return (.handled, [.saveFile(path: path, contents: text, secret: isSecret, token: token)])
            default:
                _ = prompt.handle(key)
                savePrompt = prompt
            }
            return (.handled, [])
        }
        switch key {
        case .up, .character("k"): top = max(0, top - 1)
        case .down, .character("j"): top = min(maxTop, top + 1)
        case .pageUp: top = max(0, top - max(1, viewport - 1))
        case .pageDown, .character(" "): top = min(maxTop, top + max(1, viewport - 1))
        case .home, .character("g"): top = 0
        case .end, .character("G"): top = maxTop
        case .left, .character("h"):
            guard left > 0 else { return (.ignored, []) }
            left = max(0, left - Self.panStep)
        case .right, .character("l"):
            guard left < maxLeft else { return (.ignored, []) }
            left = min(maxLeft, left + Self.panStep)
        case .character("s"):
            savePrompt = TextField(suggestedFileName)
            status = nil
        default: return (.ignored, [])
        }
        return (.handled, [])
    }

    /// Scrolls so the first line containing `text` is at the top (as far as the end allows).
    public mutating func scroll(toLineContaining text: String) {
        guard let index = lines.firstIndex(where: { $0.contains(text) }) else { return }
        top = min(index, maxTop)
    }

    /// Applies the result of a save; ignored unless it answers the latest one.
    public mutating func applySave(path: String, token: Token, result: Result<Void, FileAccessError>) {
        guard token == pendingSave else { return }
        pendingSave = nil
        switch result {
        case .success: status = StatusLine("Saved to \(path)\(isSecret ? " (mode 0600)" : "")", ok: true)
        case .failure(let error): status = StatusLine("Could not save to \(path): \(error.message)", ok: false)
        }
        top = min(top, maxTop)
    }

    /// Whether the save prompt has the keyboard (the screen should not act on keys then).
    public var isPrompting: Bool { savePrompt != nil }

    /// Draws a framed box with the title, the visible lines, a position marker and the status or prompt
    /// line under it. Uses `rect.height - 3` rows for text, fewer while a long status message wraps.
    public func render(into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) {
        let g = theme.glyphs
        let statusLines = statusLines
        let statusRows = max(1, statusLines.count)
        let box = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - statusRows)
        buffer.drawBox(box, glyphs: g, title: title)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        for row in 0..<inner.height {
            let index = top + row
            guard index < lines.count else { break }
            renderLine(lines[index], into: &buffer, x: inner.x, y: inner.y + row, width: inner.width)
        }
        let position = "\(min(lines.count, top + 1))-\(min(lines.count, top + inner.height))/\(lines.count)"
        let more = top + inner.height < lines.count ? " " + g.ellipsisDown : (top > 0 ? " " + g.ellipsisUp : "")
        let marker = " \(position)\(more) "
        buffer.write(marker, x: box.maxX - 2 - DisplayWidth.of(marker), y: box.maxY - 1, style: .muted)
        let statusRow = box.maxY
        if let prompt = savePrompt {
            let label = "Save to: "
            buffer.write(label, x: rect.x, y: statusRow, style: .accent)
            let labelWidth = DisplayWidth.of(label)
            prompt.render(
                into: &buffer,
                rect: Rect(
                    x: rect.x + labelWidth, y: statusRow,
                    width: rect.width - labelWidth, height: 1), focused: true)
        } else if let status {
            let style: Style = status.ok ? .success : .failure
            let mark = status.ok ? g.ok : g.failure
            let textX = rect.x + DisplayWidth.of(mark) + 1
            buffer.write(mark, x: rect.x, y: statusRow, style: style)
            for (index, line) in statusLines.enumerated() {
                buffer.write(line, x: textX, y: statusRow + index, width: rect.maxX - textX, style: style)
            }
        }
    }

    /// `line` without its first `columns` display columns (a wide character cut in half goes too);
    /// nil when nothing is left.
    static func dropColumns(_ columns: Int, of line: String) -> String? {
        var used = 0
        var index = line.startIndex
        while index < line.endIndex, used < columns {
            used += DisplayWidth.of(line[index])
            index = line.index(after: index)
        }
        return index < line.endIndex ? String(line[index...]) : nil
    }

    private func renderLine(_ line: String, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int) {
        let clip = Rect(x: x, y: y, width: width, height: 1)
        // Panned: the columns left of the view are dropped and an ellipsis says so.
        let shown = left > 0 ? Self.dropColumns(left, of: line).map { String(TextLayout.ellipsis) + $0 } ?? "" : line
        let display = DisplayWidth.of(shown) > width ? TextLayout.truncate(shown, width: width) : shown
        switch kind {
        case .yaml:
            let trimmed = display.drop(while: { $0 == " " })
            if trimmed.hasPrefix("#") {
                buffer.write(display, x: x, y: y, style: .muted, clip: clip)
            } else if let colon = display.firstIndex(of: ":"),
                !display[..<colon].contains(" ") || trimmed.hasPrefix("- ")
            {
                let key = String(display[...colon])
                let used = buffer.write(key, x: x, y: y, style: .accent, clip: clip)
                buffer.write(String(display[display.index(after: colon)...]), x: x + used, y: y, clip: clip)
            } else {
                buffer.write(display, x: x, y: y, clip: clip)
            }
        case .commands:
            let isComment = display.drop(while: { $0 == " " }).hasPrefix("#")
            buffer.write(display, x: x, y: y, style: isComment ? .muted : .normal, clip: clip)
        case .json, .plain:
            buffer.write(display, x: x, y: y, clip: clip)
        }
    }
}

import Foundation
import RemoteClusterKit

/// A one-line outcome shown under a widget: a success or a failure, in words.
public struct StatusLine: Sendable, Hashable {
    public var text: String
    public var ok: Bool
    public init(_ text: String, ok: Bool) {
        self.text = text
        self.ok = ok
    }
}
