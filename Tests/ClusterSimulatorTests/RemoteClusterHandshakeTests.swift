import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

@Suite("Remote cluster server handshake")
struct RemoteClusterHandshakeTests {
    let client = RemoteClusterHandshakeClient()

    @Test("right address, server name, CA and key: connected, and the connection stays open")
    func connects() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let key = try await fixture.createCrossClusterKey()
            let connection = try await client.connect(fixture.rcsTarget(key: key.encoded))
            #expect(connection.identity.clusterName == "remote")
            #expect(await connection.ping())
            #expect(fixture.cluster.observedServerNames.last == "remote-es-remote-cluster.default.svc")
            #expect(fixture.cluster.openRemoteClusterConnections == 1)
            await fixture.cluster.dropRemoteClusterConnections()
            await connection.waitUntilClosed()
            #expect(!connection.isOpen)
            #expect(await connection.ping() == false)
        }
    }

    @Test("without a server name the address's IP is verified (127.0.0.1 is on the certificate)")
    func ipVerification() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let key = try await fixture.createCrossClusterKey()
            var target = fixture.rcsTarget(key: key.encoded)
            target.serverName = nil
            let connection = try await client.connect(target)
            #expect(connection.identity.clusterName == "remote")
            await connection.close()
        }
    }

    @Test("no key: Elasticsearch's missing-credentials error")
    func certificateModel() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            await #expect(throws: RemoteClusterConnectionError.rejected(.missingCredentials)) {
                _ = try await client.connect(fixture.rcsTarget(key: nil))
            }
            #expect(
                RemoteClusterRejection.missingCredentials.reason.hasPrefix(
                    "Cross cluster requests through the dedicated remote cluster server port require transport header [_cross_cluster_access_credentials] but none found."
                ))
        }
    }

    @Test("REST key, unknown key, invalidated key, malformed key")
    func keyProblems() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let rest = try await fixture.call("POST", "/_security/api_key", body: #"{"name":"rest"}"#)
            let restID = try #require(rest.json?["id"]?.stringValue)
            let restEncoded = try #require(rest.json?["encoded"]?.stringValue)
            await #expect(
                throws: RemoteClusterConnectionError.rejected(
                    RemoteClusterRejection(
                        type: "security_exception",
                        reason:
                            "authentication expected API key type of [cross_cluster], but API key [\(restID)] has type [rest]",
                        status: 401))
            ) {
                _ = try await client.connect(fixture.rcsTarget(key: restEncoded))
            }
            let unknown = Data("abcdefghij0123456789:secret".utf8).base64EncodedString()
            await #expect(
                throws: RemoteClusterConnectionError.rejected(.unableToAuthenticate(id: "abcdefghij0123456789"))
            ) {
                _ = try await client.connect(fixture.rcsTarget(key: unknown))
            }
            #expect(
                RemoteClusterRejection.unableToAuthenticate(id: "x").reason
                    == "unable to authenticate user [x] for action [cluster:internal/remote_cluster/handshake]")
            let key = try await fixture.createCrossClusterKey()
            _ = try await fixture.call("DELETE", "/_security/api_key", body: #"{"ids":["\#(key.id)"]}"#)
            await #expect(throws: RemoteClusterConnectionError.rejected(.unableToAuthenticate(id: key.id))) {
                _ = try await client.connect(fixture.rcsTarget(key: key.encoded))
            }
            await #expect(throws: RemoteClusterConnectionError.rejected(.malformedKey)) {
                _ = try await client.connect(fixture.rcsTarget(key: "not base64!"))
            }
        }
    }

    @Test("an expired key is refused")
    func expiredKey() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let key = try await fixture.createCrossClusterKey()
            fixture.cluster.apiKeys.update(id: key.id) { $0.expiration = Date().addingTimeInterval(-1) }
            await #expect(throws: RemoteClusterConnectionError.rejected(.unableToAuthenticate(id: key.id))) {
                _ = try await client.connect(fixture.rcsTarget(key: key.encoded))
            }
        }
    }

    @Test("wrong CA, wrong server name")
    func trustAndNames() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let key = try await fixture.createCrossClusterKey()
            do throws(RemoteClusterConnectionError) {
                _ = try await client.connect(fixture.rcsTarget(key: key.encoded, ca: fixture.cluster.files.httpCA))
                Issue.record("connected with the wrong CA")
            } catch {
                guard case .certificateNotTrusted = error else { Issue.record("\(error)"); return }
            }
            do throws(RemoteClusterConnectionError) {
                _ = try await client.connect(fixture.rcsTarget(key: key.encoded, serverName: "elsewhere.example.com"))
                Issue.record("connected with the wrong server name")
            } catch {
                guard case .nameMismatch(let detail) = error else { Issue.record("\(error)"); return }
                #expect(detail.contains("elsewhere.example.com"))
            }
            #expect(fixture.cluster.observedServerNames.contains("elsewhere.example.com"))
        }
    }

    @Test("the transport port has another CA and wants a client certificate; the REST port is not the protocol")
    func wrongPorts() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let key = try await fixture.createCrossClusterKey()
            let transport = fixture.rcsTarget(
                key: key.encoded, serverName: "localhost", port: fixture.cluster.transportPort)
            do throws(RemoteClusterConnectionError) {
                _ = try await client.connect(transport)
                Issue.record("connected to the transport port")
            } catch {
                guard case .certificateNotTrusted = error else { Issue.record("\(error)"); return }
            }
            await #expect(throws: RemoteClusterConnectionError.tlsFailed("Received fatal alert: bad_certificate")) {
                _ = try await client.connect(
                    fixture.rcsTarget(
                        key: key.encoded, serverName: "localhost", ca: fixture.cluster.files.internodeCA,
                        port: fixture.cluster.transportPort))
            }
            do throws(RemoteClusterConnectionError) {
                _ = try await client.connect(
                    fixture.rcsTarget(
                        key: key.encoded, serverName: "localhost", ca: fixture.cluster.files.httpCA,
                        port: fixture.cluster.restPort))
                Issue.record("connected to the REST port")
            } catch {
                guard case .unexpectedAnswer(let text) = error else { Issue.record("\(error)"); return }
                #expect(text.hasPrefix("HTTP/1.1 400"))
            }
        }
    }

    @Test("nothing listening: connect_exception")
    func refused() async throws {
        try await RemoteClusterFixture.with(remoteClusterServerEnabled: false) {
            (fixture: RemoteClusterFixture) async throws in
            do throws(RemoteClusterConnectionError) {
                _ = try await client.connect(fixture.rcsTarget(key: "x"))
                Issue.record("connected although the remote cluster server is off")
            } catch {
                guard case .connectFailed = error else { Issue.record("\(error)"); return }
            }
            try await fixture.cluster.setRemoteClusterServerEnabled(true)
            let key = try await fixture.createCrossClusterKey()
            let connection = try await client.connect(fixture.rcsTarget(key: key.encoded))
            await connection.close()
        }
    }
}
