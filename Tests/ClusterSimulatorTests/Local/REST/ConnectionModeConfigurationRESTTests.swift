import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// Elasticsearch's own REST test `multi_cluster/15_connection_mode_configuration.yml`, run against the
/// local simulator over HTTPS. Its settings steps run as written; its cross-cluster `search` steps and
/// the assertions on their responses are skipped (the simulator holds no indices), and the test
/// checks that exactly those were skipped.
@Suite(.stopsResources) struct ConnectionModeConfigurationRESTTests {
    static let file = "es-reference/rest-tests/multi_cluster/15_connection_mode_configuration.yml"
    /// The only API the runner skips, and why.
    static let skippedAPIs = ["search": "cross-cluster search is outside the simulator (it holds no indices)"]

    @Test func settingsStepsPassAgainstTheLocalSimulator() async throws {
        let suite = try YAMLRESTTestFile(yaml: try SharedReference.text(Self.file))
        #expect(suite.tests.count == 5)
        let pair = try await LocalRemotePair.start(staticRemoteAlias: "my_remote_cluster")
        TestCleanup.add { await pair.shutdown() }
        let transport = CurlTransport()
        let endpoint = pair.local.adminEndpoint
        let runner = YAMLRESTTestRunner(
            transport: transport, endpoint: endpoint, skippedAPIs: Self.skippedAPIs, version: pair.local.identity.version,
            cleanUp: { try await Self.wipeClusterSettings(transport: transport, endpoint: endpoint) })
        var searchesSkipped = 0
        for test in suite.tests.sorted(by: { $0.name < $1.name }) {
            let outcome = await runner.run(test)
            #expect(outcome.failures.isEmpty, "\(test.name): \(outcome.failures)")
            #expect(outcome.stepsRun > 0, "\(test.name) ran no step")
            #expect(outcome.skipped.allSatisfy { $0.contains("search") }, "\(test.name) skipped \(outcome.skipped)")
            searchesSkipped += outcome.skipped.filter { $0.hasPrefix("do search") }.count
        }
        #expect(searchesSkipped == 4, "the three valid-settings tests search once, the mode switch test twice")
    }

    /// What Elasticsearch's test framework does after each test: `<top-level key>.*: null` in both scopes.
    static func wipeClusterSettings(transport: CurlTransport, endpoint: ClusterEndpoint) async throws {
        let current = try JSONValue.parse(try await transport.send(HTTPRequest(method: .get, path: "/_cluster/settings"), to: endpoint).body)
        var body: JSONValue = [:]
        for scope in ["persistent", "transient"] {
            guard let keys = current[scope]?.objectValue?.keys, !keys.isEmpty else { continue }
            body[scope] = .object(.init(uniqueKeysWithValues: keys.map { ("\($0).*", JSONValue.null) }))
        }
        guard body.objectValue?.isEmpty == false else { return }
        let response = try await transport.send(HTTPRequest(method: .put, path: "/_cluster/settings", body: body), to: endpoint)
        struct WipeFailed: Error { var text: String }
        guard response.status == 200 else { throw WipeFailed(text: response.text) }
    }
}
