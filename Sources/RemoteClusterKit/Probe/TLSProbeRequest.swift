/// What to check before a remote is added: a TLS handshake to a proxy address, with the server
/// name (SNI) and the trust the local cluster will use.
public struct TLSProbeRequest: Sendable, Hashable {
    /// The host to connect to, without IPv6 brackets.
    public var host: String
    public var port: Int
    /// The TLS server name (SNI) to send and to check the certificate against; nil sends none
    /// and checks the certificate against `host`.
    public var serverName: String?
    /// The CA file the local cluster will trust, or the system store for a public CA.
    public var trust: TrustSource
    /// Seconds allowed for the TCP connection plus the handshake.
    public var timeout: Double

    public init(
        host: String, port: Int, serverName: String? = nil, trust: TrustSource = .systemStore, timeout: Double = 10
    ) {
        let trimmed = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.host = trimmed
        self.port = port
        self.serverName = serverName.flatMap { $0.isEmpty ? nil : $0 }
        self.trust = trust
        self.timeout = timeout
    }

    /// `host:port`, with brackets around an IPv6 host.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The name the certificate must carry: the server name when given, else the host.
    public var expectedName: String { serverName ?? host }
}

extension TLSProbeRequest {
    /// A request for a validated proxy address.
    public init(
        proxyAddress: ProxyAddress, serverName: String? = nil, trust: TrustSource = .systemStore, timeout: Double = 10
    ) {
        self.init(
            host: proxyAddress.host, port: proxyAddress.port, serverName: serverName, trust: trust, timeout: timeout)
    }
}
