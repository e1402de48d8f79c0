import Foundation
import RemoteClusterKit

/// Where subcommands print: results to standard output, everything else to standard error, with
/// one prefix style for problems: `error: …` and `warning: …`.
///
/// Every line goes through ``TerminalText/visible(_:keepingLineBreaks:)``, so text that came
/// from a server, a file or a plan can never send escape sequences to the operator's terminal.
struct CommandOutput: Sendable {
    func print(_ line: String) {
        FileHandle.standardOutput.write((TerminalText.visible(line) + "\n").utf8Data)
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
        FileHandle.standardError.write((TerminalText.visible(line) + "\n").utf8Data)
    }

    /// Sends a control sequence the tool itself chose (clearing the screen) as it is.
    func control(_ sequence: String) {
        FileHandle.standardOutput.write(sequence.utf8Data)
    }
}
