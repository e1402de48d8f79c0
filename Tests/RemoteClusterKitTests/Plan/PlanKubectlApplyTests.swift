import Foundation
import Testing
@testable import RemoteClusterKit

/// When a plan's local objects may be applied with kubectl: only when the plan asks for it and
/// the credentials Secret would hold real keys.
@Suite struct PlanKubectlApplyTests {
    static let encodedOnly = PlanParserTests.example.replacingOccurrences(
        of: """
                apiKey:                        # one of: create, encodedEnv, encodedFile
                  create:
                    url: https://remote.example.net:9200
                    user: admin
                    passwordEnv: REMOTE_PASSWORD
                    ca: certs/remote-http-ca.crt
                    name: eu-logs-from-central
                    expiration: 90d
                    access:
                      search: [{names: ["logs-*"]}]
                      replication: [{names: ["archive-*"]}]
            """,
        with: "    apiKey: {encodedEnv: EU_LOGS_KEY}")

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
        #expect(problem.fix.contains("remote-eu-logs-cross-cluster-api-key.txt"))
    }
}
