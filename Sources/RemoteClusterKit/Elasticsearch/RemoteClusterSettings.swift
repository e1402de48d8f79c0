/// The `cluster.remote.<alias>.*` settings the wizard writes for one remote.
public struct RemoteClusterSettings: Sendable, Hashable {
    /// Mode and the keys that belong to it.
    public enum Mode: Sendable, Hashable {
        /// `proxy_address`, optional `server_name` (SNI) and `proxy_socket_connections`.
        case proxy(address: String, serverName: String?, socketConnections: Int? = nil)
        /// `seeds` and optional `node_connections`.
        case sniff(seeds: [String], nodeConnections: Int? = nil)
    }

    public var alias: String
    public var mode: Mode
    /// `skip_unavailable`; Elasticsearch's default is `true` since 8.15, and the wizard always sends it.
    public var skipUnavailable: Bool

    public init(alias: String, mode: Mode, skipUnavailable: Bool = true) {
        self.alias = alias
        self.mode = mode
        self.skipUnavailable = skipUnavailable
    }

    /// Keys only proxy mode accepts.
    static let proxyKeys = ["proxy_address", "proxy_socket_connections", "server_name"]
    /// Keys only sniff mode accepts (`proxy` is sniff's undocumented, deprecated proxy).
    static let sniffKeys = ["seeds", "node_connections", "proxy"]
    /// Keys both modes accept; they are rejected once the remote has no address.
    static let sharedKeys = [
        "skip_unavailable", "transport.ping_schedule", "transport.compress", "transport.compression_scheme",
    ]
    /// Every per-alias key, in the order the removal request lists them.
    static let allKeys =
        ["skip_unavailable", "mode"] + proxyKeys + sniffKeys
        + ["transport.ping_schedule", "transport.compress", "transport.compression_scheme"]

    /// The alias's settings object: this mode's keys with values, the other mode's keys null.
    var settingsObject: JSONValue {
        var object: JSONValue = [:]
        switch mode {
        case .proxy(let address, let serverName, let sockets):
            object["mode"] = "proxy"
            object["proxy_address"] = .string(address)
            object["server_name"] = serverName.flatMap { $0.isEmpty ? nil : JSONValue.string($0) } ?? .null
            object["proxy_socket_connections"] = sockets.map(JSONValue.int) ?? .null
            for key in Self.sniffKeys { object[key] = .null }
        case .sniff(let seeds, let nodeConnections):
            object["mode"] = "sniff"
            object["seeds"] = .array(seeds.map(JSONValue.string))
            object["node_connections"] = nodeConnections.map(JSONValue.int) ?? .null
            for key in Self.proxyKeys { object[key] = .null }
            object["proxy"] = .null
        }
        object["skip_unavailable"] = .bool(skipUnavailable)
        return object
    }
}
