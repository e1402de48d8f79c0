import Foundation
import RemoteClusterKit

/// The width tables are fitted to here: the terminal's when standard output is one, else `COLUMNS`.
enum TerminalColumns {
    static func current() -> Int? {
        TerminalWidth.columns(reported: reported(), environment: ProcessInfo.processInfo.environment)
    }

    /// What the terminal on standard output reports; nil when it is not a terminal.
    private static func reported() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
