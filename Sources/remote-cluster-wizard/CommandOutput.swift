import Foundation
import RemoteClusterKit

/// Where subcommands print: results to standard output, everything else to standard error, with
/// one prefix style for problems: `error: …` and `warning: …`.
///
/// Every line goes through ``TerminalText/visible(_:keepingLineBreaks:)``, so text that came
/// from a server, a file or a plan can never send escape sequences to the operator's terminal.
struct CommandOutput: Sendable {
    func print(_ line: String) {
        Self.write(TerminalText.visible(line) + "\n", to: .standardOutput)
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
        Self.write(TerminalText.visible(line) + "\n", to: .standardError)
    }

    /// Sends a control sequence the tool itself chose (clearing the screen) as it is.
    func control(_ sequence: String) {
        Self.write(sequence, to: .standardOutput)
    }

    /// Writes the UTF-8 bytes as they are in memory: `Data(text.utf8)` asks the runtime whether
    /// the view is `ContiguousBytes`, a scan of every conformance record on the first line.
    private static func write(_ text: String, to handle: FileHandle) {
        var text = text
        text.withUTF8 { handle.write(Data(buffer: $0)) }
    }
}
