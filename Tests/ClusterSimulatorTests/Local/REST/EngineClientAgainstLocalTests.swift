import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// The engine's `ElasticsearchClient` over libcurl against the local simulator: the wizard's own
/// requests (add the remote, watch it, remove it) get Elasticsearch's answers.
@Suite(.serialized, .stopsResources) struct EngineClientAgainstLocalTests {
    @Test func addWatchAndRemoveARemoteThroughTheEngine() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let client = ElasticsearchClient(transport: CurlTransport(), endpoint: pair.local.adminEndpoint)
        let serverName = pair.remote.identity.remoteClusterServiceName
        let acknowledged = try await client.putRemote(RemoteClusterSettings(
            alias: "a", mode: .proxy(address: pair.remote.proxyAddress, serverName: serverName, socketConnections: 2)))
        #expect(acknowledged)
        let resolved = try await client.resolveCluster(aliases: ["a"])
        #expect(resolved.first?.connected == true)
        #expect(resolved.first?.versionNumber == pair.remote.identity.version)
        // Resolve returns once one socket is open; the round may still be opening the second.
        var info = try await client.remoteInfo()
        let deadline = ContinuousClock.now + .seconds(20)
        while info.first?.proxySocketsConnected != 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            info = try await client.remoteInfo()
        }
        #expect(info.first?.proxySocketsConnected == 2)
        #expect(info.first?.serverName == serverName)
        #expect(info.first?.hasClusterCredentials == true)
        let configured = try await client.configuredRemotes()
        #expect(configured.map(\.alias) == ["a"])
        #expect(try await client.removeRemote(alias: "a"))
        #expect(try await client.remoteInfo().isEmpty)
        #expect(pair.local.settings.persistent.isEmpty)
    }

    @Test func remotesFromElasticsearchYmlShowAmongTheDefaults() async throws {
        let pair = try await LocalRemotePair.start(staticRemoteAlias: "from_yml")
        TestCleanup.add { await pair.shutdown() }
        let client = ElasticsearchClient(transport: CurlTransport(), endpoint: pair.local.adminEndpoint)
        let remotes = try await client.configuredRemotes(includeDefaults: true)
        let fromYml = try #require(remotes.first { $0.alias == "from_yml" })
        #expect(fromYml.scope == .defaults)
        #expect(fromYml.seeds == [pair.remote.proxyAddress])
        #expect(try await client.configuredRemotes().isEmpty)
    }

    @Test func anInvalidAddressComesBackAsElasticsearchsError() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let client = ElasticsearchClient(transport: CurlTransport(), endpoint: pair.local.adminEndpoint)
        do {
            _ = try await client.putRemote(RemoteClusterSettings(alias: "a", mode: .proxy(address: "no-port", serverName: nil)))
            Issue.record("the simulator accepted an address without a port")
        } catch {
            #expect("\(error)".contains("remote hosts need to be configured as [host:port], found [no-port] instead"))
        }
    }
}
