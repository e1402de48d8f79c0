import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

/// `CurlTransport` against loopback servers with generated certificates.
@Suite struct CurlTransportTests {
    let pki: TestPKI
    let transport = CurlTransport()

    init() throws { pki = try TestPKI() }

    /// Sends and returns the error, or records an issue when the request succeeds.
    func failure(
        _ request: HTTPRequest = HTTPRequest(method: .get, path: "/"), to endpoint: ClusterEndpoint
    ) async -> TransportError? {
        do {
            let response = try await transport.send(request, to: endpoint)
            Issue.record("expected a failure, got HTTP \(response.status)")
            return nil
        } catch {
            return error
        }
    }

    @Test func trustedServerAnswersWithStatusHeadersAndBody() async throws {
        let responder = RecordingResponder(status: 201, body: #"{"acknowledged":true}"#)
        let server = try await pki.tlsServer(behavior: responder.behavior)
        defer { Task { await server.shutdown() } }
        let endpoint = ClusterEndpoint.loopback(
            port: try #require(server.port), trust: .caFile(pki.caFile))

        let response = try await transport.send(
            HTTPRequest(method: .get, path: "/_remote/info?pretty"), to: endpoint)

        #expect(response.status == 201)
        #expect(response.header("content-type") == "application/json")
        #expect(response.text == #"{"acknowledged":true}"#)
        let seen = try #require(responder.requests.first)
        #expect(seen.method == "GET")
        #expect(seen.uri == "/_remote/info?pretty")
    }

    @Test func sendsJSONBodyAndBasicAuthentication() async throws {
        let responder = RecordingResponder()
        let server = try await pki.tlsServer(behavior: responder.behavior)
        defer { Task { await server.shutdown() } }
        let endpoint = ClusterEndpoint.loopback(
            port: try #require(server.port), auth: .basic(user: "elastic", password: Secret("changeme")),
            trust: .caFile(pki.caFile))
        let body: JSONValue = ["persistent": ["cluster": ["remote": ["logs": ["mode": "proxy"]]]]]

        _ = try await transport.send(
            HTTPRequest(method: .put, path: "/_cluster/settings", body: body), to: endpoint)

        let seen = try #require(responder.requests.first)
        #expect(seen.method == "PUT")
        #expect(seen.header("Content-Type") == "application/json")
        #expect(
            seen.header("Authorization") == "Basic " + Data("elastic:changeme".utf8).base64EncodedString()
        )
        #expect(try JSONValue.parse(seen.body) == body)
    }

    @Test func sendsAPIKeyAuthorizationAndDeleteWithBody() async throws {
        let responder = RecordingResponder()
        let server = try await pki.tlsServer(behavior: responder.behavior)
        defer { Task { await server.shutdown() } }
        let endpoint = ClusterEndpoint.loopback(
            port: try #require(server.port), auth: .apiKey(Secret("aWQ6a2V5")), trust: .caFile(pki.caFile)
        )

        _ = try await transport.send(
            HTTPRequest(method: .delete, path: "/_security/api_key", body: ["name": "k"]), to: endpoint)

        let seen = try #require(responder.requests.first)
        #expect(seen.method == "DELETE")
        #expect(seen.header("Authorization") == "ApiKey aWQ6a2V5")
        #expect(try JSONValue.parse(seen.body) == ["name": "k"])
    }

    @Test func untrustedCertificate() async throws {
        let server = try await pki.tlsServer(
            issuer: pki.otherCA, behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let error = await failure(
            to: .loopback(port: try #require(server.port), trust: .caFile(pki.caFile)))
        guard case .certificateNotTrusted = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
    }

    @Test func systemStoreDoesNotTrustAPrivateCA() async throws {
        let server = try await pki.tlsServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let error = await failure(to: .loopback(port: try #require(server.port), trust: .systemStore))
        guard case .certificateNotTrusted = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
    }

    /// An endpoint built with nothing but its URL verifies the certificate (system store).
    @Test func verificationIsOnByDefault() async throws {
        let server = try await pki.tlsServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let endpoint = ClusterEndpoint(baseURL: "https://127.0.0.1:\(try #require(server.port))")
        #expect(!endpoint.insecure)
        let error = await failure(to: endpoint)
        guard case .certificateNotTrusted = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
    }

    @Test func insecureSkipsVerificationOnlyWhenAsked() async throws {
        let server = try await pki.tlsServer(
            dnsNames: ["elsewhere.test"], ipAddresses: [], issuer: pki.otherCA,
            behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let response = try await transport.send(
            HTTPRequest(method: .get, path: "/"),
            to: .loopback(port: try #require(server.port), trust: .systemStore, insecure: true))
        #expect(response.status == 200)
    }

    @Test func nameMismatch() async throws {
        let server = try await pki.tlsServer(
            dnsNames: ["other.example.net"], ipAddresses: [], behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let error = await failure(
            to: .loopback(port: try #require(server.port), trust: .caFile(pki.caFile)))
        guard case .nameMismatch(let detail) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(detail.contains("127.0.0.1"))
    }

    @Test func expiredCertificate() async throws {
        let server = try await pki.tlsServer(
            validity: .expired, behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let error = await failure(
            to: .loopback(port: try #require(server.port), trust: .caFile(pki.caFile)))
        guard case .certificateExpired = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
    }

    @Test func connectionRefused() async throws {
        let (port, holder) = try TestPKI.refusingPort()
        let error = await failure(to: .loopback(port: port, trust: .caFile(pki.caFile)))
        await holder.shutdown()
        #expect(error == .connectionRefused(host: "127.0.0.1", port: port))
    }

    @Test func plainHTTPServerOnAnHTTPSURL() async throws {
        let server = try await TestPKI.plainServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)
        let error = await failure(to: .loopback(port: port, trust: .caFile(pki.caFile)))
        #expect(error == .plainHTTPOnTLSPort(host: "127.0.0.1", port: port))
    }

    @Test func tlsServerOnAnHTTPURL() async throws {
        let server = try await pki.tlsServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)
        let error = await failure(to: .loopback(port: port, scheme: "http", trust: .systemStore))
        #expect(error == .tlsOnPlainHTTPURL(host: "127.0.0.1", port: port))
    }

    @Test func slowResponseTimesOut() async throws {
        let server = try await pki.tlsServer(behavior: .http { _ in .hang })
        defer { Task { await server.shutdown() } }
        let error = await failure(
            to: .loopback(
                port: try #require(server.port), trust: .caFile(pki.caFile),
                timeouts: Timeouts(connect: 30, request: 0.5)))
        #expect(
            error
                == .timedOut(
                    phase: "waiting for the response from 127.0.0.1:\(try #require(server.port))",
                    seconds: 0.5))
    }

    @Test func silentServerTimesOutDuringTheHandshake() async throws {
        let server = try await pki.tlsServer(behavior: .neverAnswer)
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)
        let error = await failure(
            to: .loopback(
                port: port, trust: .caFile(pki.caFile), timeouts: Timeouts(connect: 0.5, request: 5)))
        #expect(
            error == .timedOut(phase: "doing the TLS handshake with 127.0.0.1:\(port)", seconds: 0.5))
    }

    @Test func resetInTheMiddleOfTheResponse() async throws {
        let server = try await pki.tlsServer(behavior: .resetMidResponse)
        defer { Task { await server.shutdown() } }
        let error = await failure(
            to: .loopback(port: try #require(server.port), trust: .caFile(pki.caFile)))
        guard case .connectionReset = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
    }

    @Test func unusableCAFile() async throws {
        let server = try await pki.tlsServer(behavior: RecordingResponder().behavior)
        defer { Task { await server.shutdown() } }
        let notPEM = try pki.file(named: "not-a-ca.crt", text: "hello\n")
        let error = await failure(
            to: .loopback(port: try #require(server.port), trust: .caFile(notPEM)))
        guard case .caFileUnusable(let path, _) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(path == notPEM)
    }

    @Test func reusesTheConnectionForConsecutiveRequests() async throws {
        let responder = RecordingResponder()
        let server = try await pki.tlsServer(behavior: responder.behavior)
        defer { Task { await server.shutdown() } }
        let endpoint = ClusterEndpoint.loopback(
            port: try #require(server.port), trust: .caFile(pki.caFile))

        _ = try await transport.send(HTTPRequest(method: .get, path: "/first"), to: endpoint)
        _ = try await transport.send(HTTPRequest(method: .get, path: "/second"), to: endpoint)

        #expect(responder.requests.map(\.uri) == ["/first", "/second"])
        #expect(server.acceptedConnectionCount == 1)
        #expect(Set(responder.requests.map(\.connection.id)).count == 1)
    }

    @Test func manyParallelRequestsAllComplete() async throws {
        let responder = RecordingResponder()
        let server = try await pki.tlsServer(behavior: responder.behavior)
        defer { Task { await server.shutdown() } }
        let endpoint = ClusterEndpoint.loopback(
            port: try #require(server.port), trust: .caFile(pki.caFile))
        let transport = self.transport

        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await transport.send(HTTPRequest(method: .get, path: "/n/\(index)"), to: endpoint)
                        .status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }

        #expect(statuses == Array(repeating: 200, count: 40))
        #expect(Set(responder.requests.map(\.uri)).count == 40)
    }

    /// Far more requests in flight than the concurrency pool has threads still leave the pool free:
    /// a transport that blocked its caller's thread would starve it until the requests time out,
    /// and the check below would only run after some of them had finished.
    @Test func requestsInFlightDoNotHoldTheCallersThreads() async throws {
        let server = try await pki.tlsServer(behavior: .http { _ in .hang })
        defer { Task { await server.shutdown() } }
        let endpoint = ClusterEndpoint.loopback(
            port: try #require(server.port), trust: .caFile(pki.caFile),
            timeouts: Timeouts(connect: 5, request: 20))
        let transport = self.transport
        let finished = FinishedRequests()
        let requests = (0..<(ProcessInfo.processInfo.activeProcessorCount * 4 + 4)).map { index in
            Task {
                _ = try? await transport.send(HTTPRequest(method: .get, path: "/n/\(index)"), to: endpoint)
                await finished.add()
            }
        }

        let finishedWhenThePoolWasFree = await Task { await finished.count }.value

        #expect(finishedWhenThePoolWasFree == 0)
        for request in requests { request.cancel() }
        for request in requests { await request.value }
        #expect(await finished.count == requests.count)
    }

    @Test func cancellingTheTaskAbortsTheRequest() async throws {
        let server = try await pki.tlsServer(behavior: .http { _ in .hang })
        defer { Task { await server.shutdown() } }
        let endpoint = ClusterEndpoint.loopback(
            port: try #require(server.port), trust: .caFile(pki.caFile),
            timeouts: Timeouts(connect: 5, request: 60))
        let task = Task { await failure(to: endpoint) }
        // Cancel once the request has reached the server.
        let deadline = Date().addingTimeInterval(10)
        while server.acceptedConnectionCount == 0 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        #expect(await task.value == .cancelled)
    }
}

/// Counts the requests that have come back.
private actor FinishedRequests {
    private(set) var count = 0
    func add() { count += 1 }
}
