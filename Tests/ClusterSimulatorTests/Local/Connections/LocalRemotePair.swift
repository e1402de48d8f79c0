import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// A simulated remote cluster and a local cluster wired for one alias, for connection tests.
struct LocalRemotePair {
    let remote: SimulatedRemoteCluster
    let local: LocalElasticsearchCluster
    let directory: String

    /// The encoded cross-cluster key created on the remote.
    let encodedKey: Secret
    let keyID: String

    /// Starts both clusters. The local node trusts the remote's transport CA (or its HTTP CA, or,
    /// with `configuresCA: false`, only the system store), holds
    /// the key for `keystoreAlias`, and has no remote configured except `staticRemoteAlias` in
    /// `elasticsearch.yml` (seeds: the remote cluster server).
    static func start(
        trustTransportCA: Bool = true, configuresCA: Bool = true, keystoreAlias: String? = "a",
        keyType: APIKeyType = .crossCluster,
        connectTimeoutSeconds: Double = 5, staticRemoteAlias: String? = nil,
        access: JSONValue = ["search": [["names": ["*"]]]]
    ) async throws -> LocalRemotePair {
        let directory = NSTemporaryDirectory() + "simlocal-test-" + UUID().uuidString.prefix(8).lowercased()
        let remote = try SimulatedRemoteCluster(.init(directory: directory + "/remote"))
        try await remote.start()
        let created = remote.apiKeys.create(
            name: "local-key", type: keyType, username: "elastic", realm: "reserved", expiration: nil,
            access: keyType == .crossCluster ? access : nil)
        var node = LocalNodeConfiguration()
        if configuresCA {
            let caPath = trustTransportCA ? remote.files.transportCA : remote.files.httpCA
            node.files["/usr/share/elasticsearch/config/remote-certs/ca.crt"] = try Data(
                contentsOf: URL(fileURLWithPath: caPath))
            node.nodeSettings["xpack.security.remote_cluster_client.ssl.certificate_authorities"] = .list([
                "remote-certs/ca.crt"
            ])
        }
        if let staticRemoteAlias {
            node.nodeSettings["cluster.remote.\(staticRemoteAlias).seeds"] = .list([remote.proxyAddress])
        }
        if let keystoreAlias {
            node.keystore.set(SimulatedKeystore.credentialsSetting(keystoreAlias), to: created.encoded)
        }
        let local = try LocalElasticsearchCluster(
            .init(
                directory: directory + "/local", node: node, connectTimeoutSeconds: connectTimeoutSeconds))
        try await local.start()
        return LocalRemotePair(
            remote: remote, local: local, directory: directory, encodedKey: created.encoded, keyID: created.key.id)
    }

    /// Configures alias `a` in proxy mode and waits for its first connection round.
    @discardableResult
    func configureProxy(
        address: String? = nil, serverName: String? = nil, sockets: Int = 3, alias: String = "a",
        waitForRound: Bool = true,
        skipUnavailable: Bool? = nil
    ) async throws -> RemoteConnectionStatus {
        var settings: JSONValue = [
            "cluster.remote.\(alias).mode": "proxy",
            "cluster.remote.\(alias).proxy_address": .string(address ?? remote.proxyAddress),
            "cluster.remote.\(alias).proxy_socket_connections": .int(sockets),
        ]
        if let serverName { settings["cluster.remote.\(alias).server_name"] = .string(serverName) }
        if let skipUnavailable { settings["cluster.remote.\(alias).skip_unavailable"] = .bool(skipUnavailable) }
        try local.updateClusterSettings(body: ["persistent": settings])
        if !waitForRound { return try requireStatus(local.connections.status(alias)) }
        return try requireStatus(await local.connections.waitForIdle(alias, timeoutSeconds: 20))
    }

    func shutdown() async {
        await local.shutdown()
        await remote.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// The status, or a test failure when the alias is unknown.
func requireStatus(_ status: RemoteConnectionStatus?) throws -> RemoteConnectionStatus {
    struct MissingStatus: Error {}
    guard let status else { throw MissingStatus() }
    return status
}

/// A loopback port that refuses connections and stays reserved (no other test can start listening
/// there) until the test ends.
func reservedClosedPort() async throws -> Int {
    let closed = LoopbackTLSServer(security: .plain, behavior: .closeImmediately)
    let port = try await closed.start(port: 0)
    await closed.shutdown(keepingPort: true)
    TestCleanup.add { await closed.shutdown() }
    return port
}
