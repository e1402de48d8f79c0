import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// `_remote/info` bodies match Elasticsearch's own rendering, field order included.
@Suite struct RemoteInfoResponseTests {
    func status(_ configuration: RemoteClusterConfiguration, open: Int, credentials: Bool) -> RemoteConnectionStatus {
        RemoteConnectionStatus(
            configuration: configuration, openConnections: open, hasCredentials: credentials, lastFailure: nil,
            remoteIdentity: nil, connectRounds: 1, isConnecting: false)
    }

    @Test func proxyModeWithCredentialsMatchesElasticsearchsTest() throws {
        let expected = try SharedReference.json(
            "es-reference/examples/cluster.remote_info/response/es-test-RemoteClusterConnectionTests.proxy-with-cluster-credentials.json")
        let configuration = RemoteClusterConfiguration(
            alias: "test_cluster", mode: .proxy, proxyAddress: "seed:1", proxySocketConnections: 18,
            serverName: "the_server_name")
        let body = RemoteInfoResponse.body([status(configuration, open: 16, credentials: true)], initialConnectTimeout: "30m")
        #expect(body == expected)
        #expect(body.jsonString() == expected.jsonString(), "same fields in the same order")
    }

    @Test func sniffModeMatchesElasticsearchsTest() throws {
        let expected = try SharedReference.json(
            "es-reference/examples/cluster.remote_info/response/es-test-RemoteClusterConnectionTests.sniff.json")
        let configuration = RemoteClusterConfiguration(
            alias: "test_cluster", mode: .sniff, seeds: ["seed:1", "seed:2"], nodeConnections: 3)
        let body = RemoteInfoResponse.body([status(configuration, open: 2, credentials: false)], initialConnectTimeout: "30m")
        #expect(body.jsonString() == expected.jsonString())
    }
}
