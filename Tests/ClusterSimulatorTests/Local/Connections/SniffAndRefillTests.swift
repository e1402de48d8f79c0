import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// Sniff mode, refilling after a lost connection, and `_resolve/cluster` with local expressions.
@Suite(.serialized, .stopsResources) struct SniffAndRefillTests {
    func configureSniff(_ pair: LocalRemotePair, seeds: [String]) async throws -> RemoteConnectionStatus {
        try pair.local.updateClusterSettings(body: [
            "persistent": ["cluster.remote.a.seeds": .array(seeds.map { .string($0) })]
        ])
        return try requireStatus(await pair.local.connections.waitForIdle("a", timeoutSeconds: 20))
    }

    @Test func sniffModeConnectsThroughTheFirstSeedThatAnswers() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let port = try await reservedClosedPort()
        let status = try await configureSniff(pair, seeds: ["127.0.0.1:\(port)", pair.remote.proxyAddress])
        #expect(status.connected)
        #expect(status.openConnections == 1, "the simulated remote has one node")
        let body = RemoteInfoResponse.body([status], initialConnectTimeout: "30s")
        #expect(body[path: ["a", "num_nodes_connected"]] == 1)
        #expect(body[path: ["a", "max_connections_per_cluster"]] == 3)
    }

    @Test func sniffModeWithNoSeedAnswering() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        try await pair.remote.setRemoteClusterServerEnabled(false)
        let status = try await configureSniff(pair, seeds: [pair.remote.proxyAddress])
        #expect(!status.connected)
        #expect(status.lastFailure?.exception.reason == "no seed node left for cluster: [a]")
    }

    @Test func aDroppedConnectionIsReopenedOnceWhileTheRemoteIsUp() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let first = try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName, sockets: 2)
        #expect(first.openConnections == 2)
        await pair.remote.dropRemoteClusterConnections()
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let status = pair.local.connections.status("a"), status.connectRounds > 1, !status.isConnecting,
                status.openConnections == 2
            {
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let status = try requireStatus(pair.local.connections.status("a"))
        #expect(status.openConnections == 2)
        #expect(status.connectRounds > 1)
        #expect(pair.remote.openRemoteClusterConnections == 2)
    }

    @Test func resolveClusterReportsTheLocalClusterForLocalExpressions() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName, sockets: 1)
        let body = try await ResolveClusterResponse.resolve(
            expression: "logs-*,a:logs-*", cluster: pair.local, timeoutSeconds: 10)
        #expect(body["(local)"]?["connected"] == true)
        #expect(body["(local)"]?["matching_indices"] == false)
        #expect(body["a"]?["connected"] == true)
        #expect(body["a"]?["matching_indices"] == false)
        let missing = try await ResolveClusterResponse.resolve(
            expression: "logs", cluster: pair.local, timeoutSeconds: 10)
        #expect(missing["(local)"]?["error"] == "no such index [logs]")
    }
}
