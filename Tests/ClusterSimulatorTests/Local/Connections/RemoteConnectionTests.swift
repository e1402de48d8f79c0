import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// The local cluster's connection to the remote cluster server is `connected` only when the address,
/// the SNI, the CA and the key are all right; each wrong one fails with the error Elasticsearch gives.
@Suite(.serialized, .stopsResources) struct RemoteConnectionTests {
    @Test func connectsWhenAddressServerNameCAAndKeyAreRight() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let serverName = pair.remote.identity.remoteClusterServiceName
        let status = try await pair.configureProxy(serverName: serverName, sockets: 3)
        #expect(status.connected)
        #expect(status.openConnections == 3)
        #expect(status.hasCredentials)
        #expect(status.lastFailure == nil)
        #expect(status.remoteIdentity?.clusterName == "remote")
        #expect(pair.remote.openRemoteClusterConnections == 3, "the sockets are real connections on the remote")
        #expect(pair.remote.observedServerNames.suffix(3).allSatisfy { $0 == serverName }, "server_name is sent as SNI")
    }

    @Test func wrongAddressIsUnreachable() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let closed = try await reservedClosedPort()
        let status = try await pair.configureProxy(address: "127.0.0.1:\(closed)")
        #expect(!status.connected)
        #expect(status.lastFailure?.category == .unreachable)
        #expect(
            status.lastFailure?.exception.reason
                == "Unable to open any proxy connections to cluster [a] at address [127.0.0.1:\(closed)]")
        #expect(status.lastFailure?.exception.type == "no_seed_node_left_exception")
    }

    @Test func wrongServerNameFailsHostnameVerification() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let status = try await pair.configureProxy(serverName: "wrong.example.com")
        #expect(!status.connected)
        #expect(status.lastFailure?.category == .hostnameMismatch)
        #expect(status.lastFailure?.causes == ["No subject alternative DNS name matching wrong.example.com found."])
        #expect(pair.remote.observedServerNames.last == "wrong.example.com")
    }

    @Test func untrustedCAFailsTrust() async throws {
        let pair = try await LocalRemotePair.start(trustTransportCA: false)
        TestCleanup.add { await pair.shutdown() }
        let status = try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName)
        #expect(!status.connected)
        #expect(status.lastFailure?.category == .untrustedCertificate)
        #expect(
            status.lastFailure?.causes.first?.hasPrefix("failed to establish trust with server at [127.0.0.1]; ")
                == true)
        #expect(
            status.lastFailure?.causes.first?.hasSuffix(
                "this ssl context ([xpack.security.remote_cluster_client.ssl (with trust configuration: PEM-trust{/usr/share/elasticsearch/config/remote-certs/ca.crt})]) is not configured to trust that issuer"
            ) == true)
    }

    @Test func withoutAConfiguredCATheSystemStoreDoesNotTrustTheRemote() async throws {
        let pair = try await LocalRemotePair.start(configuresCA: false)
        TestCleanup.add { await pair.shutdown() }
        #expect(pair.local.remoteClusterClientSSL.usesSystemTrust)
        let status = try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName)
        #expect(!status.connected)
        #expect(status.lastFailure?.category == .untrustedCertificate)
        #expect(
            status.lastFailure?.causes.first?.hasSuffix(
                "this ssl context ([xpack.security.remote_cluster_client.ssl (with trust configuration: JDK-trusted-certs)]) is not configured to trust that issuer"
            ) == true)
    }

    @Test func withoutCredentialsTheRemoteRefusesTheCertificateModel() async throws {
        let pair = try await LocalRemotePair.start(keystoreAlias: "other")
        TestCleanup.add { await pair.shutdown() }
        let status = try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName)
        #expect(!status.connected)
        #expect(!status.hasCredentials)
        #expect(status.lastFailure?.category == .rejected)
        #expect(
            status.lastFailure?.exception.reason
                == "Cross cluster requests through the dedicated remote cluster server port require transport header [_cross_cluster_access_credentials] but none found. Please ensure you have configured remote cluster credentials on the cluster originating the request."
        )
    }

    @Test func aRESTKeyIsTheWrongType() async throws {
        let pair = try await LocalRemotePair.start(keyType: .rest)
        TestCleanup.add { await pair.shutdown() }
        let status = try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName)
        #expect(!status.connected)
        #expect(
            status.lastFailure?.exception.reason
                == "authentication expected API key type of [cross_cluster], but API key [\(pair.keyID)] has type [rest]"
        )
    }

    @Test func anInvalidatedKeyCannotAuthenticate() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        _ = pair.remote.apiKeys.invalidate(id: pair.keyID)
        let status = try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName)
        #expect(!status.connected)
        #expect(
            status.lastFailure?.exception.reason
                == "unable to authenticate user [\(pair.keyID)] for action [cluster:internal/remote_cluster/handshake]")
    }

    @Test func theTransportPortPresentsAnotherCA() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let status = try await pair.configureProxy(address: pair.remote.transportAddress)
        #expect(!status.connected)
        #expect(status.lastFailure?.category == .untrustedCertificate)
    }

    @Test func doesNotReconnectOnItsOwnButResolveClusterDoes() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        try await pair.remote.setRemoteClusterServerEnabled(false)
        let failed = try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName)
        #expect(!failed.connected)
        #expect(failed.connectRounds == 1)
        try await pair.remote.setRemoteClusterServerEnabled(true)
        let info = try await pair.local.connections.waitForIdle("a", timeoutSeconds: 1)
        #expect(info?.connected == false, "the remote came back but nothing retried")
        #expect(info?.connectRounds == 1)
        let resolved = try await ResolveClusterResponse.resolve(
            expression: "a:*", cluster: pair.local, timeoutSeconds: 20)
        #expect(resolved["a"]?["connected"] == true)
        #expect(pair.local.connections.status("a")?.connectRounds == 2)
        #expect(pair.local.connections.status("a")?.openConnections == 3)
    }

    @Test func aLostConnectionIsRefilledOnceAndNotRetriedWhileTheRemoteIsDown() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let connected = try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName)
        #expect(connected.connected)
        try await pair.remote.setRemoteClusterServerEnabled(false)
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, pair.local.connections.status("a")?.connected != false {
            try await Task.sleep(for: .milliseconds(20))
        }
        let down = try await pair.local.connections.waitForIdle("a", timeoutSeconds: 20)
        #expect(down?.connected == false)
        #expect(down?.lastFailure?.category == .unreachable)
    }

    @Test func resolveClusterAnswersWithinItsBoundWhileARoundHangs() async throws {
        let pair = try await LocalRemotePair.start(connectTimeoutSeconds: 3)
        TestCleanup.add { await pair.shutdown() }
        let silent = LoopbackTLSServer(security: .plain, behavior: .neverAnswer)
        let port = try await silent.start(port: 0)
        TestCleanup.add { await silent.shutdown() }
        try await pair.configureProxy(address: "127.0.0.1:\(port)", sockets: 1, waitForRound: false)
        let resolved = try await ResolveClusterResponse.resolve(
            expression: "a:*", cluster: pair.local, timeoutSeconds: 0.2)
        #expect(resolved == ["a": ["connected": false, "skip_unavailable": true]])
        #expect(
            pair.local.connections.status("a")?.isConnecting == true, "the answer did not wait for the hanging round")
        let finished = try await pair.local.connections.waitForIdle("a", timeoutSeconds: 20)
        #expect(finished?.lastFailure?.category == .timedOut)
        #expect(
            finished?.lastFailure?.exception.reason
                == "Unable to open any proxy connections to cluster [a] at address [127.0.0.1:\(port)]")
    }
}
