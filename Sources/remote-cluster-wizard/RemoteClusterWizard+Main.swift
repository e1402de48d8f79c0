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

    /// `message` in this tool's words. `arguments` (the command line without the program) tells
    /// a value that was given but not taken, like the `-1` of `--timeout -1`, which
    /// ArgumentParser reads as an option and reports as a missing value.
    static func rewrite(_ message: String, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        var lines = message.components(separatedBy: "\n")
        guard let first = lines.first else { return message }
        if let problem = negativeValue(first, arguments: arguments) {
            lines[0] = "error: \(problem.description)"
            lines.removeAll { $0.hasPrefix("Help: ") }
        } else if first.hasPrefix("Error: Missing expected argument '"),
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

    /// The problem for `Error: Missing value for '--option <value>'` when the word after the
    /// option is a negative number: no option of this tool takes one.
    static func negativeValue(_ first: String, arguments: [String]) -> FieldProblem? {
        let prefix = "Error: Missing value for '"
        guard first.hasPrefix(prefix),
            let option = first.dropFirst(prefix.count).split(separator: " ").first.map(String.init),
            let index = arguments.firstIndex(of: option), index + 1 < arguments.count
        else { return nil }
        let word = arguments[index + 1]
        guard word.count > 1, word.hasPrefix("-"), Double(word) != nil else { return nil }
        return FieldProblem(
            field: option, problem: "\(TextExcerpt.quoted(word)) is negative", fix: "Give a number above 0 after \(option).")
    }
}
