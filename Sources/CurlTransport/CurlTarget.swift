import Foundation
import RemoteClusterKit

/// The scheme, host and port of a request URL, for error messages and connection settings.
struct CurlTarget: Sendable, Hashable {
    var url: String
    var scheme: String
    /// The host as written, without IPv6 brackets.
    var host: String
    var port: Int

    /// Accepts `http://` and `https://` URLs with a host; the port defaults to 80 or 443.
    init(url: String) throws(TransportError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { throw TransportError.invalidURL(url) }
        self.url = url
        self.scheme = scheme
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
    }
}
