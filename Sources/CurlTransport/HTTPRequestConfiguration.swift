import CCurl
import Foundation
import RemoteClusterKit

/// Collects one response's headers and body from libcurl's callbacks.
final class HTTPResponseSink: @unchecked Sendable {
    var body = Data()
    var headers: [HTTPHeader] = []

    /// `CURLOPT_WRITEDATA` / `CURLOPT_HEADERDATA` value for this sink.
    var callbackPointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> HTTPResponseSink? {
        pointer.map { Unmanaged<HTTPResponseSink>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Takes one raw header line; a status line starts a new header block (after `100 Continue`).
    func receiveHeaderLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            headers = []
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = String(trimmed[..<colon])
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append(HTTPHeader(name, value))
        }
    }
}

private let writeBody: ccurl_data_callback = { data, size, count, userdata in
    let length = size * count
    if let data, let sink = HTTPResponseSink.from(userdata) {
        sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
    }
    return length
}

private let writeHeader: ccurl_data_callback = { data, size, count, userdata in
    let length = size * count
    if let data, let sink = HTTPResponseSink.from(userdata) {
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        sink.receiveHeaderLine(String(decoding: bytes, as: UTF8.self))
    }
    return length
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
        switch endpoint.auth {
        case .none: break
        case .basic(let user, let password):
            let token = Data("\(user):\(password.revealed)".utf8).base64EncodedString()
            headers.append("Authorization: Basic \(token)")
        case .apiKey(let key):
            headers.append("Authorization: ApiKey \(key.revealed)")
        }
        headers += request.headers.map { "\($0.name): \($0.value)" }
        easy.set(CURLOPT_HTTPHEADER, list: headers)

        applyTLS(trust: endpoint.trust, insecure: endpoint.insecure, to: easy)
        applyTimeouts(endpoint.timeouts, to: easy)

        _ = ccurl_setopt_write_function(easy.handle, writeBody)
        _ = ccurl_setopt_pointer(easy.handle, CURLOPT_WRITEDATA, sink.callbackPointer)
        _ = ccurl_setopt_header_function(easy.handle, writeHeader)
        _ = ccurl_setopt_pointer(easy.handle, CURLOPT_HEADERDATA, sink.callbackPointer)
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
