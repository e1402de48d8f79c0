import CommandLineSupport
import Foundation
import Testing

/// Bad command lines: one `error:` style, the friendly message for a missing required option,
/// options that cannot go together refused as kubectl does, exit status 2 and nothing contacted.
@Suite struct UsageErrorTests {
    static func run(_ arguments: [String]) async throws -> WizardProcess.Finished {
        try await WizardProcess.run(arguments, environment: ["COLUMNS": "100"])
    }

    @Test(arguments: [
        (
            ["status"],
            "error: --url: no cluster URL was given. Add the local cluster's REST URL, for example --url https://localhost:9200."
        ),
        (
            ["probe"],
            "error: --proxy-address: no proxy address was given. Add --proxy-address HOST:PORT, for example --proxy-address lb.example.net:9443."
        ),
        (["apply"], "error: --plan: no plan file was given. Add --plan FILE with a plan as described in docs/plan.md."),
        (
            ["undo", "--dry-run"],
            "error: --plan: no plan file was given. Add --plan FILE with a plan as described in docs/plan.md."
        ),
        // A negative number reads as an option to ArgumentParser, which would call the value missing.
        (
            ["status", "--url", "https://127.0.0.1:1", "--timeout", "-1"],
            "error: --timeout: \"-1\" is negative. Give a number above 0 after --timeout."
        ),
        (
            ["apply", "--plan", "plan.yaml", "--concurrency", "-2"],
            "error: --concurrency: \"-2\" is negative. Give a number above 0 after --concurrency."
        ),
    ])
    func aMissingRequiredOptionSaysWhatToAdd(arguments: [String], message: String) async throws {
        let run = try await Self.run(arguments)
        #expect(run.status == 2)
        let lines = run.standardError.split(separator: "\n").map(String.init)
        #expect(lines.first == message, "\(run.standardError)")
        #expect(lines.contains { $0.hasPrefix("Usage: remote-cluster-wizard \(arguments[0]) ") })
        #expect(run.standardOutput.isEmpty)
    }

    @Test(arguments: [
        (
            ["status", "--url", "https://127.0.0.1:1", "--ca", "ca.crt", "--insecure"],
            "error: --ca and --insecure cannot be used together."
        ),
        (
            ["status", "--url", "https://127.0.0.1:1", "--user", "elastic", "--api-key-file", "k"],
            "error: --user and --api-key-file cannot be used together."
        ),
        (
            ["status", "--url", "https://127.0.0.1:1", "--password-file", "p", "--api-key-file", "k"],
            "error: --password-file and --api-key-file cannot be used together."
        ),
        (
            ["status", "--url", "https://127.0.0.1:1", "--json", "-o", "yaml"],
            "error: --json and -o yaml cannot be used together:"
        ),
        (["apply", "--plan", "plan.yaml", "-o", "wide"], "error: -o wide is not offered here; use text, json, yaml."),
        (["manifests", "--plan", "plan.yaml", "--wait", "30"], "error: --wait only applies with --apply."),
        (["probe", "--proxy-address", "lb:9443", "-o", "csv"], "error: The value 'csv' is invalid for '-o <format>'"),
    ])
    func conflictingOrUnknownValuesAreRefusedBeforeAnythingRuns(arguments: [String], start: String) async throws {
        let run = try await Self.run(arguments)
        #expect(run.status == 2)
        #expect(run.standardError.hasPrefix(start), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test func noMessageSpeaksWithACapitalErrorPrefix() async throws {
        let runs = [
            try await Self.run(["status", "--url", "ftp://x"]),
            try await Self.run(["probe", "--proxy-address", "nohost"]),
            try await Self.run(["status", "--frobnicate"]),
        ]
        for run in runs {
            #expect(run.status == 2)
            #expect(run.standardError.hasPrefix("error: "), "\(run.standardError)")
            #expect(!run.standardError.contains("Error: "), "\(run.standardError)")
        }
    }
}
