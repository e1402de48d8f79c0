import Foundation
import NIOCore

/// A `host:port` from the settings, checked the way Elasticsearch checks it at connect time
/// (`parseConfiguredAddress`): the port must fit in 16 bits and the host must resolve.
struct ResolvedEndpoint: Sendable, Hashable {
    /// The host as configured, without IPv6 brackets (used for the connection and name checks).
    var host: String
    var port: Int
    /// The resolved address as Elasticsearch prints a `TransportAddress`: `127.0.0.1:9443`, `[::1]:9443`.
    var text: String

    static func resolve(_ address: String) -> Result<ResolvedEndpoint, RemoteConnectionFailure.Cause> {
        let port: Int
        do {
            port = try SettingParsers.parsePort(address)
        } catch {
            return .failure(.init(category: .invalidAddress, text: error.reason, address: address))
        }
        var host = SettingParsers.host(of: address)
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard port <= 65535 else {
            return .failure(.init(category: .invalidAddress, text: "port out of range:\(port)", address: address))
        }
        guard let resolved = try? SocketAddress.makeAddressResolvingHost(host, port: port),
              let ip = resolved.ipAddress
        else {
            return .failure(.init(category: .invalidAddress, text: "unknown host [\(host)]", address: address))
        }
        let text = ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
        return .success(ResolvedEndpoint(host: host, port: port, text: text))
    }
}
