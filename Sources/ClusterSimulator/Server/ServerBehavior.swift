import Foundation
import RemoteClusterKit

/// Whether a loopback listener speaks TLS, and with which certificate.
public enum ListenerSecurity: Sendable {
    /// Plain TCP.
    case plain
    /// TLS with this chain (leaf first, PEM) and private key (PEM).
    case tls(certificateChainPEM: String, privateKeyPEM: String)
    /// TLS that also requires a client certificate issued by one of `clientCAsPEM` (Elasticsearch's
    /// transport port: `xpack.security.transport.ssl.client_authentication: required` by default).
    case mutualTLS(certificateChainPEM: String, privateKeyPEM: String, clientCAsPEM: String)

    /// TLS with a certificate issued by a `GeneratedCA`.
    public static func tls(_ issued: IssuedCertificate) -> ListenerSecurity {
        .tls(certificateChainPEM: issued.chainPEM, privateKeyPEM: issued.privateKeyPEM)
    }

    /// TLS with a certificate issued by a `GeneratedCA`, requiring client certificates from `clientCA`.
    public static func mutualTLS(_ issued: IssuedCertificate, clientCA: GeneratedCA) -> ListenerSecurity {
        .mutualTLS(
            certificateChainPEM: issued.chainPEM, privateKeyPEM: issued.privateKeyPEM,
            clientCAsPEM: clientCA.certificatePEM)
    }
}

/// What the listener knows about one accepted connection.
public struct ConnectionInfo: Sendable, Hashable {
    /// A number unique within the listener, counting from 1.
    public var id: Int
    /// The SNI host name the client sent in its TLS hello; nil for plain TCP or no SNI.
    public var serverName: String?
    /// The client's address as text, e.g. `127.0.0.1:53422`.
    public var peer: String

    public init(id: Int, serverName: String?, peer: String) {
        self.id = id
        self.serverName = serverName
        self.peer = peer
    }
}

/// One HTTP/1.1 request as the listener received it.
public struct IncomingHTTPRequest: Sendable {
    /// `GET`, `PUT`, ... as sent.
    public var method: String
    /// The request target as sent, path and query, e.g. `/_remote/info?pretty`.
    public var uri: String
    public var headers: [HTTPHeader]
    public var body: Data
    public var connection: ConnectionInfo

    public init(
        method: String, uri: String, headers: [HTTPHeader] = [], body: Data = Data(),
        connection: ConnectionInfo = ConnectionInfo(id: 0, serverName: nil, peer: "test")
    ) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
        self.connection = connection
    }

    /// The path without the query string, still percent-encoded.
    public var path: String {
        uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
    }

    /// The raw query string (after `?`), or empty.
    public var queryString: String {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count > 1 ? String(parts[1]) : ""
    }

    /// The query parameters, percent-decoded; a parameter without `=` has the value `""`.
    public var query: [String: String] {
        var result: [String: String] = [:]
        for pair in queryString.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(kv[0]).removingPercentEncoding ?? String(kv[0])
            let value =
                kv.count > 1
                ? (String(kv[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(kv[1])) : ""
            result[key] = value
        }
        return result
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// How the listener answers one HTTP request.
public enum HTTPServerReply: Sendable {
    /// A complete response.
    case respond(HTTPResponse)
    /// The status line and headers of the response (its body is ignored), then each chunk of the
    /// stream as it comes (chunked transfer encoding), then the end when the stream finishes; the
    /// stream is cancelled when the client goes away.
    case stream(HTTPResponse, AsyncStream<Data>)
    /// The status line, headers and part of the body, then the connection is reset.
    case resetMidResponse
    /// Nothing at all; the connection stays open until the client gives up.
    case hang
}

/// Answers HTTP requests for a listener.
public typealias HTTPResponder = @Sendable (IncomingHTTPRequest) async -> HTTPServerReply

/// How the listener answers one line of a line-based protocol.
public enum LineReply: Sendable {
    /// Send this line (a newline is added) and keep the connection open.
    case reply(String)
    /// Send this line, then close the connection.
    case replyAndClose(String)
    /// Close without answering.
    case close
}

/// Answers the lines a client sends on a line-based listener (one call per line, in order).
public typealias LineResponder = @Sendable (String, ConnectionInfo) async -> LineReply

/// What a listener does with each accepted connection. Changing it affects new connections only.
public enum ListenerBehavior: Sendable {
    /// HTTP/1.1 with keep-alive; every request goes to the responder.
    case http(HTTPResponder)
    /// A line-based protocol after TLS (see `RemoteClusterHandshake`).
    case lines(LineResponder)
    /// Accept the TCP connection and never send a byte (no TLS handshake either).
    case neverAnswer
    /// Accept the TCP connection and close it at once.
    case closeImmediately
    /// Speak HTTP, but answer every request with part of a response and then reset the connection.
    case resetMidResponse
}
