/// Splits `host:port` addresses for the artifacts (bracketed IPv6 allowed).
enum AddressParts {
    /// The host without brackets and the port, or nil when the text has no `:port`.
    static func split(_ address: String) -> (host: String, port: Int?)? {
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            let host = String(address[address.index(after: address.startIndex)..<close])
            let rest = address[address.index(after: close)...]
            return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        guard let colon = address.lastIndex(of: ":") else { return (address, nil) }
        return (String(address[..<colon]), Int(address[address.index(after: colon)...]))
    }

    /// Whether `host` is an IPv4 or IPv6 literal rather than a DNS name.
    static func isIPAddress(_ host: String) -> Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isNumber) && (Int(part) ?? 256) <= 255
        }
    }
}
