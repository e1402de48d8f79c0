import ArgumentParser
import CurlTransport
import Foundation
import RemoteClusterKit

extension RemoteClusterWizard {
    /// Exit status for bad command-line input (unknown option, missing value, bad number),
    /// the same as the subcommands use for input they reject themselves.
    static let badInputExitStatus: Int32 = 2

    /// Runs the command like ArgumentParser's own entry point, except that help ends with the
    /// command's EXAMPLES and EXIT STATUS, usage errors read `error: …` (with the friendlier
    /// message of `UsageErrors` for a missing required option) and exit with status 2 instead
    /// of 64, so that every kind of bad input has one exit status.
    static func main() async {
        do {
            // The wizard with no arguments, and `status` as scripts run it, skip ArgumentParser's
            // reflection (see StatusCommandLine).
            let words = CommandLine.arguments.dropFirst()
            if words.isEmpty {
                try await WizardCommand.withDefaults().run()
                return
            }
            if let status = StatusCommandLine.parse(words) {
                // Before any other thread starts (see LibcurlLoading.preload); the input is then
                // checked here, on the main thread, while libcurl loads.
                LibcurlLoading.preload()
                try await status.prepare().runThenExit()
            }
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success, message.hasPrefix("OVERVIEW:"), !CommandManual.isDumpingForManual {
                let subcommands = configuration.subcommands
                FileHandle.standardOutput.write(
                    Data(HelpFooter.appended(to: message, root: Self.self, subcommands: subcommands).utf8))
                Foundation.exit(0)
            }
            guard code == .validationFailure else { exit(withError: error) }
            CommandOutput().note(UsageErrors.rewrite(message))
            Foundation.exit(badInputExitStatus)
        }
    }
}

/// swift-argument-parser's usage errors in this tool's words: `error:` in lower case like every
/// other message, and a missing required option explained with the fix.
enum UsageErrors {
    /// What to say when a required option is missing, by option.
    static let missingOptions: [String: FieldProblem] = [
        "--url": FieldProblem(
            field: "--url", problem: "no cluster URL was given",
            fix: "Add the local cluster's REST URL, for example --url https://localhost:9200."),
        "--proxy-address": FieldProblem(
            field: "--proxy-address", problem: "no proxy address was given",
            fix: "Add --proxy-address HOST:PORT, for example --proxy-address lb.example.net:9443."),
        "--plan": FieldProblem(
            field: "--plan", problem: "no plan file was given",
            fix: "Add --plan FILE with a plan as described in docs/plan.md."),
    ]

    /// The problem for a required `option` that was not given (or given empty).
    static func missing(_ option: String) -> FieldProblem {
        missingOptions[option]
            ?? FieldProblem(field: option, problem: "no value was given", fix: "Add \(option) with a value.")
    }

    static func rewrite(_ message: String) -> String {
        var lines = message.components(separatedBy: "\n")
        guard let first = lines.first else { return message }
        if first.hasPrefix("Error: Missing expected argument '"),
            let option = first.dropFirst("Error: Missing expected argument '".count).split(separator: " ").first,
            let problem = missingOptions[String(option)]
        {
            lines[0] = "error: \(problem.description)"
            // The option's own help line repeats what the message now says.
            lines.removeAll { $0.hasPrefix("Help: ") }
        } else if first.hasPrefix("Error: ") {
            lines[0] = "error: " + first.dropFirst("Error: ".count)
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
