/// Host and port of the addresses in a setup, for the artifacts.
enum AddressParts {
    /// The host (without brackets) and port of a validated `host:port`, or nil.
    static func split(_ address: String) -> (host: String, port: Int?)? {
        guard let parsed = try? ProxyAddress(parsing: address) else { return nil }
        return (parsed.host, parsed.port)
    }

    /// Whether `host` is an IPv4 or IPv6 literal rather than a DNS name.
    static func isIPAddress(_ host: String) -> Bool {
        HostSyntax.isIPv4(host) || HostSyntax.isIPv6(host)
    }
}
