import ArgumentParser
import Foundation

extension RemoteClusterWizard {
    /// Exit status for bad command-line input (unknown option, missing value, bad number),
    /// the same as the subcommands use for input they reject themselves.
    static let badInputExitStatus: Int32 = 2

    /// Runs the command like ArgumentParser's own entry point, except that usage errors exit
    /// with status 2 instead of 64, so that every kind of bad input has one exit status.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            CommandOutput().error(fullMessage(for: error))
            Foundation.exit(badInputExitStatus)
        }
    }
}
