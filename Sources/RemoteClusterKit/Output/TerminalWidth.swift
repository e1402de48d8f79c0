/// The width tables are fitted to: the terminal's when standard output is one, else `COLUMNS`,
/// else no limit (output for a file or a program is never cut).
public enum TerminalWidth {
    /// - Parameters:
    ///   - reported: the width the terminal reports (`TIOCGWINSZ`), nil when standard output is
    ///     not a terminal or it reports nothing.
    ///   - environment: the process environment, for `COLUMNS`.
    public static func columns(reported: Int?, environment: [String: String]) -> Int? {
        if let reported, reported > 0 { return reported }
        guard let text = environment["COLUMNS"], let value = Int(text.trimmingWhitespace()), value > 0
        else { return nil }
        return value
    }
}
