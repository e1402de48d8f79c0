/// The marks in front of check lines: ✓ ⚠ ✗ on a UTF-8 terminal, `[ok] [!] [x]` elsewhere.
public struct StatusSymbols: Sendable, Hashable {
    public var ok: String
    public var warning: String
    public var failure: String
    /// For a step that was not reached.
    public var skipped: String
    /// Marks where a table cell was shortened.
    public var ellipsis: String

    public init(ok: String, warning: String, failure: String, skipped: String, ellipsis: String = "…") {
        self.ok = ok
        self.warning = warning
        self.failure = failure
        self.skipped = skipped
        self.ellipsis = ellipsis
    }

    public static let unicode = StatusSymbols(ok: "✓", warning: "⚠", failure: "✗", skipped: "·")
    public static let ascii = StatusSymbols(ok: "[ok]", warning: "[!]", failure: "[x]", skipped: "[-]", ellipsis: "~")

    /// Unicode when the locale's character set (from `LC_ALL`, `LC_CTYPE` or `LANG`, the first
    /// one set) is UTF-8, ASCII otherwise.
    public static func forEnvironment(_ environment: [String: String]) -> StatusSymbols {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let upper = locale.uppercased()
        return upper.contains("UTF-8") || upper.contains("UTF8") ? .unicode : .ascii
    }
}
