import Foundation
import Testing

@testable import RemoteClusterKit

/// The request trace of `-v` and `--log-file`: one line per HTTP request, kubectl call and TLS
/// probe, written by the decorators at the transport and Kubernetes-client seam.
@Suite struct TraceTests {
    /// A trace written to a temporary file, and what it holds.
    struct CapturedTrace {
        let path: String
        let log: TraceLog

        init(timestamps: Bool = false) throws {
            path = try TestPaths.temporaryFolder().appendingPathComponent("trace.log").path
            let sink = try TraceSink.file(path)
            log =
                timestamps
                ? TraceLog(verbose: false, file: sink) : TraceLog(verbose: true, file: nil, standardError: sink)
        }

        var lines: [String] {
            ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    static let endpoint = ClusterEndpoint(
        baseURL: "https://central.example.net:9200", auth: .basic(user: "elastic", password: Secret("s3cret-password")))

    @Test func eachRequestIsOneLineWithMethodURLStatusAndTime() async throws {
        let trace = try CapturedTrace()
        let transport = trace.log.tracing(RecordingTransport(status: 200, json: [:]) as any HTTPTransport)
        _ = try await transport.send(HTTPRequest(method: .get, path: "/_remote/info"), to: Self.endpoint)
        _ = try await transport.send(
            HTTPRequest(method: .put, path: "/_cluster/settings", body: ["persistent": [:]]), to: Self.endpoint)

        let lines = trace.lines
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("trace: GET https://central.example.net:9200/_remote/info -> 200 ("))
        #expect(lines[0].hasSuffix(" ms)"))
        #expect(lines[1].hasPrefix("trace: PUT https://central.example.net:9200/_cluster/settings -> 200 ("))
    }

    @Test func aFailedRequestSaysWhyWithSecretsRedacted() async throws {
        let trace = try CapturedTrace()
        let failure = TransportError.handshakeFailed(detail: "peer said s3cret-password")
        let transport = trace.log.tracing(RecordingTransport([.failure(failure)]) as any HTTPTransport)
        await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(method: .get, path: "/"), to: Self.endpoint)
        }
        let line = try #require(trace.lines.first)
        #expect(line.hasPrefix("trace: GET https://central.example.net:9200/ -> failed after "))
        #expect(line.contains("The TLS handshake failed: peer said ::redacted::"))
        #expect(!line.contains("s3cret-password"))
    }

    @Test func theLogFileHasATimestampOnEveryLine() async throws {
        let trace = try CapturedTrace(timestamps: true)
        let transport = trace.log.tracing(RecordingTransport(status: 404, json: [:]) as any HTTPTransport)
        _ = try await transport.send(HTTPRequest(method: .get, path: "/_security/_authenticate"), to: Self.endpoint)
        let line = try #require(trace.lines.first)
        let stamp = try #require(line.split(separator: " ").first)
        #expect(ISO8601DateFormatter.withFractions.date(from: String(stamp)) != nil, "\(line)")
        #expect(line.hasSuffix(" ms)"))
        #expect(line.contains(" GET https://central.example.net:9200/_security/_authenticate -> 404 ("))
    }

    @Test func kubectlCallsAreTracedAsTheCommandKubectlReceived() async throws {
        let standIn = try KubectlClientTests.StandIn(#"echo '{"kind":"Elasticsearch","metadata":{"name":"central"}}'"#)
        let trace = try CapturedTrace()
        let kubectl = trace.log.tracing(standIn.client())
        let location = KubernetesLocation(context: "prod", namespace: "search")
        _ = try await kubectl.get(kind: "elasticsearch", name: "central", in: location)
        try await kubectl.apply(
            [["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "keys"], "stringData": ["k": "s3cret-key"]]],
            in: location)

        let lines = trace.lines
        #expect(lines.count == 2)
        let calls = standIn.calls
        #expect(lines[0].hasPrefix("trace: kubectl \(calls[0].joined(separator: " ")) -> ok ("))
        #expect(lines[1].hasPrefix("trace: kubectl \(calls[1].joined(separator: " ")) (Secret keys) -> ok ("))
        #expect(!lines.joined().contains("s3cret-key"))
    }

    @Test func aFailedKubectlCallQuotesKubectl() async throws {
        let standIn = try KubectlClientTests.StandIn("echo 'error: the server refused' >&2; exit 1")
        let trace = try CapturedTrace()
        let kubectl = trace.log.tracing(standIn.client())
        await #expect(throws: KubernetesError.self) {
            try await kubectl.delete(kind: "secret", name: "keys", in: KubernetesLocation(context: "c", namespace: "n"))
        }
        let line = try #require(trace.lines.first)
        #expect(line.hasPrefix("trace: kubectl --context c --namespace n delete secret keys -> failed after "))
        #expect(line.hasSuffix("error: the server refused"))
    }

    @Test func servicesAreTracedThroughOneCall() async throws {
        let trace = try CapturedTrace()
        let services = trace.log.tracing(
            SetupServices(
                transport: RecordingTransport(status: 200, json: [:]), prober: FailingProber(),
                kubernetes: KubectlClient(executable: "/nonexistent/kubectl", searchPath: nil)))
        _ = try await services.transport.send(HTTPRequest(method: .get, path: "/"), to: Self.endpoint)
        _ = await services.prober.probe(
            TLSProbeRequest(proxyAddress: try ProxyAddress(parsing: "lb.example.net:9443"), serverName: "logs.svc"))
        await #expect(throws: KubernetesError.kubectlNotFound) {
            try await services.kubernetes.verify(KubernetesLocation(context: "c", namespace: "n"))
        }
        let lines = trace.lines
        #expect(lines.count == 3)
        #expect(
            lines[1].hasPrefix(
                "trace: TLS probe lb.example.net:9443 (server name logs.svc, trusting the system trust store) -> failed"
            ))
        #expect(lines[2].hasPrefix("trace: kubectl config get-contexts -o name (is c there?) -> failed after "))
    }

    @Test func nothingIsWrappedWhenNothingIsTraced() {
        let log = TraceLog(verbose: false, file: nil)
        #expect(log.logger == nil)
        #expect(log.tracing(RecordingTransport(status: 200, json: [:]) as any HTTPTransport) is RecordingTransport)
    }

    @Test(arguments: [
        (Duration.milliseconds(12), "12 ms"), (.milliseconds(999), "999 ms"), (.milliseconds(1250), "1.25 s"),
    ])
    func durationsReadNaturally(elapsed: Duration, expected: String) {
        #expect(TraceText.format(elapsed) == expected)
    }
}

/// A prober whose every probe finds nothing listening.
struct FailingProber: TLSProbing {
    func probe(_ request: TLSProbeRequest) async -> TLSProbeResult {
        TLSProbeResult(request: request, connection: .refused)
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
