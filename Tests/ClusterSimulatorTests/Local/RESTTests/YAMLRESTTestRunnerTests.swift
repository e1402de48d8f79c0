import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// The YAML REST test runner reports wrong expectations (so a passing run means something).
@Suite(.stopsResources) struct YAMLRESTTestRunnerTests {
    static let yaml = #"""
        ---
        "wrong expectations":
          - do:
              catch: bad_request
              cluster.put_settings:
                body:
                  persistent:
                    cluster.remote.x.seeds: "nohost"
          - match: { error.root_cause.0.reason: "something else" }
          - do:
              warnings:
                - "a deprecation that never comes"
              cluster.put_settings:
                flat_settings: true
                body:
                  transient:
                    cluster.remote.x.seeds: "h:9300"
          - match: { transient.cluster\.remote\.x\.seeds: "h:9300" }
          - is_false: acknowledged
        """#

    @Test func reportsMismatchesMissingWarningsAndFalseAssertions() async throws {
        let file = try YAMLRESTTestFile(yaml: Self.yaml)
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let runner = YAMLRESTTestRunner(
            transport: CurlTransport(), endpoint: pair.local.adminEndpoint, skippedAPIs: [:], version: "9.1.0")
        let outcome = await runner.run(try #require(file.tests.first))
        #expect(outcome.failures.count == 3)
        #expect(outcome.failures.contains { $0.hasPrefix("match [error.root_cause.0.reason]") })
        #expect(
            outcome.failures.contains { $0.contains("expected warning [a deprecation that never comes] but got []") })
        #expect(outcome.failures.contains { $0.hasPrefix("is_false [acknowledged]") })
    }

    @Test func objectPathsHonourEscapedDots() {
        let body: JSONValue = ["transient": ["cluster.remote.a.mode": "proxy"], "list": [["x": 1]]]
        #expect(ObjectPath.evaluate(#"transient.cluster\.remote\.a\.mode"#, in: body, stash: [:]) == "proxy")
        #expect(ObjectPath.evaluate("list.0.x", in: body, stash: [:]) == 1)
        #expect(YAMLRESTTestRunner.version("9.1.0", isIn: " - 7.15.99") == false)
        #expect(YAMLRESTTestRunner.version("7.10.0", isIn: " - 7.15.99"))
    }
}
