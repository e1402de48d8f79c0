/// Makes text safe to show on a terminal: every control character is written out as an escape
/// (`\x1b`, `\x07`, `\u{202e}`) instead of being sent raw.
///
/// Text from a server, a file or a plan (error reasons, alias names, addresses, certificate
/// subjects) can hold escape sequences that retitle, clear or recolour the operator's terminal,
/// or a carriage return or bidirectional override that makes a line read differently from what
/// it says. Every CLI output path and the wizard's `ScreenBuffer` pass text through
/// ``visible(_:keepingLineBreaks:)``; the result has no character a terminal acts on.
public enum TerminalText {
    /// `text` with control characters made visible. Line feeds stay when `keepingLineBreaks`
    /// (for multi-line output the tool itself composes); tabs always stay.
    public static func visible(_ text: String, keepingLineBreaks: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks: keepingLineBreaks) }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLineBreaks: keepingLineBreaks) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a terminal could act on `scalar` rather than print it: C0 controls (but tab and,
    /// when kept, line feed), DEL, C1 controls (U+0080–U+009F, which some terminals read as
    /// ESC sequences) and the bidirectional formatting characters.
    public static func needsEscape(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool = true) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x0A: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `\x1b` for characters up to U+00FF, `\u{202e}` above.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value <= 0xFF { return "\\x" + (hex.count < 2 ? "0" + hex : hex) }
        return "\\u{\(hex)}"
    }
}

/// A value quoted for a message: control characters made visible and long values cut, so that
/// a message never carries megabytes of input or raw escape sequences.
public enum TextExcerpt {
    /// The most characters of a value a message repeats.
    public static let maximumCharacters = 80

    /// The value made visible and cut to `limit` characters (with `…`), without quotes: for
    /// suggestions built from the input.
    public static func shown(_ value: some StringProtocol, limit: Int = maximumCharacters) -> String {
        let head = value.prefix(limit + 1)
        let visible = TerminalText.visible(String(head.prefix(limit)), keepingLineBreaks: false)
        return head.count > limit ? visible + "…" : visible
    }

    /// `"value"`, or `"the first 80 characters…" (1048576 characters)` for a longer value.
    public static func quoted(_ value: some StringProtocol, limit: Int = maximumCharacters) -> String {
        let head = value.prefix(limit + 1)
        guard head.count > limit else {
            return "\"" + TerminalText.visible(String(head), keepingLineBreaks: false) + "\""
        }
        let shown = TerminalText.visible(String(head.prefix(limit)), keepingLineBreaks: false)
        return "\"\(shown)…\" (\(value.count) characters)"
    }
}
