import ArgumentParser
import Foundation

/// A command's help beyond its options: what it does, EXAMPLES and EXIT STATUS (and, for the
/// root, more sections such as ENVIRONMENT and FILES).
///
/// `--help` prints swift-argument-parser's help (overview, usage, options) followed by these
/// sections, so that the help ends with examples and exit codes as operators expect. The man
/// pages are made from `--experimental-dump-help`, which carries only the discussion; for that
/// run the sections are part of the discussion instead.
struct CommandManual {
    /// One example: what it does, then the command line.
    struct Example {
        var purpose: String
        var command: String

        init(_ purpose: String, _ command: String) {
            self.purpose = purpose
            self.command = command
        }
    }

    /// A titled section: its lines are printed indented under `TITLE:`.
    struct Section {
        var title: String
        var lines: [String]
    }

    var description: String
    var examples: [Example]
    /// Exit codes and what each means, in order.
    var exitStatus: [(code: Int32, meaning: String)]
    /// More sections, printed before EXAMPLES (ENVIRONMENT, FILES, ...).
    var sections: [Section] = []

    /// Whether this run only dumps the help for the man page generator.
    static let isDumpingForManual = CommandLine.arguments.contains("--experimental-dump-help")

    /// The discussion for `CommandConfiguration`: the description, and for the manual also the sections.
    var discussion: String {
        guard Self.isDumpingForManual else { return description }
        return description + "\n\n" + footer
    }

    /// Every section after the description, as `--help` prints them at its end.
    var footer: String {
        var blocks = sections.map { Self.block($0.title, $0.lines) }
        var exampleLines: [String] = []
        for example in examples {
            if !exampleLines.isEmpty { exampleLines.append("") }
            exampleLines += ["# \(example.purpose)"] + example.command.split(separator: "\n").map(String.init)
        }
        blocks.append(Self.block("EXAMPLES", exampleLines))
        let width = exitStatus.map { String($0.code).count }.max() ?? 1
        blocks.append(
            Self.block(
                "EXIT STATUS",
                exitStatus.map { String($0.code).padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.meaning }
            ))
        return blocks.joined(separator: "\n\n")
    }

    private static func block(_ title: String, _ lines: [String]) -> String {
        (["\(title):"] + lines.map { $0.isEmpty ? "" : "  " + $0 }).joined(separator: "\n")
    }

    /// The bad-input line every command shares.
    static let badInput: (code: Int32, meaning: String) = (
        RemoteClusterWizard.badInputExitStatus, "bad input (options, files, plan); nothing was contacted"
    )
}

/// A command with a manual.
protocol ManualCommand: ParsableCommand {
    static var manual: CommandManual { get }
}

/// Appends a command's manual sections to the help swift-argument-parser printed for it.
enum HelpFooter {
    /// `help` with the footer of the command whose usage line it shows; other text unchanged.
    static func appended(to help: String, root: any ManualCommand.Type, subcommands: [any ParsableCommand.Type]) -> String {
        guard let usage = help.split(separator: "\n").first(where: { $0.hasPrefix("USAGE: ") }) else { return help }
        let words = usage.split(separator: " ").map(String.init)
        let name = words.count > 2 ? words[2] : ""
        let command = subcommands.first { $0.configuration.commandName == name } as? any ManualCommand.Type ?? root
        var text = help
        while text.hasSuffix("\n") { text.removeLast() }
        return text + "\n\n" + command.manual.footer + "\n"
    }
}
