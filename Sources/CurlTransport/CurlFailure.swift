import CCurl
import Foundation
import RemoteClusterKit

/// What libcurl reported about a failed transfer, with the context needed to explain it.
///
/// Built from the easy handle after the transfer; `transportError` turns it into the specific
/// `TransportError` case. Kept free of handles so the mapping is unit-tested directly.
struct CurlFailure: Sendable, Hashable {
    /// The `CURLcode` as an integer.
    var code: Int
    /// The error buffer text (or libcurl's generic text for the code).
    var message: String
    /// The operating system's errno for connect failures (`CURLINFO_OS_ERRNO`), 0 when unknown.
    var osErrno: Int32 = 0
    /// `https` or `http`.
    var scheme: String
    var host: String
    var port: Int
    /// Whether any response bytes (status line or headers) arrived.
    var receivedResponse: Bool
    var timeouts: Timeouts
    /// The CA file in use, for `caFileUnusable`.
    var caFile: String?
    /// The first bytes the server sent when TLS was expected, to tell plain HTTP from other
    /// protocols; empty when none were seen.
    var firstTLSBytes: [UInt8] = []

    /// The specific, operator-facing error for this failure.
    var transportError: TransportError {
        let curlCode = CURLcode(rawValue: UInt32(code))
        let lower = message.lowercased()
        let tlsAnswerToPlainRequest: [CURLcode] = [
            CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_UNSUPPORTED_PROTOCOL, CURLE_WEIRD_SERVER_REPLY,
        ]
        if scheme == "http" && !receivedResponse && tlsAnswerToPlainRequest.contains(curlCode) {
            // A TLS server drops a plaintext request, answers with a TLS alert (read as
            // HTTP/0.9), or resets the connection.
            return .tlsOnPlainHTTPURL(host: host, port: port)
        }
        switch curlCode {
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidURL("\(scheme)://\(host):\(port)")
        case CURLE_COULDNT_RESOLVE_HOST:
            return .hostNotFound(host: host)
        case CURLE_COULDNT_CONNECT:
            if osErrno == ECONNREFUSED || lower.contains("refused") {
                return .connectionRefused(host: host, port: port)
            }
            return .other(code: code, detail: "cannot connect to \(host):\(port) (\(message))")
        case CURLE_OPERATION_TIMEDOUT:
            // libcurl 7.x/8.x wording: "Resolving timed out after ...", "Connection timed out
            // after ...", "SSL connection timeout", "Operation timed out after ... bytes received".
            if lower.contains("ssl connection timeout") {
                return .timedOut(phase: "doing the TLS handshake with \(host):\(port)", seconds: timeouts.connect)
            }
            if lower.contains("connection timed out") || lower.contains("resolving timed out") {
                return .timedOut(phase: "connecting to \(host):\(port)", seconds: timeouts.connect)
            }
            return .timedOut(phase: "waiting for the response from \(host):\(port)", seconds: timeouts.request)
        case CURLE_PEER_FAILED_VERIFICATION:
            return Self.verificationError(message)
        case CURLE_SSL_CACERT_BADFILE:
            return .caFileUnusable(
                path: caFile ?? "(none)",
                detail:
                    "libcurl could not load certificates from it (\(message)); it must be a readable PEM file with CA certificates"
            )
        case CURLE_SSL_CONNECT_ERROR:
            if lower.contains("wrong version number") || lower.contains("packet length too long")
                || lower.contains("http request") || lower.contains("record layer failure")
            {
                // OpenSSL says the same for an HTTP answer and for any other bytes.
                if ProtocolBytes.kind(of: firstTLSBytes) == .http {
                    return .plainHTTPOnTLSPort(host: host, port: port)
                }
                return .unknownProtocol(
                    host: host, port: port, overTLS: false,
                    firstBytes: firstTLSBytes.isEmpty ? nil : ProtocolBytes.describe(firstTLSBytes))
            }
            if lower.contains("unexpected eof") || lower.contains("connection reset") {
                return .handshakeFailed(detail: "the server closed the connection during the handshake (\(message))")
            }
            return .handshakeFailed(detail: message)
        case CURLE_GOT_NOTHING:
            return .connectionReset(detail: "\(host):\(port) closed the connection without answering")
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connectionReset(detail: message)
        default:
            return .other(code: code, detail: message)
        }
    }

    /// Tells the certificate verification failures apart by OpenSSL's and libcurl's wording.
    static func verificationError(_ message: String) -> TransportError {
        let lower = message.lowercased()
        if lower.contains("has expired") || lower.contains("not yet valid") {
            return .certificateExpired(detail: stripPrefix(message))
        }
        if lower.contains("subject name") || lower.contains("host name") || lower.contains("hostname") {
            return .nameMismatch(detail: stripPrefix(message))
        }
        return .certificateNotTrusted(detail: stripPrefix(message))
    }

    /// Drops libcurl's "SSL certificate problem: " and "SSL: " prefixes.
    private static func stripPrefix(_ message: String) -> String {
        for prefix in ["SSL certificate problem: ", "SSL: "] where message.hasPrefix(prefix) {
            return String(message.dropFirst(prefix.count))
        }
        return message
    }
}
