import Foundation

/// Where subcommands print: results to standard output, everything else to standard error, with
/// one prefix style for problems: `error: …` and `warning: …` (continuation lines indented).
struct CommandOutput: Sendable {
    func print(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// `error: message`; the lines after the first are printed as they are.
    func error(_ message: String) {
        note("error: " + message)
    }

    /// `warning: message`.
    func warning(_ message: String) {
        note("warning: " + message)
    }

    /// A line on standard error without a prefix: progress, context, the rest of a message.
    func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
