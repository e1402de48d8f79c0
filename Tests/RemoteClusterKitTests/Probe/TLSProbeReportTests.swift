import Foundation
import Testing

@testable import RemoteClusterKit

@Suite struct TLSProbeReportTests {
    @Test func failingNameCheckReportsEveryStepAndTheFix() {
        let leaf = ProbeDiagnosisTests.certificate(
            subject: "CN=node", issuer: "CN=logs-transport-ca", names: ["*.logs.svc"])
        let result = ProbeDiagnosisTests.result(
            serverName: "logs-es-remote-cluster.other.svc", trust: .caFile("/certs/logs-transport-ca.crt"),
            connection: .connected(milliseconds: 3), nameMatched: false, chain: [leaf])

        let lines = TLSProbeReport.lines(for: result, symbols: .unicode)

        #expect(
            lines == [
                "Preflight lb.example.net:9443 (server name logs-es-remote-cluster.other.svc, trusting /certs/logs-transport-ca.crt)",
                "✓ TCP   lb.example.net:9443 reachable (3.0 ms)",
                "✓ TLS   handshake done, TLSv1.3",
                "✓ CA    chain trusted by logs-transport-ca.crt",
                "✗ Name  certificate is for *.logs.svc, not logs-es-remote-cluster.other.svc",
                "Presented chain:",
                "  1. CN=node",
                "     issued by CN=logs-transport-ca",
                "     names *.logs.svc",
                "     valid until 2027-04-25 (in 100 days)",
                "Most likely: The certificate is for *.logs.svc, not logs-es-remote-cluster.other.svc.",
                "Fix: Set the server name to a name the certificate carries (*.logs.svc).",
            ])
    }

    @Test func unreachedStepsAreMarkedSkippedInASCII() {
        let result = ProbeDiagnosisTests.result(
            connection: .refused, handshake: nil, verification: nil, nameMatched: nil, chain: [])
        let lines = TLSProbeReport.lines(for: result, symbols: .ascii)
        #expect(
            Array(lines[1...4]) == [
                "[x] TCP   lb.example.net:9443 refused the connection (nothing listening)",
                "[-] TLS   not tried",
                "[-] CA    not checked",
                "[-] Name  not checked",
            ])
    }

    @Test func jsonCarriesTheStepsAndTheDiagnosis() throws {
        let result = ProbeDiagnosisTests.result(
            port: 9200, handshake: .plainText, verification: nil, nameMatched: nil, chain: [])
        let json = TLSProbeReport.json(for: result)
        #expect(json["passed"] == false)
        #expect(json["tcp_reachable"] == true)
        #expect(json["handshake_completed"] == false)
        #expect(json["chain_trusted"] == .null)
        #expect(json["diagnosis"]?["cause"] == "plainHTTPPort")
        #expect(json["presented_chain"] == [])
    }
}
