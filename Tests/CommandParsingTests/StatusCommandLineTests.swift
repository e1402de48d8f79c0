import ArgumentParser
import Foundation
import PropertyBased
import Testing
@testable import remote_cluster_wizard

/// `status` command lines read without ArgumentParser (`StatusCommandLine`) against
/// ArgumentParser's reading of the same words.
@Suite struct StatusCommandLineTests {
    /// Command lines as scripts and the README write them: read by the fast path.
    static let plain: [[String]] = [
        ["status", "--url", "https://localhost:9200"],
        ["status", "--json", "--url", "https://127.0.0.1:9200", "--user", "elastic", "--ca", "ca.crt"],
        ["status", "--url=https://a.example:9200", "-o", "wide", "--timeout", "5", "--watch"],
        ["status", "--url", "https://a:9200", "--api-key-file", "key.txt", "--output=yaml", "-v", "--log-file", "t.log"],
        ["status", "--insecure", "--url", "http://a:9200", "--password-file", "p", "--user", "u", "--verbose"],
        ["status", "--url", "", "--timeout", "0.5", "-o", "json"],
    ]

    @Test(arguments: plain) func plainCommandLinesGiveWhatArgumentParserGives(_ words: [String]) throws {
        let fast = try #require(StatusCommandLine.parse(words[...]))
        let parsed = try #require(try RemoteClusterWizard.parseAsRoot(words) as? StatusCommand)
        #expect(fast == parsed.settings)
    }

    /// Everything else goes to ArgumentParser: help, completion, errors, other commands.
    static let others: [[String]] = [
        ["status"], ["status", "--help"], ["status", "-h"], ["help", "status"], ["status", "--url"],
        ["status", "--url", "a", "--url", "b"], ["status", "--url", "-x"], ["status", "--url=--x"],
        ["status", "--url", "a", "--ca", "c", "--insecure"], ["status", "--url", "a", "-o", "xml"],
        ["status", "--url", "a", "--timeout", "soon"], ["status", "--url", "a", "--json", "-o", "yaml"],
        ["status", "--url", "a", "extra"], ["status", "--url", "a", "--"], ["status", "--url", "a", "--watch", "--watch"],
        ["status", "--url", "a", "--generate-completion-script", "bash"], ["probe", "--url", "a"],
        ["--url", "a", "status"], ["status", "--url", "a", "-vo", "json"], ["status", "--url", "a", "-o=json"], ["status", "--url="],
        ["status", "--url", "a", "--user", "u", "--api-key-file", "k"], ["status", "--URL", "a"], [],
    ]

    @Test(arguments: others) func otherCommandLinesAreLeftToArgumentParser(_ words: [String]) {
        #expect(StatusCommandLine.parse(words[...]) == nil)
    }

    /// Pieces of status command lines, good and bad, for random command lines.
    static let pieces: [[String]] = [
        ["--url", "https://a:9200"], ["--url=https://b:9200"], ["--url", ""], ["--url="], ["--user", "elastic"],
        ["--ca", "ca.crt"], ["--ca=ca.crt"], ["--timeout", "5"], ["--timeout", "1e3"], ["--timeout", "soon"],
        ["--timeout", "-1"], ["--timeout=2"], ["--json"], ["-o", "json"], ["-o", "xml"], ["--output=yaml"],
        ["--output", "wide"], ["-o", "text"], ["-v"], ["--verbose"], ["--insecure"], ["--watch"],
        ["--log-file", "t.log"], ["--password-file", "p"], ["--api-key-file", "k"], ["-"], ["--"], ["-h"],
        ["--help"], ["-ojson"], ["--jso"], ["="], ["extra"], ["--url"], ["-o"], ["status"],
    ]
    static let pieceLists = Gen<[String]?>.element(of: pieces).map { $0 ?? [] }.array(of: 0...7)

    @Test func randomCommandLinesReadAsArgumentParserReadsThem() async {
        let accepted = Tally()
        // Half of them given the required --url first or last, so that many are plain enough.
        await propertyCheck(count: 3_000, input: Gen.bool, Gen.bool, Self.pieceLists) { withURL, urlFirst, pieces in
            let url = withURL ? ["--url", "https://c:9200"] : []
            let words = ["status"] + (urlFirst ? url + pieces.joined() : pieces.joined() + url)
            guard let fast = StatusCommandLine.parse(words[...]) else { return }
            accepted.add()
            do {
                let parsed = try #require(try RemoteClusterWizard.parseAsRoot(words) as? StatusCommand)
                #expect(fast == parsed.settings, "\(words)")
            } catch {
                Issue.record("ArgumentParser refuses \(words), which the fast path read: \(error)")
            }
        }
        // Enough of them are read by the fast path for the comparison to mean something.
        #expect(accepted.count >= 100)
    }

    /// `remote-cluster-wizard` alone: the wizard with every option at its default.
    @Test func theWizardAloneIsWhatArgumentParserMakesOfNoArguments() throws {
        let parsed = try #require(try RemoteClusterWizard.parseAsRoot([]) as? WizardCommand)
        let made = WizardCommand.withDefaults()
        #expect(made.interface.plain == parsed.interface.plain && made.interface.ascii == parsed.interface.ascii)
        #expect(made.trace.verbose == parsed.trace.verbose && made.trace.logFile == parsed.trace.logFile)
        #expect(Mirror(reflecting: WizardCommand()).children.map(\.label) == ["_interface", "_trace"])
        #expect(Mirror(reflecting: InterfaceOptions()).children.map(\.label) == ["_plain", "_ascii"])
    }

    /// A property added to `status` must be added to `StatusSettings` and `StatusCommandLine`.
    @Test func theReaderKnowsEveryPropertyOfTheCommand() {
        #expect(
            Mirror(reflecting: StatusCommand()).children.map(\.label) == [
                "_url", "_user", "_passwordFile", "_apiKeyFile", "_caFile", "_insecure", "_watch", "_timeout",
                "_output", "_trace",
            ])
        #expect(Mirror(reflecting: OutputOptions<TableFormats>()).children.map(\.label) == ["_output", "_json"])
        #expect(Mirror(reflecting: TraceOptions()).children.map(\.label) == ["_verbose", "_logFile"])
        #expect(
            Mirror(reflecting: StatusSettings(url: "")).children.map(\.label) == [
                "url", "user", "passwordFile", "apiKeyFile", "caFile", "insecure", "watch", "timeout", "format",
                "verbose", "logFile",
            ])
    }
}

/// How many times something happened, across the property check's runs.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}
