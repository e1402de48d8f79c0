import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

/// How `RemoteClusterHandshakeClient` reports peers that are not a working remote cluster server.
@Suite("Handshake client against broken peers", .stopsResources)
struct HandshakeClientFailureTests {
    static func target(port: Int, ca: String, timeout: Double = 5) -> RemoteClusterHandshakeClient.Target {
        .init(
            host: "127.0.0.1", port: port, serverName: "localhost", trust: .caFile(ca),
            credentials: Secret("a2V5OnNlY3JldA=="), timeoutSeconds: timeout)
    }

    @Test("a peer that closes at once, one that never answers, one that speaks plain HTTP, a missing CA file")
    func brokenPeers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try GeneratedCA(commonName: "broken CA")
        let caFile = try ca.writeCertificate(to: directory.path)
        let client = RemoteClusterHandshakeClient()

        let closing = LoopbackTLSServer(security: .plain, behavior: .closeImmediately)
        TestCleanup.add { await closing.shutdown() }
        let closingPort = try await closing.start()
        do {
            _ = try await client.connect(Self.target(port: closingPort, ca: caFile))
            Issue.record("connected to a peer that closes")
        } catch {
            guard case .tlsFailed = error else { Issue.record("\(error)"); return }
        }
        await closing.shutdown()

        let silent = LoopbackTLSServer(security: .plain, behavior: .neverAnswer)
        TestCleanup.add { await silent.shutdown() }
        let silentPort = try await silent.start()
        await #expect(throws: RemoteClusterConnectionError.timedOut(address: "127.0.0.1:\(silentPort)", seconds: 0.5)) {
            _ = try await client.connect(Self.target(port: silentPort, ca: caFile, timeout: 0.5))
        }
        await silent.shutdown()

        let http = LoopbackTLSServer(security: .plain, behavior: .http { _ in .respond(HTTPResponse(status: 200)) })
        TestCleanup.add { await http.shutdown() }
        let httpPort = try await http.start()
        do {
            _ = try await client.connect(Self.target(port: httpPort, ca: caFile))
            Issue.record("connected to a plain HTTP server")
        } catch {
            guard case .tlsFailed = error else { Issue.record("\(error)"); return }
        }
        await http.shutdown()

        await #expect(throws: RemoteClusterConnectionError.self) {
            _ = try await client.connect(Self.target(port: httpPort, ca: directory.path + "/missing.crt"))
        }
        do {
            _ = try await client.connect(Self.target(port: httpPort, ca: directory.path + "/missing.crt"))
        } catch {
            guard case .caFileUnusable(let path, _) = error else { Issue.record("\(error)"); return }
            #expect(path.hasSuffix("missing.crt"))
        }
    }

    @Test("handshake lines encode and decode")
    func lines() {
        let identity = RemoteClusterIdentity(clusterName: "remote", clusterUUID: "u", version: "9.1.0")
        #expect(RemoteClusterHandshake.parseAnswer(RemoteClusterHandshake.acceptLine(identity)) == .accepted(identity))
        let rejection = RemoteClusterRejection.wrongKeyType(id: "abc", actual: "rest")
        #expect(
            RemoteClusterHandshake.parseAnswer(RemoteClusterHandshake.rejectLine(rejection)) == .rejected(rejection))
        #expect(
            RemoteClusterHandshake.parseAnswer("HTTP/1.1 400 Bad Request") == .unexpected("HTTP/1.1 400 Bad Request"))
        #expect(RemoteClusterHandshake.request(credentials: nil) == "HANDSHAKE")
        #expect(RemoteClusterHandshake.request(credentials: Secret("k")) == "HANDSHAKE k")
    }
}
