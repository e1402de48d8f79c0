import RemoteClusterKit

/// The scheme, host and port of a request URL, for error messages and connection settings.
struct CurlTarget: Sendable, Hashable {
    var url: String
    var scheme: String
    /// The host as written, without IPv6 brackets.
    var host: String
    var port: Int

    /// Accepts `http://` and `https://` URLs with a host; the port defaults to 80 or 443.
    ///
    /// Read here rather than by `URLComponents`, whose `host` goes through ICU's IDNA tables:
    /// loading them was a quarter of a millisecond and a few hundred kilobytes of every `status`
    /// run, for a host that is only shown in messages. libcurl reads the URL itself for the
    /// transfer.
    init(url: String) throws(TransportError) {
        guard let parts = Self.parts(of: url) else { throw TransportError.invalidURL(url) }
        self.url = url
        (scheme, host) = (parts.scheme, parts.host)
        port = parts.port ?? (parts.scheme == "https" ? 443 : 80)
    }

    private static func parts(of url: String) -> (scheme: String, host: String, port: Int?)? {
        guard !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }),
            let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://")
        else { return nil }
        let scheme = url[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var authority = url[colon...].dropFirst(3).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }

        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { return nil }
            portText = after.isEmpty ? nil : after.dropFirst()
        } else {
            let pieces = authority.split(separator: ":", omittingEmptySubsequences: false)
            // More than one colon is an IPv6 address without its brackets.
            guard pieces.count <= 2 else { return nil }
            host = pieces[0]
            portText = pieces.count == 2 ? pieces[1] : nil
        }
        guard !host.isEmpty else { return nil }
        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText),
                number <= 65_535
            else { return nil }
            port = number
        }
        return (scheme, String(host), port)
    }
}
