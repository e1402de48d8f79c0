import Foundation
import RemoteClusterKit

/// Where subcommands print: results to standard output, problems to standard error.
///
/// Every line goes through ``TerminalText/visible(_:keepingLineBreaks:)``, so text that came
/// from a server, a file or a plan can never send escape sequences to the operator's terminal.
struct CommandOutput: Sendable {
    func print(_ line: String) {
        FileHandle.standardOutput.write(Data((TerminalText.visible(line) + "\n").utf8))
    }

    func error(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.visible(line) + "\n").utf8))
    }

    /// Sends a control sequence the tool itself chose (clearing the screen) as it is.
    func control(_ sequence: String) {
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }
}
