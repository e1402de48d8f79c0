import RemoteClusterKit

extension RemoteConnectionMode {
    /// The Java enum constant name used in Elasticsearch's messages (`SNIFF`, `PROXY`).
    var constantName: String { name.uppercased() }
}

/// The per-alias remote cluster settings, `cluster.remote.<alias>.<suffix>` (Elasticsearch's affix
/// settings in `RemoteClusterSettings`).
public enum RemoteClusterSettingSuffix: String, Sendable, Hashable, CaseIterable {
    case mode
    case seeds
    case nodeConnections = "node_connections"
    /// The undocumented sniff-mode proxy.
    case sniffProxy = "proxy"
    case proxyAddress = "proxy_address"
    case proxySocketConnections = "proxy_socket_connections"
    case serverName = "server_name"
    case skipUnavailable = "skip_unavailable"
    case pingSchedule = "transport.ping_schedule"
    case compress = "transport.compress"
    case compressionScheme = "transport.compression_scheme"
    /// The secure (keystore) setting: registered, but never updatable through the API.
    case credentials

    /// The mode this setting belongs to (`StrategyValidator`), nil when it applies to both.
    var requiredMode: RemoteConnectionMode? {
        switch self {
        case .seeds, .nodeConnections, .sniffProxy: return .sniff
        case .proxyAddress, .proxySocketConnections, .serverName: return .proxy
        default: return nil
        }
    }

    /// Whether the setting is rejected unless the alias has seeds or a proxy address
    /// (`RemoteConnectionEnabled`).
    var needsEnabledConnection: Bool {
        switch self {
        case .skipUnavailable, .pingSchedule, .compress, .compressionScheme: return true
        default: return false
        }
    }

    var isDynamic: Bool { self != .credentials }
}

/// A setting key the simulated cluster knows.
enum RecognizedSetting: Hashable {
    /// `cluster.remote.<alias>.<suffix>`.
    case remote(alias: String, suffix: RemoteClusterSettingSuffix)
    /// Any other registered setting, with its default value (as shown by `include_defaults`).
    case other(key: String, isDynamic: Bool, defaultValue: SettingValue?)

    var isDynamic: Bool {
        switch self {
        case .remote(_, let suffix): return suffix.isDynamic
        case .other(_, let dynamic, _): return dynamic
        }
    }
}

/// Which setting keys exist, and which of them can change at runtime (`AbstractScopedSettings`).
enum ClusterSettingsRegistry {
    static let remotePrefix = "cluster.remote."

    /// Registered settings other than the per-alias remote ones: the node-scope remote settings,
    /// the `remote_cluster_client` TLS settings (static, `elasticsearch.yml` only) and a few common
    /// dynamic cluster settings.
    static let otherSettings: [String: (dynamic: Bool, defaultValue: SettingValue?)] = [
        "cluster.remote.initial_connect_timeout": (false, .string("30s")),
        "cluster.remote.connections_per_cluster": (false, .string("3")),
        "cluster.remote.node.attr": (false, .string("")),
        "xpack.security.remote_cluster_client.ssl.enabled": (false, .string("true")),
        "xpack.security.remote_cluster_client.ssl.certificate_authorities": (false, .list([])),
        "xpack.security.remote_cluster_client.ssl.verification_mode": (false, .string("full")),
        "remote_cluster_server.enabled": (false, .string("false")),
        "cluster.name": (false, .string("elasticsearch")),
        "node.name": (false, nil),
        "cluster.routing.allocation.enable": (true, .string("all")),
        "cluster.max_shards_per_node": (true, .string("1000")),
        "indices.recovery.max_bytes_per_sec": (true, .string("40mb")),
        "action.auto_create_index": (true, .string("true")),
        "action.destructive_requires_name": (true, .string("true")),
        "search.default_search_timeout": (true, .string("-1")),
    ]

    /// The setting a key names, or nil when Elasticsearch would answer "not recognized".
    ///
    /// The alias of a remote setting is `[-\w]+` (letters, digits, `_`, `-`), as in the affix key
    /// pattern `cluster\.remote\.([-\w]+)\.<suffix>`; anything else does not match any setting.
    static func recognize(_ key: String) -> RecognizedSetting? {
        if let other = otherSettings[key] {
            return .other(key: key, isDynamic: other.dynamic, defaultValue: other.defaultValue)
        }
        guard key.hasPrefix(remotePrefix) else { return nil }
        let rest = key.dropFirst(remotePrefix.count)
        guard let dot = rest.firstIndex(of: ".") else { return nil }
        let alias = String(rest[..<dot])
        let suffixText = String(rest[rest.index(after: dot)...])
        guard isValidAlias(alias), let suffix = RemoteClusterSettingSuffix(rawValue: suffixText) else { return nil }
        return .remote(alias: alias, suffix: suffix)
    }

    /// Whether `alias` matches Java's `[-\w]+` (ASCII letters, digits, underscore, dash).
    static func isValidAlias(_ alias: String) -> Bool {
        !alias.isEmpty && alias.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "_" || scalar == "-"
        }
    }

    /// The full key of one alias setting.
    static func key(alias: String, _ suffix: RemoteClusterSettingSuffix) -> String {
        remotePrefix + alias + "." + suffix.rawValue
    }
}
