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

    /// The discussion for `CommandConfiguration`: the description, and for the manual also the
    /// sections, as mdoc (the man page generator copies the discussion into the page as it is).
    var discussion: String {
        guard Self.isDumpingForManual else { return description }
        return manualText
    }

    /// The description's paragraphs separated by `.Pp`, then each section as a subsection with
    /// its lines in a literal block, so that commands keep their spacing in the man page.
    var manualText: String {
        var blocks = [description.components(separatedBy: "\n\n").joined(separator: "\n.Pp\n")]
        for (title, lines) in sections.map({ ($0.title, $0.lines) }) + [
            ("EXAMPLES", exampleLines), ("EXIT STATUS", exitLines),
        ] {
            blocks.append(".Ss \(title)\n.Bd -literal -offset indent\n" + lines.joined(separator: "\n") + "\n.Ed")
        }
        return blocks.joined(separator: "\n")
    }

    /// Every section after the description, as `--help` prints them at its end.
    var footer: String {
        let blocks =
            sections.map { Self.block($0.title, $0.lines) } + [
                Self.block("EXAMPLES", exampleLines), Self.block("EXIT STATUS", exitLines),
            ]
        return blocks.joined(separator: "\n\n")
    }

    /// `# purpose` then the command, a blank line between examples.
    private var exampleLines: [String] {
        var lines: [String] = []
        for example in examples {
            if !lines.isEmpty { lines.append("") }
            lines += ["# \(example.purpose)"] + example.command.split(separator: "\n").map(String.init)
        }
        return lines
    }

    /// `code  meaning`, codes aligned.
    private var exitLines: [String] {
        let width = exitStatus.map { String($0.code).count }.max() ?? 1
        return exitStatus.map {
            String($0.code).padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.meaning
        }
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
    static func appended(to help: String, root: any ManualCommand.Type, subcommands: [any ParsableCommand.Type])
        -> String
    {
        guard let usage = help.split(separator: "\n").first(where: { $0.hasPrefix("USAGE: ") }) else { return help }
        let words = usage.split(separator: " ").map(String.init)
        let name = words.count > 2 ? words[2] : ""
        let command: any ManualCommand.Type
        if let subcommand = subcommands.first(where: { $0.configuration.commandName == name }) {
            // A subcommand without a manual keeps its help as it is (HelpTests then fail for it).
            guard let withManual = subcommand as? any ManualCommand.Type else { return help }
            command = withManual
        } else {
            command = root
        }
        var text = help
        while text.hasSuffix("\n") { text.removeLast() }
        return text + "\n\n" + command.manual.footer + "\n"
    }
}
