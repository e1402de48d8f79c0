import Foundation
import Testing

@testable import RemoteClusterKit

/// Every problem about a plan says on which line of the file to look: problems of the parser,
/// of the validators, missing keys (the line of the mapping that lacks them), warnings, and
/// problems found later (contexts, secrets, applying with kubectl).
@Suite struct PlanLineNumberTests {
    static func problems(_ yaml: String) -> [FieldProblem] {
        do {
            _ = try Plan.parse(yaml: yaml, folder: PlanParserTests.folder)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func validatorProblemsAndMissingKeysHaveTheirLine() {
        let problems = Self.problems(
            """
            remotes:
              - alias: eu-logs
                type: self-managed
                proxyAddress: lb.example.net
                apiKey: {encodedEnv: EU_KEY}
            local:
              url: https://central.example.net:9200
              user: elastic
              eck: {name: central, namespace: search}
            """)
        let byField = Dictionary(problems.map { ($0.field, $0.problem) }, uniquingKeysWith: { first, _ in first })
        #expect(byField["remotes[0].proxyAddress"]?.hasSuffix("(line 4)") == true, "\(problems)")
        // A missing key: the line where the mapping that lacks it starts.
        #expect(byField["local.passwordEnv"]?.hasSuffix("(line 7)") == true, "\(problems.map(\.description))")
        #expect(problems.allSatisfy { $0.problem.contains("(line ") }, "\(problems)")
    }

    @Test func everyProblemOfABadPlanHasALine() {
        let problems = Self.problems(
            """
            remotes:
              - alias: "bad alias"
                type: eck
                proxyAddress: "lb.example.net:99999"
                ca: certs/missing.crt
                eck: {name: logs, namespace: logs}
                apiKey: {encodedFile: secrets/none.key, encodedEnv: X}
                colour: blue
            local:
              url: ftp://central
              user: elastic
              passwordEnv: LOCAL_PASSWORD
              eck: {name: central, namespace: search}
              applyManifests: sometimes
            """)
        #expect(problems.count >= 6, "\(problems)")
        for problem in problems { #expect(problem.problem.contains("(line "), "\(problem)") }
    }

    @Test func problemsFoundAfterParsingHaveTheLineOfTheirPath() throws {
        let yaml = PlanParserTests.example.replacingOccurrences(of: ", context: local-ctx", with: "")
        let plan = try Plan.parse(yaml: yaml, folder: PlanParserTests.folder).plan
        #expect(throws: PlanError.self) { try plan.setupContext(secrets: PlanSecretResolver(environment: [:])) }
        do {
            _ = try plan.setupContext(secrets: PlanSecretResolver(environment: [:]))
        } catch {
            let context = try #require(error.problems.first { $0.field == "local.eck.context" })
            #expect(context.problem.hasSuffix("(line \(Self.line(of: "  eck: {name: central", in: yaml)))"))
            let password = try #require(error.problems.first { $0.field.hasPrefix("local.passwordEnv") })
            #expect(password.problem.contains("(line \(Self.line(of: "  passwordEnv: LOCAL_PASSWORD", in: yaml)))"))
        }
        let apply = try #require(plan.kubectlApplyProblem(includeSecrets: true))
        #expect(apply.field == "remotes[0].apiKey.create")
        #expect(apply.problem.hasSuffix("(line \(Self.line(of: "      create:", in: yaml)))"))
    }

    @Test func nearestEnclosingPathAnswersForPathsTheFileLacks() throws {
        let plan = try Plan.parse(yaml: PlanParserTests.example, folder: PlanParserTests.folder).plan
        let index = plan.lineIndex
        #expect(index.line(of: "remotes[1].seeds") == Self.line(of: "    seeds:", in: PlanParserTests.example))
        #expect(
            index.line(of: "remotes[1].eck.context")
                == Self.line(of: "  - alias: dc2-archive", in: PlanParserTests.example))
        #expect(index.line(of: "--apply") == nil)
        #expect(index.line(of: "(plan)") == nil)
    }

    /// The 1-based line of the first line starting with `prefix`.
    static func line(of prefix: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) } ?? -1) + 1
    }
}
