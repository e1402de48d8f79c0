import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

@Suite("LoopbackTLSServer", .stopsResources)
struct LoopbackTLSServerTests {
    static func echoResponder() -> HTTPResponder {
        { request in
            let body =
                "\(request.method) \(request.path) q=\(request.query["q"] ?? "-") body=\(String(decoding: request.body, as: UTF8.self))"
            return .respond(HTTPResponse(status: 201, headers: [HTTPHeader("X-Test", "yes")], body: Data(body.utf8)))
        }
    }

    @Test("HTTPS: trusted with the CA, SNI recorded, request routed")
    func httpsRoundTrip() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try GeneratedCA(commonName: "http CA")
        let leaf = try ca.issue(commonName: "svc", dnsNames: ["svc.example"], ipAddresses: ["127.0.0.1"])
        let caFile = try ca.writeCertificate(to: directory.path)
        let server = LoopbackTLSServer(security: .tls(leaf), behavior: .http(Self.echoResponder()))
        TestCleanup.add { await server.shutdown() }
        let port = try await server.start()
        #expect(port > 0)
        let result = try await ProcessRunner.curl([
            "--cacert", caFile, "--resolve", "svc.example:\(port):127.0.0.1", "-X", "PUT", "-d", "hello",
            "-D", "-", "https://svc.example:\(port)/a/b?q=1",
        ])
        await server.shutdown()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("HTTP/1.1 201"))
        #expect(result.stdout.lowercased().contains("x-test: yes"))
        #expect(result.stdout.hasSuffix("PUT /a/b q=1 body=hello"))
        #expect(server.observedServerNames == ["svc.example"])
        #expect(!server.isRunning)
    }

    @Test("HTTPS: a client without the CA refuses the certificate")
    func untrusted() async throws {
        let ca = try GeneratedCA(commonName: "untrusted CA")
        let leaf = try ca.issue(commonName: "svc", ipAddresses: ["127.0.0.1"])
        let server = LoopbackTLSServer(security: .tls(leaf), behavior: .http(Self.echoResponder()))
        TestCleanup.add { await server.shutdown() }
        let port = try await server.start()
        let result = try await ProcessRunner.curl(["https://127.0.0.1:\(port)/"])
        await server.shutdown()
        #expect(result.status == 60)  // CURLE_PEER_FAILED_VERIFICATION
    }

    @Test("plain HTTP listener")
    func plain() async throws {
        let server = LoopbackTLSServer(security: .plain, behavior: .http(Self.echoResponder()))
        TestCleanup.add { await server.shutdown() }
        let port = try await server.start()
        let result = try await ProcessRunner.curl(["http://127.0.0.1:\(port)/x"])
        await server.shutdown()
        #expect(result.stdout == "GET /x q=- body=")
        #expect(server.observedServerNames.isEmpty)
    }

    @Test("accept and never answer: the client times out")
    func neverAnswer() async throws {
        let server = LoopbackTLSServer(security: .plain, behavior: .neverAnswer)
        TestCleanup.add { await server.shutdown() }
        let port = try await server.start()
        let result = try await ProcessRunner.run(
            "/usr/bin/curl", ["-sS", "--max-time", "1", "https://127.0.0.1:\(port)/"])
        #expect(result.status == 28)  // CURLE_OPERATION_TIMEDOUT
        #expect(server.acceptedConnectionCount == 1)
        await server.shutdown()
    }

    @Test("close immediately: the client sees the connection end")
    func closeImmediately() async throws {
        let server = LoopbackTLSServer(security: .plain, behavior: .closeImmediately)
        TestCleanup.add { await server.shutdown() }
        let port = try await server.start()
        let result = try await ProcessRunner.curl(["http://127.0.0.1:\(port)/"])
        await server.shutdown()
        #expect(result.status == 52 || result.status == 56, "curl exit \(result.status): \(result.stderr)")
    }

    @Test("reset mid-response: the client gets a truncated body", arguments: [false, true])
    func resetMidResponse(tls: Bool) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try GeneratedCA(commonName: "reset CA")
        let caFile = try ca.writeCertificate(to: directory.path)
        let security: ListenerSecurity = tls ? .tls(try ca.issue(commonName: "r", ipAddresses: ["127.0.0.1"])) : .plain
        let server = LoopbackTLSServer(security: security, behavior: .resetMidResponse)
        TestCleanup.add { await server.shutdown() }
        let port = try await server.start()
        let scheme = tls ? "https" : "http"
        let result = try await ProcessRunner.curl(["--cacert", caFile, "\(scheme)://127.0.0.1:\(port)/"])
        await server.shutdown()
        // 18: transfer closed with bytes remaining; 56: connection reset while receiving.
        #expect([18, 56].contains(result.status), "curl exit \(result.status): \(result.stderr)")
    }

    @Test("behaviour switches for new connections; a restart reuses the port")
    func switchAndRestart() async throws {
        let server = LoopbackTLSServer(security: .plain, behavior: .http(Self.echoResponder()))
        TestCleanup.add { await server.shutdown() }
        let port = try await server.start()
        server.setBehavior(.http { _ in .respond(HTTPResponse(status: 500, body: Data("boom".utf8))) })
        let first = try await ProcessRunner.curl(["-w", "%{http_code}", "http://127.0.0.1:\(port)/"])
        #expect(first.stdout == "boom500")
        // Keep the port reserved while stopped: a released port can be taken at once by a listener
        // of a test running in parallel.
        await server.shutdown(keepingPort: true)
        let refused = try await ProcessRunner.curl(["http://127.0.0.1:\(port)/"])
        #expect(refused.status == 7)  // CURLE_COULDNT_CONNECT
        let again = try await server.start()
        #expect(again == port)
        await server.shutdown(keepingPort: true)
        #expect(try await ProcessRunner.curl(["http://127.0.0.1:\(port)/"]).status == 7)
        let intruder = LoopbackTLSServer(security: .plain, behavior: .closeImmediately)
        TestCleanup.add { await intruder.shutdown() }
        await #expect(throws: LoopbackTLSServer.StartError.self) { try await intruder.start(port: port) }
        #expect(try await server.start() == port)
        let second = try await ProcessRunner.curl(["-w", "%{http_code}", "http://127.0.0.1:\(port)/"])
        #expect(second.stdout == "boom500")
        await server.shutdown()
    }

    @Test("line protocol over TLS")
    func lines() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try GeneratedCA(commonName: "lines CA")
        let caFile = try ca.writeCertificate(to: directory.path)
        let server = LoopbackTLSServer(
            security: .tls(try ca.issue(commonName: "l", dnsNames: ["lines.example"])),
            behavior: .lines { line, info in .replyAndClose("echo \(line) sni=\(info.serverName ?? "none")") })
        TestCleanup.add { await server.shutdown() }
        let port = try await server.start()
        let result = try await ProcessRunner.run(
            "/usr/bin/openssl",
            [
                "s_client", "-quiet", "-connect", "127.0.0.1:\(port)", "-servername", "lines.example",
                "-CAfile", caFile, "-verify_return_error", "-verify_hostname", "lines.example",
            ],
            stdin: "hi there\n")
        await server.shutdown()
        #expect(result.stdout.contains("echo hi there sni=lines.example"), "\(result.stdout) \(result.stderr)")
    }
}

@Suite("LoopbackTLSServer port reservation", .stopsResources)
struct LoopbackTLSServerReservationTests {
    @Test("a reserved port refuses connections, cannot be taken, and is where start() listens")
    func reservation() async throws {
        let server = LoopbackTLSServer(security: .plain, behavior: .http { _ in .respond(HTTPResponse(status: 204)) })
        TestCleanup.add { await server.shutdown() }
        let port = try server.reservePort()
        #expect(!server.isRunning)
        #expect(try await ProcessRunner.curl(["http://127.0.0.1:\(port)/"]).status == 7)
        let intruder = LoopbackTLSServer(security: .plain, behavior: .closeImmediately)
        TestCleanup.add { await intruder.shutdown() }
        await #expect(throws: LoopbackTLSServer.StartError.self) { try await intruder.start(port: port) }
        #expect(try await server.start() == port)
        let answer = try await ProcessRunner.curl([
            "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/",
        ])
        #expect(answer.stdout == "204")
        await server.shutdown()
        #expect(try await intruder.start(port: port) == port)
        await intruder.shutdown()
    }
}
