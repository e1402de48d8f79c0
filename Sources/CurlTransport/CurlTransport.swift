// The CurlTransport module. See DESIGN.md for what belongs here.
import CCurl
import Foundation
import RemoteClusterKit

/// The libcurl version this binary runs with, e.g. `libcurl/7.88.1 OpenSSL/3.0.19`.
public var libcurlVersion: String { String(cString: curl_version()) }

/// Initialises libcurl once per process, before the first handle is created.
enum CurlGlobal {
    /// Call before creating any libcurl handle; cheap after the first call (the C side runs
    /// `curl_global_init` once, here or on the preload thread).
    static func ensureInitialised() { _ = ccurl_global_init_once() }
}

/// The real `HTTPTransport`: HTTP/1.1 and TLS over libcurl.
///
/// Requests run on one dedicated thread per transport (a `curl_multi` loop), so `send` never
/// blocks the caller's thread and many requests can be in flight at once. Connections to the
/// same host are kept open and reused. TLS verification (chain and host name) is on unless the
/// endpoint is explicitly `insecure`. Cancelling the calling task aborts its request.
///
/// Keep one transport for the life of the program (or of a screen): its first request loads
/// libcurl and starts its thread, and releasing the transport stops that thread. Creating one
/// costs nothing until then.
///
/// Responses are read up to ``HTTPResponseLimits`` (or the limit given to `init`); a larger one
/// fails with ``TransportError/responseTooLarge(url:limitBytes:)``.
public final class CurlTransport: HTTPTransport {
    private let worker = DeferredCurlWorker(name: "CurlTransport")
    private let maximumBodyBytes: Int

    /// - Parameter maximumBodyBytes: the largest response body accepted.
    public init(maximumBodyBytes: Int = HTTPResponseLimits.maximumBodyBytes) {
        self.maximumBodyBytes = maximumBodyBytes
    }

    deinit { worker.shutdown() }

    /// Whether a request has loaded libcurl and started the transport's thread.
    var hasStartedWorker: Bool { worker.hasStarted }

    public func send(_ request: HTTPRequest, to endpoint: ClusterEndpoint) async throws(TransportError) -> HTTPResponse
    {
        let target = try CurlTarget(url: endpoint.baseURL + request.path)
        // The worker first: it initialises libcurl before the first handle is made.
        let worker = self.worker.worker
        let easy = CurlEasy()
        let sink = HTTPResponseSink(maximumBodyBytes: maximumBodyBytes)
        HTTPRequestConfiguration.apply(request, endpoint: endpoint, url: target.url, to: easy, sink: sink)
        let outcome = await worker.perform(easy)
        // The sink is read by libcurl callbacks until the transfer ends.
        return try withExtendedLifetime(sink) { () throws(TransportError) -> HTTPResponse in
            switch outcome {
            case .cancelled:
                throw TransportError.cancelled
            case .finished(let code) where code == CURLE_OK:
                let status = easy.long(CURLINFO_RESPONSE_CODE)
                // Status 0: no HTTP status line came back (libcurl took it as HTTP/0.9).
                guard status != 0 else { throw Self.notHTTP(sink.body, target: target) }
                return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
            case .finished(let code):
                if let answer = sink.nonHTTPAnswer { throw Self.notHTTP(Data(answer), target: target) }
                if sink.tooLarge || code == CURLE_FILESIZE_EXCEEDED {
                    throw TransportError.responseTooLarge(
                        url: URLUserinfo.removed(from: target.url), limitBytes: maximumBodyBytes)
                }
                let failure = CurlFailure(
                    code: Int(code.rawValue), message: easy.errorText(for: code).redacting(endpoint.auth.secrets),
                    osErrno: Int32(easy.long(CURLINFO_OS_ERRNO)), scheme: target.scheme, host: target.host,
                    port: target.port, receivedResponse: easy.long(CURLINFO_HEADER_SIZE) > 0,
                    timeouts: endpoint.timeouts,
                    caFile: endpoint.trust.caFilePath, firstTLSBytes: sink.firstTLSBytes)
                throw failure.transportError
            }
        }
    }
}

extension CurlTransport {
    /// The error for an answer without an HTTP status line: a TLS record on an `http://` URL
    /// means the port wants TLS; anything else is another protocol.
    static func notHTTP(_ body: Data, target: CurlTarget) -> TransportError {
        if target.scheme == "http", ProtocolBytes.kind(of: body) == .tls {
            return .tlsOnPlainHTTPURL(host: target.host, port: target.port)
        }
        return .unknownProtocol(
            host: target.host, port: target.port, overTLS: target.scheme == "https",
            firstBytes: body.isEmpty ? nil : ProtocolBytes.describe(body))
    }
}

extension TrustSource {
    /// The CA file path, or nil for the system store.
    var caFilePath: String? {
        if case .caFile(let path) = self { return path }
        return nil
    }
}

/// libcurl is loaded by the first request; a machine without it gets a message and exit status
/// 127 then. A full-screen program sets a hook that gives the terminal back first.
public enum LibcurlLoading {
    /// Starts loading libcurl (and initialising it) on a thread of its own, for a command that is
    /// about to send a request: the loading (the thirty libraries' mapping and relocation, about
    /// 5 ms) then runs beside the command's own start instead of before its first request. The
    /// first request waits for it to finish, and reports a library that could not be loaded, as
    /// without it. Calls after the first do nothing.
    ///
    /// Call it before the program starts other threads where it can: while the dynamic loader
    /// maps libcurl, no other thread can be created, and threads that run beside it slow it down.
    public static func preload() { ccurl_preload() }

    /// `hook` runs on the thread of the first request, just before the message and the exit.
    public static func beforeExitingOnFailure(_ hook: @convention(c) () -> Void) {
        ccurl_set_load_failure_hook(hook)
    }
}
