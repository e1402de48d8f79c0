import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

/// The wizard's TLS preflight (`CurlTLSProbe` + `ProbeDiagnosis`) against the simulated remote's
/// ports and certificate faults: each case is told apart the way it would be against ECK.
@Suite("Preflight probe against the simulated remote")
struct PreflightProbeTests {
    static func probe(_ cluster: SimulatedRemoteCluster, port: Int, ca: String? = nil) async -> TLSProbeResult {
        await CurlTLSProbe().probe(
            TLSProbeRequest(
                host: "127.0.0.1", port: port, serverName: cluster.identity.remoteClusterServiceName,
                trust: .caFile(ca ?? cluster.files.transportCA), timeout: 5))
    }

    @Test("the remote cluster server passes; the transport and REST ports are recognised")
    func ports() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let cluster = fixture.cluster
            let good = await Self.probe(cluster, port: cluster.remoteClusterServerPort)
            #expect(good.chainVerification == .trusted)
            #expect(good.nameMatched == true)
            #expect(ProbeDiagnosis(for: good) == nil)

            let transport = await Self.probe(cluster, port: cluster.transportPort)
            #expect(ProbeDiagnosis(for: transport)?.cause == .transportPortDifferentCA)
            #expect(transport.presentedChain.first?.issuer.contains("Elastic Auto Transport CA") == true)

            let rest = await Self.probe(cluster, port: cluster.restPort)
            #expect(ProbeDiagnosis(for: rest)?.cause == .restPort)
        }
    }

    @Test(
        "certificate faults and a stopped server are diagnosed",
        arguments: [
            (SimulatorFault.certificateExpired, ProbeDiagnosis.Cause.expiredCertificate),
            (SimulatorFault.certificateWrongName, ProbeDiagnosis.Cause.wrongServerName),
            (SimulatorFault.remoteClusterServerOff, ProbeDiagnosis.Cause.nothingListening),
        ])
    func faults(fault: SimulatorFault, cause: ProbeDiagnosis.Cause) async throws {
        try await RemoteClusterFixture.with(faults: [fault]) { (fixture: RemoteClusterFixture) async throws in
            let result = await Self.probe(fixture.cluster, port: fixture.cluster.remoteClusterServerPort)
            #expect(ProbeDiagnosis(for: result)?.cause == cause)
        }
    }
}
