import RemoteClusterKit
/// The effective connection settings of one enabled remote cluster alias, with Elasticsearch's
/// defaults filled in.
public struct RemoteClusterConfiguration: Sendable, Hashable {
    public var alias: String
    public var mode: RemoteConnectionMode
    /// Sniff mode: the seed addresses, as configured.
    public var seeds: [String]
    /// Sniff mode: `node_connections` (default `cluster.remote.connections_per_cluster`, 3).
    public var nodeConnections: Int
    /// Proxy mode: `proxy_address`, as configured.
    public var proxyAddress: String
    /// Proxy mode: `proxy_socket_connections` (default 18).
    public var proxySocketConnections: Int
    /// Proxy mode: `server_name` (empty when not set); sent as SNI only when not empty.
    public var serverName: String
    /// `skip_unavailable` (default `true` since 8.15).
    public var skipUnavailable: Bool

    public static let defaultProxySocketConnections = 18
    public static let defaultNodeConnections = 3

    public init(
        alias: String, mode: RemoteConnectionMode, seeds: [String] = [], nodeConnections: Int = defaultNodeConnections,
        proxyAddress: String = "", proxySocketConnections: Int = defaultProxySocketConnections,
        serverName: String = "", skipUnavailable: Bool = true
    ) {
        self.alias = alias
        self.mode = mode
        self.seeds = seeds
        self.nodeConnections = nodeConnections
        self.proxyAddress = proxyAddress
        self.proxySocketConnections = proxySocketConnections
        self.serverName = serverName
        self.skipUnavailable = skipUnavailable
    }

    /// Reads the alias from validated effective settings; nil when the alias is not enabled.
    init?(alias: String, settings: [String: SettingValue]) {
        func value(_ suffix: RemoteClusterSettingSuffix) -> SettingValue? {
            settings[ClusterSettingsRegistry.key(alias: alias, suffix)]
        }
        guard let mode = try? RemoteSettingRules.mode(of: alias, in: settings),
            RemoteSettingRules.isConnectionEnabled(alias: alias, mode: mode, in: settings)
        else { return nil }
        let perCluster = settings["cluster.remote.connections_per_cluster"].flatMap {
            SettingParsers.javaInteger($0.scalarText)
        } ?? Self.defaultNodeConnections
        self.init(
            alias: alias, mode: mode,
            seeds: value(.seeds)?.listItems ?? [],
            nodeConnections: value(.nodeConnections).flatMap { SettingParsers.javaInteger($0.scalarText) } ?? perCluster,
            proxyAddress: value(.proxyAddress)?.scalarText ?? "",
            proxySocketConnections: value(.proxySocketConnections).flatMap { SettingParsers.javaInteger($0.scalarText) }
                ?? Self.defaultProxySocketConnections,
            serverName: value(.serverName)?.scalarText ?? "",
            skipUnavailable: value(.skipUnavailable).flatMap { try? SettingParsers.parseBoolean($0.scalarText) } ?? true)
    }

    /// The addresses this alias connects to: the proxy address, or the seeds.
    public var addresses: [String] { mode == .proxy ? [proxyAddress] : seeds }

    /// The most connections the alias keeps open: `proxy_socket_connections` or `node_connections`.
    public var maxConnections: Int { mode == .proxy ? proxySocketConnections : nodeConnections }
}
