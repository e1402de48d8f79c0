import CCurl
import Foundation
import Testing

@testable import CurlTransport
@testable import RemoteClusterKit

/// The mapping from libcurl's codes and error-buffer texts to `TransportError` cases, with the
/// texts libcurl 7.88 / OpenSSL 3 produce.
@Suite struct CurlFailureTests {
    static func failure(
        _ code: CURLcode, _ message: String, scheme: String = "https", errno: Int32 = 0, response: Bool = false,
        firstBytes: [UInt8] = []
    ) -> CurlFailure {
        CurlFailure(
            code: Int(code.rawValue), message: message, osErrno: errno, scheme: scheme, host: "es.example.net",
            port: 9200, receivedResponse: response,
            timeouts: Timeouts(connect: 2, request: 5), caFile: "/tmp/ca.crt", firstTLSBytes: firstBytes)
    }

    @Test func mapsEachFailureToItsCase() {
        let cases: [(CurlFailure, TransportError)] = [
            (
                Self.failure(CURLE_COULDNT_RESOLVE_HOST, "Could not resolve host: es.example.net"),
                .hostNotFound(host: "es.example.net")
            ),
            (
                Self.failure(
                    CURLE_COULDNT_CONNECT,
                    "Failed to connect to es.example.net port 9200 after 0 ms: Couldn't connect to server",
                    errno: ECONNREFUSED),
                .connectionRefused(host: "es.example.net", port: 9200)
            ),
            (
                Self.failure(
                    CURLE_OPERATION_TIMEDOUT,
                    "Failed to connect to es.example.net port 9200 after 2001 ms: Connection timed out after 2001 milliseconds"
                ),
                .timedOut(phase: "connecting to es.example.net:9200", seconds: 2)
            ),
            (
                Self.failure(CURLE_OPERATION_TIMEDOUT, "SSL connection timeout"),
                .timedOut(phase: "doing the TLS handshake with es.example.net:9200", seconds: 2)
            ),
            (
                Self.failure(
                    CURLE_OPERATION_TIMEDOUT, "Operation timed out after 5000 milliseconds with 0 bytes received"),
                .timedOut(phase: "waiting for the response from es.example.net:9200", seconds: 5)
            ),
            (
                Self.failure(
                    CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem: unable to get local issuer certificate"),
                .certificateNotTrusted(detail: "unable to get local issuer certificate")
            ),
            (
                Self.failure(
                    CURLE_PEER_FAILED_VERIFICATION,
                    "SSL: no alternative certificate subject name matches target host name 'es.example.net'"),
                .nameMismatch(
                    detail: "no alternative certificate subject name matches target host name 'es.example.net'")
            ),
            (
                Self.failure(CURLE_PEER_FAILED_VERIFICATION, "SSL certificate problem: certificate has expired"),
                .certificateExpired(detail: "certificate has expired")
            ),
            (
                Self.failure(
                    CURLE_SSL_CONNECT_ERROR, "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number",
                    firstBytes: Array("HTTP/1.1 400".utf8)),
                .plainHTTPOnTLSPort(host: "es.example.net", port: 9200)
            ),
            (
                // The same OpenSSL words for bytes that are not HTTP: not "plain HTTP".
                Self.failure(
                    CURLE_SSL_CONNECT_ERROR, "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number",
                    firstBytes: [0x5A, 0x3F, 0x00, 0x91]),
                .unknownProtocol(
                    host: "es.example.net", port: 9200, overTLS: false, firstBytes: #"5a 3f 00 91 ("Z?..")"#)
            ),
            (
                Self.failure(CURLE_GOT_NOTHING, "Empty reply from server", scheme: "http"),
                .tlsOnPlainHTTPURL(host: "es.example.net", port: 9200)
            ),
            (
                Self.failure(CURLE_PARTIAL_FILE, "transfer closed with 100 bytes remaining to read", response: true),
                .connectionReset(detail: "transfer closed with 100 bytes remaining to read")
            ),
            (
                Self.failure(CURLE_RECV_ERROR, "Recv failure: Connection reset by peer", response: true),
                .connectionReset(detail: "Recv failure: Connection reset by peer")
            ),
            (
                Self.failure(CURLE_SSL_CACERT_BADFILE, "error setting certificate file: /tmp/ca.crt"),
                .caFileUnusable(
                    path: "/tmp/ca.crt",
                    detail:
                        "libcurl could not load certificates from it (error setting certificate file: /tmp/ca.crt); it must be a readable PEM file with CA certificates"
                )
            ),
        ]
        for (failure, expected) in cases {
            #expect(failure.transportError == expected, "code \(failure.code): \(failure.message)")
        }
    }

    @Test func emptyReplyOnHTTPSIsAReset() {
        let error = Self.failure(CURLE_GOT_NOTHING, "Empty reply from server").transportError
        #expect(error == .connectionReset(detail: "es.example.net:9200 closed the connection without answering"))
    }

    @Test func connectFailureOtherThanRefusedKeepsTheDetail() {
        let error = Self.failure(CURLE_COULDNT_CONNECT, "Failed to connect: No route to host", errno: EHOSTUNREACH)
            .transportError
        #expect(
            error
                == .other(
                    code: 7, detail: "cannot connect to es.example.net:9200 (Failed to connect: No route to host)"))
    }
}
