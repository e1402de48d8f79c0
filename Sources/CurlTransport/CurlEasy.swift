import CCurl
import Foundation
import RemoteClusterKit

/// One libcurl easy handle plus everything it points at (error buffer, header lists), so that
/// they live exactly as long as the handle.
///
/// It is configured on the caller's thread and then handed to a `CurlMultiWorker`, which is the
/// only user from then on; the hand-off goes through the worker's lock.
final class CurlEasy: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var lists: [UnsafeMutablePointer<curl_slist>] = []

    init() {
        CurlGlobal.ensureInitialised()
        guard let handle = curl_easy_init() else {
            fatalError("curl_easy_init failed: libcurl is out of memory")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        set(CURLOPT_NOSIGNAL, 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    /// libcurl's detailed message for the last failure (the error buffer), or the generic text
    /// for `code` when the buffer is empty.
    func errorText(for code: CURLcode) -> String {
        let text = String(cString: errorBuffer).trimmingWhitespaceAndNewlines()
        return text.isEmpty ? String(cString: curl_easy_strerror(code)) : text
    }

    func set(_ option: CURLoption, _ value: Int) {
        _ = ccurl_setopt_long(handle, option, value)
    }

    func set(_ option: CURLoption, _ value: String) {
        // libcurl copies string options (since 7.17), so a temporary C string is enough.
        _ = value.withCString { ccurl_setopt_string(handle, option, $0) }
    }

    /// Sets a list option (headers, CONNECT_TO); the list is freed with the handle.
    func set(_ option: CURLoption, list values: [String]) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values { list = curl_slist_append(list, value) }
        guard let list else { return }
        lists.append(list)
        _ = ccurl_setopt_slist(handle, option, list)
    }

    /// Sets a body to send; libcurl keeps its own copy.
    func setBody(_ data: Data) {
        _ = ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(data.count))
        guard !data.isEmpty else { return set(CURLOPT_COPYPOSTFIELDS, "") }
        data.withUnsafeBytes { raw in
            _ = ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
        }
    }

    func long(_ info: CURLINFO) -> Int {
        var value = 0
        _ = ccurl_getinfo_long(handle, info, &value)
        return value
    }

    /// A `CURLINFO_*_TIME_T` value converted from microseconds to milliseconds.
    func milliseconds(_ info: CURLINFO) -> Double {
        var value: curl_off_t = 0
        _ = ccurl_getinfo_off_t(handle, info, &value)
        return Double(value) / 1000
    }

    /// The PEM text of every certificate libcurl collected with `CURLOPT_CERTINFO`, leaf first.
    func certificatePEMs() -> [String] {
        var info: UnsafeMutablePointer<curl_certinfo>?
        guard ccurl_getinfo_certinfo(handle, &info) == CURLE_OK, let info, let slots = info.pointee.certinfo
        else { return [] }
        var pems: [String] = []
        for index in 0..<Int(info.pointee.num_of_certs) {
            var node = slots[index]
            while let current = node {
                if let data = current.pointee.data {
                    let field = String(cString: data)
                    if field.hasPrefix("Cert:") { pems.append(String(field.dropFirst("Cert:".count))) }
                }
                node = current.pointee.next
            }
        }
        return pems
    }
}
