/// Why a request never got an HTTP response, with an explanation an operator can act on.
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL could not be used at all.
    case invalidURL(String)
    /// The host name did not resolve.
    case hostNotFound(host: String)
    /// Nothing accepted the TCP connection.
    case connectionRefused(host: String, port: Int)
    /// Connecting or the whole request took longer than allowed.
    case timedOut(phase: String, seconds: Double)
    /// The server's certificate chain is not trusted by the configured CA or store.
    case certificateNotTrusted(detail: String)
    /// The certificate is valid but issued for other names.
    case nameMismatch(detail: String)
    /// The certificate has expired or is not yet valid.
    case certificateExpired(detail: String)
    /// The TLS handshake failed for another reason.
    case handshakeFailed(detail: String)
    /// An `https://` URL reached a server that speaks plain HTTP.
    case plainHTTPOnTLSPort(host: String, port: Int)
    /// An `http://` URL reached a server that expects TLS.
    case tlsOnPlainHTTPURL(host: String, port: Int)
    /// The connection broke before the response was complete.
    case connectionReset(detail: String)
    /// The server answered in something that is neither HTTP nor (for `http://`) TLS;
    /// `overTLS` when the TLS handshake worked and what followed was not HTTP. `firstBytes` as
    /// ``ProtocolBytes/describe(_:)`` shows them, nil when they were not seen.
    case unknownProtocol(host: String, port: Int, overTLS: Bool, firstBytes: String?)
    /// The response was larger than the transport accepts (``HTTPResponseLimits``).
    case responseTooLarge(url: String, limitBytes: Int)
    /// The CA file could not be used.
    case caFileUnusable(path: String, detail: String)
    /// The caller cancelled the request before it finished.
    case cancelled
    /// Any other transport failure; `code` is the underlying library's code.
    case other(code: Int, detail: String)

    /// One or two sentences: what happened and what to do.
    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "\(url) is not a usable URL. Give it as https://HOST:PORT."
        case .hostNotFound(let host):
            return "The host name \(host) does not resolve. Check the spelling, or use an IP address."
        case .connectionRefused(let host, let port):
            return
                "Nothing is listening on \(host):\(port) (connection refused). Check the port and that the service is running and exposed."
        case .timedOut(let phase, let seconds):
            return
                "No answer within \(formatSeconds(seconds)) while \(phase). A firewall may be dropping the traffic, or the address is wrong."
        case .certificateNotTrusted(let detail):
            return "The server's certificate is not trusted: \(detail). Give the CA file that signed it."
        case .nameMismatch(let detail):
            return "The server's certificate is for other names: \(detail). Use a name the certificate carries."
        case .certificateExpired(let detail):
            return "The server's certificate is outside its validity period: \(detail). Renew it on the server."
        case .handshakeFailed(let detail):
            return "The TLS handshake failed: \(detail)."
        case .plainHTTPOnTLSPort(let host, let port):
            return
                "\(host):\(port) answered in plain HTTP, not TLS. Use http:// for this URL, or the cluster's HTTPS port."
        case .tlsOnPlainHTTPURL(let host, let port):
            return "\(host):\(port) expects TLS. Use https:// for this URL."
        case .connectionReset(let detail):
            return "The connection was closed before the response was complete: \(detail)."
        case .unknownProtocol(let host, let port, let overTLS, let firstBytes):
            let seen = firstBytes.map { " (first bytes: \($0))" } ?? ""
            if overTLS {
                return
                    "\(host):\(port) completed the TLS handshake but then answered in something other than HTTP\(seen). It is probably the transport port (9300) or the remote cluster server port (9443), not the REST API: use the cluster's HTTP port (9200 by default)."
            }
            return
                "\(host):\(port) answered with bytes that are neither HTTP nor TLS\(seen), so it is not an Elasticsearch REST endpoint. Check the host and port (the REST API listens on 9200 by default)."
        case .responseTooLarge(let url, let limit):
            return
                "Response too large: \(url) sent more than \(ByteCountText.describe(limit)), the most this tool reads. The URL probably does not point at Elasticsearch's REST API, or a proxy in front of it sends something else."
        case .caFileUnusable(let path, let detail):
            return "The CA file \(path) cannot be used: \(detail)."
        case .cancelled:
            return "The request was cancelled before it finished."
        case .other(let code, let detail):
            return "The request failed (code \(code)): \(detail)."
        }
    }
}

/// Sends HTTP requests to a cluster. Implementations never block the caller's thread.
///
/// `CurlTransport` is the real one; tests may use a recording stand-in.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the response, whatever its status.
    func send(_ request: HTTPRequest, to endpoint: ClusterEndpoint) async throws(TransportError) -> HTTPResponse
}

/// How much of a response a transport reads before it gives up with
/// ``TransportError/responseTooLarge(url:limitBytes:)``, so a body that never ends (or a huge
/// one) cannot grow the memory until the process dies.
public enum HTTPResponseLimits {
    /// 64 MiB. `GET /_remote/info` with ten thousand aliases is about 5 MiB.
    public static let maximumBodyBytes = 64 << 20
    /// 256 KiB of status line and header fields (below libcurl's own 300 KB limit, so that
    /// this limit, with its message, is the one that applies).
    public static let maximumHeaderBytes = 256 << 10
}
