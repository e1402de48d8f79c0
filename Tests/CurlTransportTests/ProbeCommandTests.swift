import ClusterSimulator
import CommandLineSupport
import Foundation
import RemoteClusterKit
import Testing

/// `remote-cluster-wizard probe`, run as a process against loopback listeners.
@Suite struct ProbeCommandTests {
    let pki: TestPKI

    init() throws { pki = try TestPKI() }

    @Test func passingCheckExitsZeroWithUnicodeMarks() async throws {
        let server = try await pki.tlsServer(
            dnsNames: ["logs-es-remote-cluster.logs.svc"], ipAddresses: [],
            behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)

        let run = try await WizardProcess.run(
            [
                "probe", "--proxy-address", "127.0.0.1:\(port)", "--server-name",
                "logs-es-remote-cluster.logs.svc", "--ca", pki.caFile,
            ],
            environment: ["LANG": "C.UTF-8"])

        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "Preflight 127.0.0.1:\(port) (server name logs-es-remote-cluster.logs.svc, trusting \(pki.caFile))"
        )
        #expect(lines.dropFirst().first?.hasPrefix("✓ TCP   127.0.0.1:\(port) reachable (") == true)
        #expect(lines.contains { $0.hasPrefix("✓ TLS   handshake done, TLSv1.") })
        #expect(lines.contains("✓ CA    chain trusted by remote-ca.crt"))
        #expect(lines.contains("✓ Name  certificate is valid for logs-es-remote-cluster.logs.svc"))
        #expect(server.observedServerNames.contains("logs-es-remote-cluster.logs.svc"))
    }

    @Test func plainHTTPPortExitsOneWithASCIIMarksAndTheFix() async throws {
        let server = try await TestPKI.plainServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)

        let run = try await WizardProcess.run(
            ["probe", "--proxy-address", "127.0.0.1:\(port)", "--ca", pki.caFile],
            environment: ["LANG": "C"])

        #expect(run.status == 1)
        #expect(run.standardOutput.contains("[x] TLS   the server answered in plain HTTP, not TLS\n"))
        #expect(
            run.standardOutput.contains(
                "Fix: Use the remote cluster server port: set the proxy address to 127.0.0.1:9443.\n"))
    }

    @Test func untrustedChainAsJSON() async throws {
        let server = try await pki.tlsServer(
            issuer: pki.otherCA, behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)

        let run = try await WizardProcess.run([
            "probe", "--proxy-address", "127.0.0.1:\(port)", "--ca", pki.caFile, "--json",
        ])

        #expect(run.status == 1)
        let json = try JSONValue.parse(run.standardOutput)
        #expect(json["passed"] == false)
        #expect(json["chain_trusted"] == false)
        #expect(json["name_matched"] == true)
        #expect(json["diagnosis"]?["cause"] == "wrongCA")
        #expect(json["presented_chain"]?.arrayValue?.count == 2)
    }

    @Test(arguments: [
        ["probe", "--proxy-address", "no-port-here"],
        ["probe", "--proxy-address", "127.0.0.1:99999"],
        ["probe"],
        ["probe", "--proxy-address"],
        ["probe", "--proxy-address", "127.0.0.1:9443", "--timeout", "soon"],
        ["probe", "--proxy-address", "127.0.0.1:9443", "--timeout", "0"],
        ["probe", "--proxy-address", "127.0.0.1:9443", "--server-name", "10.0.0.1"],
        ["probe", "--proxy-address", "127.0.0.1:9443", "--ca", "/nonexistent/ca.crt"],
    ])
    func badInputExitsTwoWithoutContactingAnything(arguments: [String]) async throws {
        let run = try await WizardProcess.run(arguments)
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.hasPrefix("error: "))
    }

    /// A listening server sees no connection when one of the other options is bad.
    @Test(arguments: [
        ["--server-name", "10.0.0.1"], ["--ca", "/nonexistent/ca.crt"], ["--timeout", "0"],
    ])
    func badOptionBesideAGoodAddressContactsNothing(badOption: [String]) async throws {
        let server = try await pki.tlsServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }

        let run = try await WizardProcess.run(
            ["probe", "--proxy-address", "127.0.0.1:\(try #require(server.port))"] + badOption)

        #expect(run.status == 2)
        #expect(server.acceptedConnectionCount == 0)
    }
}
