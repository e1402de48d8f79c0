import ClusterSimulator
import Foundation
import RemoteClusterKit

/// Certificates and loopback servers for the transport and probe tests, generated per test.
struct TestPKI {
    let directory: String
    let ca: GeneratedCA
    /// The trusted CA's certificate file.
    let caFile: String
    /// A second, unrelated CA.
    let otherCA: GeneratedCA
    let otherCAFile: String

    init() throws {
        directory = NSTemporaryDirectory() + "curl-transport-tests-\(UUID().uuidString)"
        ca = try GeneratedCA(commonName: "Test Remote CA")
        caFile = try ca.write(to: directory, baseName: "remote-ca").certificate
        otherCA = try GeneratedCA(commonName: "Unrelated Test CA")
        otherCAFile = try otherCA.write(to: directory, baseName: "other-ca").certificate
    }

    /// A file in the test directory holding `text`.
    func file(named name: String, text: String) throws -> String {
        let path = "\(directory)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A started TLS listener with a certificate for `localhost` and `127.0.0.1` (or other names).
    func tlsServer(
        dnsNames: [String] = ["localhost"], ipAddresses: [String] = ["127.0.0.1"],
        validity: CertificateValidity = .valid(), issuer: GeneratedCA? = nil, behavior: ListenerBehavior
    ) async throws -> LoopbackTLSServer {
        let issued = try (issuer ?? ca).issue(
            commonName: dnsNames.first ?? "node", dnsNames: dnsNames, ipAddresses: ipAddresses,
            validity: validity)
        let server = LoopbackTLSServer(security: .tls(issued), behavior: behavior)
        try await server.start(port: 0)
        return server
    }

    /// A started plain-TCP listener.
    static func plainServer(behavior: ListenerBehavior) async throws -> LoopbackTLSServer {
        let server = LoopbackTLSServer(security: .plain, behavior: behavior)
        try await server.start(port: 0)
        return server
    }

    /// A loopback port that refuses connections: bound but never listening, so no test running in
    /// parallel can start a listener there. It stays reserved until `holder.shutdown()`.
    static func refusingPort() throws -> (port: Int, holder: LoopbackTLSServer) {
        let holder = LoopbackTLSServer(security: .plain, behavior: .closeImmediately)
        return (try holder.reservePort(), holder)
    }
}

/// An HTTP behaviour that answers every request with JSON and records what it received.
final class RecordingResponder: Sendable {
    private let received = LockedBox<[IncomingHTTPRequest]>([])
    let status: Int
    let body: String

    init(status: Int = 200, body: String = #"{"ok":true}"#) {
        self.status = status
        self.body = body
    }

    var requests: [IncomingHTTPRequest] { received.withLock { $0 } }

    var behavior: ListenerBehavior {
        .http { [self] request in
            received.withLock { $0.append(request) }
            return .respond(
                HTTPResponse(
                    status: status, headers: [HTTPHeader("Content-Type", "application/json")],
                    body: Data(body.utf8)))
        }
    }
}

/// A minimal lock-protected value for test bookkeeping.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

extension ClusterEndpoint {
    /// An endpoint on 127.0.0.1 for tests, with timeouts long enough for a loaded machine (tests of
    /// the timeouts themselves pass their own).
    static func loopback(
        port: Int, scheme: String = "https", host: String = "127.0.0.1", auth: ClusterAuth = .none,
        trust: TrustSource, insecure: Bool = false,
        timeouts: Timeouts = Timeouts(connect: 30, request: 60)
    ) -> ClusterEndpoint {
        ClusterEndpoint(
            baseURL: "\(scheme)://\(host):\(port)", auth: auth, trust: trust, insecure: insecure,
            timeouts: timeouts)
    }
}
