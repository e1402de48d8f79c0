import Foundation
import Testing
@testable import RemoteClusterKit

/// When a plan's local objects may be applied with kubectl: only when the plan asks for it and
/// the credentials Secret would hold real keys.
@Suite struct PlanKubectlApplyTests {
    /// The example of PLAN.md with the first remote's `apiKey.create` block replaced by an
    /// `encodedEnv` key, so that every key is known.
    static let encodedOnly: String = {
        var lines = PlanParserTests.example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let from = lines.firstIndex(where: { $0.hasPrefix("    apiKey:") }),
            let to = lines.firstIndex(where: { $0.hasPrefix("  - alias: dc2-archive") }), from < to
        else { return PlanParserTests.example }
        lines.replaceSubrange(from..<to, with: ["    apiKey: {encodedEnv: EU_LOGS_KEY}"])
        return lines.joined(separator: "\n")
    }()

    @Test func allowedWithKubectlModeSecretsAndEveryKeyGiven() throws {
        #expect(Self.encodedOnly != PlanParserTests.example)
        let plan = try PlanParserTests.parse(Self.encodedOnly).plan
        #expect(plan.kubectlApplyProblem(includeSecrets: true) == nil)
    }

    @Test func refusedWithoutIncludeSecrets() throws {
        let plan = try PlanParserTests.parse(Self.encodedOnly).plan
        #expect(plan.kubectlApplyProblem(includeSecrets: false)?.field == "--apply")
    }

    @Test(arguments: ["files", "none"])
    func refusedWhenThePlanDoesNotApplyWithKubectl(_ mode: String) throws {
        let yaml = Self.encodedOnly.replacingOccurrences(
            of: "applyManifests: kubectl", with: "applyManifests: \(mode)")
        let problem = try #require(try PlanParserTests.parse(yaml).plan.kubectlApplyProblem(includeSecrets: true))
        #expect(problem.field == "local.applyManifests")
        #expect(problem.problem.hasPrefix("is \(mode)"))
    }

    @Test func refusedWhileAKeyIsStillToBeCreated() throws {
        let plan = try PlanParserTests.parse(PlanParserTests.example).plan
        let problem = try #require(plan.kubectlApplyProblem(includeSecrets: true))
        #expect(problem.field == "remotes[0].apiKey.create")
        #expect(problem.fix.contains("remote-cluster-wizard apply --plan"))
    }
}
