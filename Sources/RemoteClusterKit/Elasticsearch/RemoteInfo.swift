/// One alias from `GET /_remote/info`: the connection state the local cluster reports.
///
/// `connected` goes stale: Elasticsearch does not reconnect on its own, so pair it with
/// `GET /_resolve/cluster` for a live answer.
public struct RemoteInfo: Sendable, Hashable {
    public var alias: String
    public var connected: Bool
    public var mode: RemoteConnectionMode
    /// Proxy mode: `proxy_address`.
    public var proxyAddress: String?
    /// Proxy mode: `server_name`; nil when empty or absent.
    public var serverName: String?
    /// Proxy mode: `num_proxy_sockets_connected`.
    public var proxySocketsConnected: Int?
    /// Proxy mode: `max_proxy_socket_connections`.
    public var maxProxySocketConnections: Int?
    /// Sniff mode: `seeds`.
    public var seeds: [String]
    /// Sniff mode: `num_nodes_connected`.
    public var nodesConnected: Int?
    /// Sniff mode: `max_connections_per_cluster`.
    public var maxConnectionsPerCluster: Int?
    /// `initial_connect_timeout`, e.g. `30s`.
    public var initialConnectTimeout: String?
    public var skipUnavailable: Bool?
    /// Whether `cluster_credentials` is present, i.e. the keystore holds
    /// `cluster.remote.<alias>.credentials` and the alias uses the API-key model.
    public var hasClusterCredentials: Bool
    /// The alias's object exactly as Elasticsearch sent it, for `--json` output.
    public var raw: JSONValue

    public init(
        alias: String, connected: Bool, mode: RemoteConnectionMode, proxyAddress: String? = nil,
        serverName: String? = nil, proxySocketsConnected: Int? = nil, maxProxySocketConnections: Int? = nil,
        seeds: [String] = [], nodesConnected: Int? = nil, maxConnectionsPerCluster: Int? = nil,
        initialConnectTimeout: String? = nil, skipUnavailable: Bool? = nil, hasClusterCredentials: Bool = false,
        raw: JSONValue = [:]
    ) {
        self.alias = alias
        self.connected = connected
        self.mode = mode
        self.proxyAddress = proxyAddress
        self.serverName = serverName
        self.proxySocketsConnected = proxySocketsConnected
        self.maxProxySocketConnections = maxProxySocketConnections
        self.seeds = seeds
        self.nodesConnected = nodesConnected
        self.maxConnectionsPerCluster = maxConnectionsPerCluster
        self.initialConnectTimeout = initialConnectTimeout
        self.skipUnavailable = skipUnavailable
        self.hasClusterCredentials = hasClusterCredentials
        self.raw = raw
    }

    /// The address column: the proxy address, or the seeds joined by ", ".
    public var addressSummary: String {
        switch mode {
        case .proxy: return proxyAddress ?? ""
        default: return proxyAddress ?? seeds.joined(separator: ", ")
        }
    }

    /// Open connections and their maximum: sockets in proxy mode, nodes in sniff mode.
    public var connections: (open: Int, maximum: Int?) {
        switch mode {
        case .proxy: return (proxySocketsConnected ?? 0, maxProxySocketConnections)
        default:
            return (nodesConnected ?? proxySocketsConnected ?? 0, maxConnectionsPerCluster ?? maxProxySocketConnections)
        }
    }

    /// Reads one alias's object. Older field names (`address`, `num_sockets_connected`,
    /// `max_socket_connections`) are accepted too.
    init(alias: String, json: JSONValue) {
        let serverName = json.text("server_name")
        self.init(
            alias: alias,
            connected: json.flag("connected") ?? false,
            mode: RemoteConnectionMode(name: json.text("mode") ?? "sniff"),
            proxyAddress: json.text("proxy_address") ?? json.text("address"),
            serverName: serverName?.isEmpty == false ? serverName : nil,
            proxySocketsConnected: json.integer("num_proxy_sockets_connected") ?? json.integer("num_sockets_connected"),
            maxProxySocketConnections: json.integer("max_proxy_socket_connections")
                ?? json.integer("max_socket_connections"),
            seeds: json.strings("seeds") ?? [],
            nodesConnected: json.integer("num_nodes_connected"),
            maxConnectionsPerCluster: json.integer("max_connections_per_cluster"),
            initialConnectTimeout: json.text("initial_connect_timeout"),
            skipUnavailable: json.flag("skip_unavailable"),
            hasClusterCredentials: json["cluster_credentials"].map { !$0.isNull } ?? false,
            raw: json)
    }

    /// One JSON object keyed by alias, each value exactly as Elasticsearch sent it (for `--json`).
    public static func jsonObject(_ remotes: [RemoteInfo]) -> JSONValue {
        var object: JSONValue = [:]
        for remote in remotes { object[remote.alias] = remote.raw }
        return object
    }

    /// Decodes a whole `GET /_remote/info` body, sorted by alias.
    static func decodeAll(_ body: JSONValue) -> [RemoteInfo] {
        (body.objectValue ?? [:])
            .compactMap { alias, json in json.objectValue == nil ? nil : RemoteInfo(alias: alias, json: json) }
            .sorted { $0.alias < $1.alias }
    }
}
