import CommandLineSupport
import Foundation
import Testing

/// Every subcommand's `--help` as an operator reads it, at 100 columns: required options without
/// brackets, value names that say what they take, and the help ending with EXAMPLES and EXIT STATUS.
@Suite struct HelpTests {
    static let commands = ["", "wizard", "apply", "undo", "status", "probe", "manifests", "demo", "simulate"]

    static func help(_ command: String) async throws -> WizardProcess.Finished {
        try await WizardProcess.run(
            (command.isEmpty ? [] : [command]) + ["--help"], environment: ["COLUMNS": "100", "LANG": "C.UTF-8"])
    }

    @Test(arguments: commands)
    func helpMatchesItsSnapshot(command: String) async throws {
        let run = try await Self.help(command)
        #expect(run.status == 0, "\(run.standardError)")
        assertTextSnapshot(run.standardOutput, named: "help-\(command.isEmpty ? "root" : command)")
    }

    @Test(arguments: commands)
    func helpEndsWithExamplesAndExitStatus(command: String) async throws {
        let text = try await Self.help(command).standardOutput
        let examples = try #require(text.range(of: "\nEXAMPLES:\n"), "no EXAMPLES in \(command) help")
        let exit = try #require(text.range(of: "\nEXIT STATUS:\n"), "no EXIT STATUS in \(command) help")
        #expect(examples.lowerBound > (text.range(of: "OPTIONS:")?.lowerBound ?? text.startIndex))
        #expect(exit.lowerBound > examples.lowerBound)
        let exampleLines = text[examples.upperBound..<exit.lowerBound].split(separator: "\n")
            .filter { $0.hasPrefix("  remote-cluster-wizard") }
        #expect((2...4).contains(exampleLines.count), "\(exampleLines)")
        let codes = text[exit.upperBound...].split(separator: "\n").compactMap {
            Int($0.split(separator: " ").first ?? "")
        }
        #expect(codes.contains(0) && codes.contains(2), "\(codes)")
    }

    /// A subcommand added later (and not listed in `commands`) must come with its manual too.
    @Test func everySubcommandOfTheRootHelpIsCoveredHere() async throws {
        let text = try await Self.help("").standardOutput
        let section = try #require(text.range(of: "SUBCOMMANDS:\n"))
        let names = text[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(!names.isEmpty)
        #expect(Set(names).subtracting(["help"]) == Set(Self.commands.filter { !$0.isEmpty }), "\(names)")
    }

    @Test func helpSubcommandPrintsTheSameAsTheFlag() async throws {
        let viaFlag = try await Self.help("status").standardOutput
        let viaHelp = try await WizardProcess.run(
            ["help", "status"], environment: ["COLUMNS": "100", "LANG": "C.UTF-8"])
        #expect(viaHelp.standardOutput == viaFlag)
    }

    @Test func requiredOptionsShowWithoutBrackets() async throws {
        #expect(
            try await Self.help("status").standardOutput.contains("USAGE: remote-cluster-wizard status --url <url> "))
        #expect(
            try await Self.help("probe").standardOutput.contains(
                "USAGE: remote-cluster-wizard probe --proxy-address <host:port> "))
        for command in ["apply", "undo", "manifests"] {
            #expect(
                try await Self.help(command).standardOutput.contains("remote-cluster-wizard \(command) --plan <file> "))
        }
    }

    @Test func rootHelpSaysWhereToStartAndListsTheEnvironmentAndFiles() async throws {
        let text = try await Self.help("").standardOutput
        #expect(text.contains("Where to start:"))
        for name in ["ES_PASSWORD", "ES_API_KEY", "ELASTIC_PASSWORD", "KUBECONFIG", "NO_COLOR", "TERM", "LANG"] {
            #expect(text.contains("\n  \(name) ") || text.contains("\n  \(name), "), "\(name) missing from ENVIRONMENT")
        }
        #expect(text.contains("\nFILES:\n"))
        #expect(text.contains("wizard-progress.json"))
    }

    @Test func theManualDumpCarriesTheSectionsInTheDiscussion() async throws {
        let run = try await WizardProcess.run(["--experimental-dump-help"])
        #expect(run.status == 0)
        // As mdoc subsections, since the generator copies the discussion into the page.
        #expect(run.standardOutput.contains(".Ss EXAMPLES\\n.Bd -literal -offset indent"))
        #expect(run.standardOutput.contains(".Ss EXIT STATUS"))
        #expect(
            run.standardOutput.contains("\"commandName\" : \"simulate\"")
                || run.standardOutput.contains("\"commandName\":\"simulate\""))
    }
}
