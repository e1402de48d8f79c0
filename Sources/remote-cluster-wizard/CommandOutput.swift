import Foundation

/// Where subcommands print: results to standard output, problems to standard error.
struct CommandOutput: Sendable {
    func print(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
