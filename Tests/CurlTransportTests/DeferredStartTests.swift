import Foundation
import RemoteClusterKit
import Testing

@testable import CurlTransport

/// A transport or probe that has sent nothing has not loaded libcurl's worker or started its
/// thread (the wizard creates both before its first frame); the first transfer starts it.
@Suite struct DeferredStartTests {
    let pki: TestPKI

    init() throws { pki = try TestPKI() }

    @Test func aTransportStartsItsThreadOnItsFirstRequestOnly() async throws {
        let transport = CurlTransport()
        #expect(!transport.hasStartedWorker)
        let server = try await pki.tlsServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let endpoint = ClusterEndpoint.loopback(port: try #require(server.port), trust: .caFile(pki.caFile))
        #expect(!transport.hasStartedWorker)

        let response = try await transport.send(HTTPRequest(method: .get, path: "/"), to: endpoint)

        #expect(response.status == 200)
        #expect(transport.hasStartedWorker)
    }

    @Test func aProbeStartsItsThreadOnItsFirstHandshakeOnly() async throws {
        let probe = CurlTLSProbe()
        #expect(!probe.hasStartedWorker)
        let server = try await pki.tlsServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }

        let result = await probe.probe(
            TLSProbeRequest(host: "127.0.0.1", port: try #require(server.port), trust: .caFile(pki.caFile)))

        #expect(result.presentedChain.isEmpty == false)
        #expect(probe.hasStartedWorker)
    }
}
