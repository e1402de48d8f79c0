/// How a cell looks, in terms of meaning rather than colour numbers. The terminal backend maps
/// roles to colours, or to bold/reverse when colour is off.
public struct Style: Sendable, Hashable, CustomStringConvertible {
    /// What the text means; decides its colour.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case normal, accent, success, warning, failure, muted, border, title
    }

    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = Style()
    public static let accent = Style(.accent)
    public static let success = Style(.success)
    public static let warning = Style(.warning)
    public static let failure = Style(.failure)
    public static let muted = Style(.muted)
    public static let border = Style(.border)
    public static let title = Style(.title, bold: true)
    /// The focused item of a list or the focused field.
    public static let focus = Style(.accent, bold: true)
    /// A selected row or the text cursor.
    public static let selected = Style(.accent, reverse: true)

    public func with(bold: Bool? = nil, reverse: Bool? = nil, underline: Bool? = nil) -> Style {
        Style(role, bold: bold ?? self.bold, reverse: reverse ?? self.reverse, underline: underline ?? self.underline)
    }

    /// `accent+bold`, `normal`: the form used in snapshots.
    public var description: String {
        var parts = [role.rawValue]
        if bold { parts.append("bold") }
        if reverse { parts.append("reverse") }
        if underline { parts.append("underline") }
        return parts.joined(separator: "+")
    }
}

/// The characters the screens draw with: Unicode marks and box lines, or ASCII stand-ins when the
/// locale cannot show them.
public struct Glyphs: Sendable, Hashable {
    public var ok: String
    public var warning: String
    public var failure: String
    public var pointer: String
    public var bullet: String
    public var ellipsisDown: String
    public var ellipsisUp: String
    public var arrow: String
    public var separator: String
    public var radioOn: String
    public var radioOff: String
    public var checkOn: String
    public var checkOff: String
    public var mask: Character
    public var connected: String
    public var disconnected: String
    public var spinner: [String]
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var teeLeft: Character
    public var teeRight: Character

    /// Unicode marks and box-drawing lines.
    public static let unicode = Glyphs(
        ok: "✓", warning: "⚠", failure: "✗", pointer: "›", bullet: "•", ellipsisDown: "▼", ellipsisUp: "▲",
        arrow: "→", separator: " · ", radioOn: "(•)", radioOff: "( )", checkOn: "[x]", checkOff: "[ ]",
        mask: "•", connected: "●", disconnected: "○", spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤")

    /// ASCII only, for terminals and locales without UTF-8.
    public static let ascii = Glyphs(
        ok: "[ok]", warning: "[!]", failure: "[x]", pointer: ">", bullet: "*", ellipsisDown: "v", ellipsisUp: "^",
        arrow: "->", separator: " - ", radioOn: "(*)", radioOff: "( )", checkOn: "[*]", checkOff: "[ ]",
        mask: "*", connected: "*", disconnected: "o", spinner: ["|", "/", "-", "\\"],
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+")
}

/// Everything rendering needs to know about the terminal besides its size.
public struct Theme: Sendable, Hashable {
    public var glyphs: Glyphs
    /// Whether the terminal shows colours (false with `NO_COLOR` or a monochrome terminal).
    /// Rendering uses the same styles either way; the backend maps them.
    public var colors: Bool

    public init(glyphs: Glyphs = .unicode, colors: Bool = true) {
        self.glyphs = glyphs
        self.colors = colors
    }

    public static let unicode = Theme()
    public static let ascii = Theme(glyphs: .ascii)
}
