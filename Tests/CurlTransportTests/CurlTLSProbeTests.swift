import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

/// `CurlTLSProbe` against loopback listeners with generated certificates.
@Suite struct CurlTLSProbeTests {
    let pki: TestPKI
    let probe = CurlTLSProbe()

    init() throws { pki = try TestPKI() }

    func request(
        _ server: LoopbackTLSServer, serverName: String? = nil, trust: TrustSource? = nil,
        timeout: Double = 5
    ) throws -> TLSProbeRequest {
        TLSProbeRequest(
            host: "127.0.0.1", port: try #require(server.port), serverName: serverName,
            trust: trust ?? .caFile(pki.caFile), timeout: timeout)
    }

    @Test func trustedServerWithServerNamePasses() async throws {
        let responder = RecordingResponder()
        let server = try await pki.tlsServer(
            dnsNames: ["logs-es-remote-cluster.logs.svc"], ipAddresses: [], behavior: responder.behavior)
        defer { Task { await server.shutdown() } }

        let result = await probe.probe(
            try request(server, serverName: "logs-es-remote-cluster.logs.svc"))

        #expect(result.passed)
        #expect(result.tcpReachable)
        #expect(result.connectMilliseconds != nil)
        #expect(result.tlsVersion?.hasPrefix("TLSv1.") == true)
        #expect(result.chainTrusted == true)
        #expect(result.nameMatched == true)
        #expect(
            result.presentedChain.map(\.subject).first?.contains("logs-es-remote-cluster.logs.svc")
                == true)
        #expect(result.trustedCASubjects.first?.contains("Test Remote CA") == true)
        #expect(result.diagnosis == nil)
        // SNI carried the server name on every handshake, and no HTTP request was sent.
        #expect(!server.observedServerNames.isEmpty)
        #expect(server.observedServerNames.allSatisfy { $0 == "logs-es-remote-cluster.logs.svc" })
        #expect(responder.requests.isEmpty)
    }

    @Test func withoutServerNameTheAddressIsChecked() async throws {
        let server = try await pki.tlsServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let result = await probe.probe(try request(server))
        #expect(result.passed)
        #expect(server.observedServerNames.allSatisfy { $0 == nil })
    }

    @Test func untrustedChainIsStillShownAndBlamesTheCA() async throws {
        let server = try await pki.tlsServer(
            issuer: pki.otherCA, behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }

        let result = await probe.probe(try request(server))

        #expect(!result.passed)
        #expect(result.handshakeCompleted)
        #expect(result.chainTrusted == false)
        #expect(result.nameMatched == true)
        #expect(result.presentedChain.count == 2)
        #expect(result.presentedChain.last?.subject.contains("Unrelated Test CA") == true)
        #expect(result.diagnosis?.cause == .wrongCA)
    }

    @Test func certificateFromTheTransportCAPointsAtTheTransportPort() async throws {
        let transportCA = try GeneratedCA(commonName: "Elastic Auto Transport CA")
        let server = try await pki.tlsServer(issuer: transportCA, behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }

        let result = await probe.probe(try request(server))

        #expect(result.chainTrusted == false)
        #expect(result.diagnosis?.cause == .transportPortDifferentCA)
        #expect(
            result.diagnosis?.seen
                == "The server presented a certificate from \"CN=Elastic Auto Transport CA\", which is not the CA you gave."
        )
    }

    @Test func wrongServerName() async throws {
        let server = try await pki.tlsServer(
            dnsNames: ["*.logs.svc"], ipAddresses: [], behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }

        let result = await probe.probe(
            try request(server, serverName: "logs-es-remote-cluster.other.svc"))

        #expect(result.chainTrusted == true)
        #expect(result.nameMatched == false)
        #expect(result.diagnosis?.cause == .wrongServerName)
        #expect(
            result.diagnosis?.summary
                == "The certificate is for *.logs.svc, not logs-es-remote-cluster.other.svc.")
    }

    @Test func expiredCertificate() async throws {
        let server = try await pki.tlsServer(
            validity: .expired, behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let result = await probe.probe(try request(server))
        #expect(result.chainTrusted == false)
        #expect(result.diagnosis?.cause == .expiredCertificate)
    }

    @Test func nothingListening() async throws {
        let (port, holder) = try TestPKI.refusingPort()
        let result = await probe.probe(
            TLSProbeRequest(host: "127.0.0.1", port: port, trust: .caFile(pki.caFile)))
        await holder.shutdown()
        #expect(result.connection == .refused)
        #expect(result.handshake == nil)
        #expect(result.diagnosis?.cause == .nothingListening)
    }

    @Test func plainHTTPPort() async throws {
        let server = try await TestPKI.plainServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let result = await probe.probe(try request(server))
        #expect(result.tcpReachable)
        #expect(result.handshake == .plainText)
        #expect(result.diagnosis?.cause == .plainHTTPPort)
    }

    @Test func silentServerTimesOutInTheHandshake() async throws {
        let server = try await pki.tlsServer(behavior: .neverAnswer)
        defer { Task { await server.shutdown() } }
        let result = await probe.probe(try request(server, timeout: 0.5))
        #expect(result.tcpReachable)
        #expect(result.handshake == .timedOut(seconds: 0.5))
        #expect(result.diagnosis?.cause == .handshakeFailed)
    }

    @Test func unusableCAFile() async throws {
        let server = try await pki.tlsServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let notPEM = try pki.file(named: "empty.crt", text: "")
        let result = await probe.probe(try request(server, trust: .caFile(notPEM)))
        #expect(result.diagnosis?.cause == .caFileUnusable)
    }
}
