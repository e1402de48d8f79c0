import CommandLineSupport
import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `status` and `probe`, run as the real binary, against servers that try to take over the
/// terminal or echo credentials, and with input that used to point the wrong way.
@Suite struct HostileCommandTests {
    let pki: TestPKI

    init() throws { pki = try TestPKI() }

    /// An Elasticsearch-shaped answer whose texts carry terminal escape sequences.
    func server(status: Int, body: String) async throws -> (LoopbackTLSServer, RecordingResponder) {
        let responder = RecordingResponder(status: status, body: body)
        return (try await pki.tlsServer(behavior: responder.behavior), responder)
    }

    /// Escape sequences that retitle (OSC 0), clear (ED) and recolour (SGR), written as JSON escapes.
    static let hostileJSON = #"\u001b]0;owned\u0007\u001b[2J\u001b[31m"#
    static let hostileShown = #"\x1b]0;owned\x07\x1b[2J\x1b[31m"#

    @Test func aServersErrorReasonCannotReachTheTerminalRaw() async throws {
        let body = #"{"error":{"type":"security_exception","reason":"denied \#(Self.hostileJSON)now"},"status":403}"#
        let (server, _) = try await server(status: 403, body: body)
        defer { Task { await server.shutdown() } }
        let run = try await WizardProcess.run(
            ["status", "--url", "https://127.0.0.1:\(try #require(server.port))", "--ca", pki.caFile])
        #expect(run.status == 1)
        #expect(!run.standardError.unicodeScalars.contains("\u{1B}"))
        #expect(run.standardError.contains("denied \(Self.hostileShown)now"))
    }

    @Test func aliasNamesAndAddressesInTheTableAreShownVisibly() async throws {
        let body =
            #"{"evil\#(Self.hostileJSON)":{"connected":false,"mode":"proxy","proxy_address":"x\u001b[8m:9443","num_proxy_sockets_connected":0,"max_proxy_socket_connections":18,"initial_connect_timeout":"30s","skip_unavailable":false}}"#
        let (server, _) = try await server(status: 200, body: body)
        defer { Task { await server.shutdown() } }
        for extra in [[], ["--json"]] {
            let run = try await WizardProcess.run(
                ["status", "--url", "https://127.0.0.1:\(try #require(server.port))", "--ca", pki.caFile] + extra)
            // Exit status 1: the remote is not connected.
            #expect(run.status == 1, "\(run.standardError)")
            #expect(run.standardOutput.contains("evil"), "\(extra)")
            #expect(!run.standardOutput.unicodeScalars.contains("\u{1B}"), "\(extra)")
            #expect(!run.standardOutput.unicodeScalars.contains("\u{07}"), "\(extra)")
        }
    }

    @Test func aServerEchoingTheBasicCredentialDoesNotGetItPrinted() async throws {
        let token = Data("elastic:Tr0ub4dor-and-3".utf8).base64EncodedString()
        let body =
            #"{"error":{"type":"security_exception","reason":"bad header [Authorization: Basic \#(token)]"},"status":401}"#
        let (server, _) = try await server(status: 401, body: body)
        defer { Task { await server.shutdown() } }
        let run = try await WizardProcess.run(
            [
                "status", "--url", "https://127.0.0.1:\(try #require(server.port))", "--user", "elastic", "--ca",
                pki.caFile,
            ],
            environment: ["ES_PASSWORD": "Tr0ub4dor-and-3"])
        #expect(run.status == 1)
        #expect(!run.standardError.contains(token))
        #expect(run.standardError.contains("Basic ::redacted::"))
    }

    /// `--password-file <(…)` is a pipe; the line break `echo` adds is not sent.
    @Test func thePasswordComesFromAPipeWithoutItsLineBreak() async throws {
        let (server, responder) = try await server(status: 200, body: "{}")
        defer { Task { await server.shutdown() } }
        let fifo = pki.directory + "/password-pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data("piped-password\n".utf8))
            try? handle?.close()
        }
        writer.start()
        let run = try await WizardProcess.run([
            "status", "--url", "https://127.0.0.1:\(try #require(server.port))", "--user", "elastic",
            "--password-file", fifo, "--ca", pki.caFile,
        ])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(
            responder.requests.first?.header("Authorization")
                == "Basic " + Data("elastic:piped-password".utf8).base64EncodedString())
    }

    @Test func anAPIKeyFromTheEnvironmentLosesItsLineBreak() async throws {
        let (server, responder) = try await server(status: 200, body: "{}")
        defer { Task { await server.shutdown() } }
        let key = Data("VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw".utf8).base64EncodedString()
        let run = try await WizardProcess.run(
            ["status", "--url", "https://127.0.0.1:\(try #require(server.port))", "--ca", pki.caFile],
            environment: ["ES_API_KEY": key + "\n"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(responder.requests.first?.header("Authorization") == "ApiKey \(key)")
    }

    @Test func aURLWithAPasswordIsRefusedWithoutEcho() async throws {
        let run = try await WizardProcess.run(["status", "--url", "https://elastic:Tr0ub4dor@127.0.0.1:9200"])
        #expect(run.status == 2)
        #expect(!run.standardError.contains("Tr0ub4dor"))
        #expect(run.standardError.contains("https://127.0.0.1:9200"))
    }

    @Test func aNegativeTimeoutGetsTheRange() async throws {
        for value in ["-1", "abc", "0", "1e9"] {
            let run = try await WizardProcess.run(["probe", "--proxy-address", "127.0.0.1:9443", "--timeout", value])
            #expect(run.status == 2, "\(value)")
            #expect(run.standardError.contains("above 0 and at most 300"), "\(value): \(run.standardError)")
        }
    }

    @Test func anUnbracketedIPv6ProxyAddressGetsItsBracketedForm() async throws {
        let run = try await WizardProcess.run(["probe", "--proxy-address", "2001:db8::7:9443"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("[2001:db8::7]:9443."))
    }
}
