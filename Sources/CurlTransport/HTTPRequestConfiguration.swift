import CCurl
import Foundation
import RemoteClusterKit

/// Collects one response's headers and body from libcurl's callbacks, up to the size limits,
/// and the first bytes the server sent inside the TLS layer's record header.
final class HTTPResponseSink: @unchecked Sendable {
    var body = Data()
    var headers: [HTTPHeader] = []
    let maximumBodyBytes: Int
    let maximumHeaderBytes: Int
    private(set) var headerBytes = 0
    /// Set when the body or the headers went over their limit and the transfer was stopped.
    private(set) var tooLarge = false
    /// The first bytes read from the server before TLS decryption (the first record header
    /// OpenSSL saw), to tell a plain HTTP answer from other bytes when the handshake fails.
    private(set) var firstTLSBytes: [UInt8] = []
    private var sawStatusLine = false
    /// The first bytes of an answer that had no HTTP status line (libcurl hands such an
    /// answer over as an HTTP/0.9 body); the transfer is stopped as soon as they arrive.
    private(set) var nonHTTPAnswer: [UInt8]?

    init(
        maximumBodyBytes: Int = HTTPResponseLimits.maximumBodyBytes,
        maximumHeaderBytes: Int = HTTPResponseLimits.maximumHeaderBytes
    ) {
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumHeaderBytes = maximumHeaderBytes
    }

    /// Appends body bytes; false (stop the transfer) when they would pass the limit.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard sawStatusLine else {
            nonHTTPAnswer = Array(bytes.prefix(ProtocolBytes.shownCount * 2))
            return false
        }
        guard body.count + bytes.count <= maximumBodyBytes else {
            tooLarge = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Takes one raw header line; false (stop the transfer) when the headers pass their limit.
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Bool {
        headerBytes += bytes.count
        guard headerBytes <= maximumHeaderBytes else {
            tooLarge = true
            return false
        }
        receiveHeaderLine(String(decoding: bytes, as: UTF8.self))
        return true
    }

    /// Keeps the first raw bytes libcurl reports as received by the TLS layer.
    func receiveTLSData(_ bytes: UnsafeRawBufferPointer) {
        if firstTLSBytes.isEmpty { firstTLSBytes = Array(bytes.prefix(ProtocolBytes.shownCount * 2)) }
    }

    /// `CURLOPT_WRITEDATA` / `CURLOPT_HEADERDATA` value for this sink.
    var callbackPointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> HTTPResponseSink? {
        pointer.map { Unmanaged<HTTPResponseSink>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Takes one raw header line; a status line starts a new header block (after `100 Continue`).
    func receiveHeaderLine(_ line: String) {
        let trimmed = line.trimmingWhitespaceAndNewlines()
        if trimmed.hasPrefix("HTTP/") {
            sawStatusLine = true
            headers = []
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = String(trimmed[..<colon])
            let value = trimmed[trimmed.index(after: colon)...].trimmingWhitespace()
            headers.append(HTTPHeader(name, value))
        }
    }
}

// Returning anything but the length makes libcurl stop the transfer (CURLE_WRITE_ERROR).
private let writeBody: ccurl_data_callback = { data, size, count, userdata in
    let length = size * count
    guard let data, let sink = HTTPResponseSink.from(userdata) else { return length }
    return sink.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private let writeHeader: ccurl_data_callback = { data, size, count, userdata in
    let length = size * count
    guard let data, let sink = HTTPResponseSink.from(userdata) else { return length }
    return sink.receiveHeader(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// libcurl's verbose output, of which only the raw TLS bytes received are kept (never the
/// request headers, which hold the credentials).
private let recordTLSData: ccurl_debug_callback = { _, type, data, size, userdata in
    guard type == CURLINFO_SSL_DATA_IN, let data, let sink = HTTPResponseSink.from(userdata) else { return 0 }
    sink.receiveTLSData(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// Sets up an easy handle for one `HTTPRequest` to one `ClusterEndpoint`.
enum HTTPRequestConfiguration {
    static func apply(
        _ request: HTTPRequest, endpoint: ClusterEndpoint, url: String, to easy: CurlEasy, sink: HTTPResponseSink
    ) {
        easy.set(CURLOPT_URL, url)
        easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        easy.set(CURLOPT_FOLLOWLOCATION, 0)
        easy.set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        easy.set(CURLOPT_ACCEPT_ENCODING, "")
        // A declared Content-Length over the limit fails at once (CURLE_FILESIZE_EXCEEDED).
        _ = ccurl_setopt_off_t(easy.handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(sink.maximumBodyBytes))
        // Hand non-HTTP answers to the body, where the transport tells TLS from other bytes.
        easy.set(CURLOPT_HTTP09_ALLOWED, 1)

        switch request.method {
        case .get: easy.set(CURLOPT_HTTPGET, 1)
        case .head: easy.set(CURLOPT_NOBODY, 1)
        case .post, .put, .delete: easy.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
        var headers = ["Accept: application/json", "Expect:"]
        if let body = request.body {
            if request.method == .get { easy.set(CURLOPT_CUSTOMREQUEST, "GET") }
            easy.setBody(Data(body.jsonString(pretty: false).utf8))
            headers.append("Content-Type: application/json")
        } else if request.method == .post || request.method == .put {
            easy.setBody(Data())
        }
        if let authorization = endpoint.auth.authorizationHeader {
            headers.append("Authorization: \(authorization.revealed)")
        }
        headers += request.headers.map { "\($0.name): \($0.value)" }
        easy.set(CURLOPT_HTTPHEADER, list: headers)

        applyTLS(trust: endpoint.trust, insecure: endpoint.insecure, to: easy)
        applyTimeouts(endpoint.timeouts, to: easy)

        _ = ccurl_setopt_write_function(easy.handle, writeBody)
        _ = ccurl_setopt_pointer(easy.handle, CURLOPT_WRITEDATA, sink.callbackPointer)
        _ = ccurl_setopt_header_function(easy.handle, writeHeader)
        _ = ccurl_setopt_pointer(easy.handle, CURLOPT_HEADERDATA, sink.callbackPointer)
        easy.set(CURLOPT_VERBOSE, 1)
        _ = ccurl_setopt_debug_function(easy.handle, recordTLSData)
        _ = ccurl_setopt_pointer(easy.handle, CURLOPT_DEBUGDATA, sink.callbackPointer)
    }

    /// Verification on (chain and host name) unless `insecure`; the CA file or the system store.
    static func applyTLS(trust: TrustSource, insecure: Bool, to easy: CurlEasy) {
        easy.set(CURLOPT_SSL_VERIFYPEER, insecure ? 0 : 1)
        easy.set(CURLOPT_SSL_VERIFYHOST, insecure ? 0 : 2)
        if case .caFile(let path) = trust { easy.set(CURLOPT_CAINFO, path) }
    }

    /// Connect (TCP and TLS) and whole-request limits, in milliseconds.
    static func applyTimeouts(_ timeouts: Timeouts, to easy: CurlEasy) {
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(timeouts.connect * 1000)))
        easy.set(CURLOPT_TIMEOUT_MS, max(1, Int(timeouts.request * 1000)))
    }
}
