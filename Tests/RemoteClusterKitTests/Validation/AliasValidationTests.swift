import Testing
@testable import RemoteClusterKit

@Suite struct AliasValidationTests {
    @Test(arguments: ["central", "logs-eu_1", "a", "0", "my_remote-2"])
    func acceptsLowerCaseAliases(alias: String) {
        #expect(Validators.alias(alias).isEmpty)
    }

    static let bad: [BadInput] = [
        BadInput("", problem: "is empty", fix: "cluster.remote.<alias>.credentials"),
        BadInput("   ", problem: "is empty", fix: "central-logs"),
        BadInput("Central", problem: "upper-case", fix: "\"central\""),
        BadInput("LOGS_EU", problem: "upper-case", fix: "must match that setting exactly"),
        BadInput("my remote", problem: "contains spaces", fix: "my-remote"),
        BadInput("logs.eu", problem: "contains a dot", fix: "'-'"),
        BadInput("logs/eu", problem: "'/'", fix: "lower-case letters, digits, '-' and '_'"),
        BadInput("café", problem: "'é'", fix: "lower-case letters"),
        BadInput("remote:1", problem: "':'", fix: "'-' and '_'"),
    ]

    @Test(arguments: bad)
    func refusesBadAliases(row: BadInput) {
        row.verify(Validators.alias(row.input), field: "Remote cluster alias")
    }

    @Test func reportsUpperCaseAndOtherCharactersSeparately() {
        let problems = Validators.alias("My.Remote!", field: "remotes[0].alias")
        #expect(problems.count == 3)
        #expect(problems.allSatisfy { $0.field == "remotes[0].alias" && $0.severity == .error })
    }
}
