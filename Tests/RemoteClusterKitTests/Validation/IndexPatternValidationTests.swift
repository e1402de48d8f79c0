import Testing
@testable import RemoteClusterKit

@Suite struct IndexPatternValidationTests {
    @Test func acceptsPatterns() {
        #expect(
            Validators.indexPatterns([
                "logs-*", ".ds-logs-*", "metrics-system.cpu-default", "kibana_sample_data_ecommerce", "*-prod",
            ]).isEmpty)
    }

    @Test func warnsForStarAloneAndDuplicates() {
        let problems = Validators.indexPatterns(["*", "logs-*", "logs-*"])
        #expect(problems.map(\.severity) == [.warning, .warning])
        #expect(problems[0].problem.contains("every index"))
        #expect(problems[1].problem.contains("listed twice"))
    }

    static let bad: [BadInput] = [
        BadInput("", problem: "no index pattern", fix: "logs-*"),
        BadInput("logs-*,metrics-*", problem: "separated by commas", fix: "logs-* | metrics-*"),
        BadInput("my logs", problem: "contains a space", fix: "'-' or '_'"),
        BadInput("Logs-*", problem: "upper-case", fix: "logs-*"),
        BadInput("-logs-secret", problem: "starts with '-'", fix: "exclusions are not supported"),
        BadInput("_internal", problem: "starts with '_'", fix: "leading '_'"),
        BadInput("+logs", problem: "starts with '+'", fix: "leading '+'"),
        BadInput("logs/2024", problem: "'/'", fix: "cannot contain"),
        BadInput("logs?", problem: "'?'", fix: "cannot contain"),
        BadInput("logs#1", problem: "'#'", fix: "cannot contain"),
        BadInput("a<b>|c", problem: "'<', '>', '|'", fix: "Remove them"),
        BadInput("remote:logs-*", problem: "contains ':'", fix: "alias"),
        BadInput("..", problem: "not an index name", fix: "logs-*"),
        BadInput("logs\\x", problem: "'\\'", fix: "cannot contain"),
        BadInput("\"logs\"", problem: "'\"'", fix: "cannot contain"),
        BadInput(String(repeating: "x", count: 256), problem: "longer than 255 bytes", fix: "wildcard"),
    ]

    @Test(arguments: bad)
    func refusesBadPatterns(row: BadInput) {
        row.verify(Validators.indexPatterns([row.input]), field: "Index patterns")
    }
}
