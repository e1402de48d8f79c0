import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

/// The transport and the probe against servers that misbehave on purpose: endless or huge
/// answers end in "response too large" with the URL, silence ends in a bounded wait, and
/// bytes that are neither HTTP nor TLS are called that (never "plain HTTP").
@Suite struct HostileServerTests {
    /// The bytes a noise server sends: not an HTTP status line, not a TLS record.
    static let noise: [UInt8] = [0x5A, 0x3F, 0x00, 0x91, 0xC4, 0x07, 0x1B, 0x5B, 0x32, 0x4A, 0xEE, 0x10]

    /// Sends one request and returns the error, recording an issue when it succeeds.
    func failure(
        _ transport: CurlTransport = CurlTransport(), scheme: String, port: Int, path: String = "/_remote/info",
        timeouts: Timeouts = Timeouts(connect: 30, request: 60)
    ) async -> TransportError? {
        do {
            let response = try await transport.send(
                HTTPRequest(method: .get, path: path),
                to: ClusterEndpoint(baseURL: "\(scheme)://127.0.0.1:\(port)", insecure: true, timeouts: timeouts))
            Issue.record("expected a failure, got HTTP \(response.status)")
            return nil
        } catch {
            return error
        }
    }

    @Test func aBodyThatNeverEndsIsCutAtTheLimitWithTheURL() async throws {
        let server = try MisbehavingServer(.endlessBody)
        defer { server.stop() }
        let error = await failure(CurlTransport(maximumBodyBytes: 1 << 20), scheme: "http", port: server.port)
        let url = "http://127.0.0.1:\(server.port)/_remote/info"
        #expect(error == .responseTooLarge(url: url, limitBytes: 1 << 20))
        #expect(
            error?.description
                == "Response too large: \(url) sent more than 1 MiB, the most this tool reads. The URL probably does not point at Elasticsearch's REST API, or a proxy in front of it sends something else."
        )
    }

    @Test func aDeclaredLengthOverTheLimitFailsAtOnce() async throws {
        let server = try MisbehavingServer(
            .answer(
                Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{".utf8))
        )
        defer { server.stop() }
        let error = await failure(scheme: "http", port: server.port)
        #expect(
            error
                == .responseTooLarge(
                    url: "http://127.0.0.1:\(server.port)/_remote/info", limitBytes: HTTPResponseLimits.maximumBodyBytes
                ))
    }

    @Test func headersThatNeverEndAreCutToo() async throws {
        let server = try MisbehavingServer(.endlessHeaders)
        defer { server.stop() }
        let error = await failure(scheme: "http", port: server.port)
        guard case .responseTooLarge(let url, _) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(url == "http://127.0.0.1:\(server.port)/_remote/info")
    }

    /// The default limit leaves room for `_remote/info` with thousands of aliases.
    @Test func aLargeButRealisticAnswerPasses() async throws {
        let entry =
            #""alias-NNNNN":{"connected":true,"mode":"proxy","proxy_address":"lb.example.net:9443","server_name":"logs-es-remote-cluster.logs.svc","num_proxy_sockets_connected":18,"max_proxy_socket_connections":18,"initial_connect_timeout":"30s","skip_unavailable":true,"cluster_credentials":"::es_redacted::"}"#
        let body =
            "{"
            + (0..<10_000).map { entry.replacingOccurrences(of: "NNNNN", with: String($0)) }
            .joined(separator: ",") + "}"
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        let server = try MisbehavingServer(.answer(Array((head + body).utf8)))
        defer { server.stop() }
        let response = try await CurlTransport().send(
            HTTPRequest(method: .get, path: "/_remote/info"),
            to: ClusterEndpoint(baseURL: "http://127.0.0.1:\(server.port)"))
        #expect(response.body.count == body.utf8.count)
        #expect(response.body.count > 2 << 20)
    }

    @Test func randomBytesOnAnHTTPSURLAreNotCalledPlainHTTP() async throws {
        let server = try MisbehavingServer(.send(Self.noise))
        defer { server.stop() }
        let error = await failure(scheme: "https", port: server.port)
        #expect(
            error
                == .unknownProtocol(
                    host: "127.0.0.1", port: server.port, overTLS: false,
                    firstBytes: ProtocolBytes.describe(Self.noise.prefix(5))))
        #expect(error?.description.contains("neither HTTP nor TLS") == true)
        #expect(error?.description.contains("plain HTTP") == false)
    }

    @Test func randomBytesOnAnHTTPURLAreNotCalledTLS() async throws {
        let server = try MisbehavingServer(.send(Self.noise))
        defer { server.stop() }
        let error = await failure(scheme: "http", port: server.port, timeouts: Timeouts(connect: 5, request: 30))
        #expect(
            error
                == .unknownProtocol(
                    host: "127.0.0.1", port: server.port, overTLS: false,
                    firstBytes: ProtocolBytes.describe(Self.noise)))
    }

    /// The bytes of a TLS alert are recognised as TLS: the URL should use https://.
    @Test func aTLSAlertOnAnHTTPURLSaysTLS() async throws {
        let server = try MisbehavingServer(.answer([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]))
        defer { server.stop() }
        let error = await failure(scheme: "http", port: server.port)
        #expect(error == .tlsOnPlainHTTPURL(host: "127.0.0.1", port: server.port))
    }

    @Test func aServerThatAcceptsAndNeverAnswersGetsABoundedWait() async throws {
        let server = try MisbehavingServer(.silent)
        defer { server.stop() }
        let http = await failure(scheme: "http", port: server.port, timeouts: Timeouts(connect: 1, request: 1))
        #expect(http == .timedOut(phase: "waiting for the response from 127.0.0.1:\(server.port)", seconds: 1))
        let https = await failure(scheme: "https", port: server.port, timeouts: Timeouts(connect: 1, request: 5))
        #expect(https == .timedOut(phase: "doing the TLS handshake with 127.0.0.1:\(server.port)", seconds: 1))
    }

    @Test func theProbeCallsRandomBytesNeitherTLSNorHTTP() async throws {
        let server = try MisbehavingServer(.send(Self.noise))
        defer { server.stop() }
        let result = await CurlTLSProbe().probe(
            TLSProbeRequest(host: "127.0.0.1", port: server.port, trust: .systemStore, timeout: 5))
        // OpenSSL reads one TLS record header (5 bytes) before it gives up.
        #expect(result.handshake == .notTLS(firstBytes: ProtocolBytes.describe(Self.noise.prefix(5))))
        #expect(result.diagnosis?.cause == .otherProtocol)
        let report = TLSProbeReport.lines(for: result, symbols: .ascii).joined(separator: "\n")
        #expect(report.contains("neither TLS nor HTTP"))
        #expect(!report.contains("plain HTTP"))
    }

    @Test func theProbeWaitsForASilentServerOnlyUntilItsTimeout() async throws {
        let server = try MisbehavingServer(.silent)
        defer { server.stop() }
        let result = await CurlTLSProbe().probe(
            TLSProbeRequest(host: "127.0.0.1", port: server.port, trust: .systemStore, timeout: 0.5))
        #expect(result.handshake == .timedOut(seconds: 0.5))
    }
}
