/// Where a cluster setting comes from in `GET /_cluster/settings`.
public enum SettingsScope: String, Sendable, Hashable {
    case persistent, transient
    /// From `elasticsearch.yml` or a default (only with `include_defaults=true`); not editable by the API.
    case defaults
}

/// The `cluster.remote.<alias>.*` settings found for one alias in `GET /_cluster/settings`.
public struct ConfiguredRemote: Sendable, Hashable {
    public var alias: String
    public var scope: SettingsScope
    /// The alias's keys (e.g. `mode`, `proxy_address`, `transport.compress`) and values as sent.
    public var settings: [String: JSONValue]

    public init(alias: String, scope: SettingsScope, settings: [String: JSONValue]) {
        self.alias = alias
        self.scope = scope
        self.settings = settings
    }

    /// The mode; sniff when unset, as in Elasticsearch.
    public var mode: RemoteConnectionMode { RemoteConnectionMode(name: settings["mode"]?.stringValue ?? "sniff") }
    public var proxyAddress: String? { settings["proxy_address"]?.stringValue }
    public var serverName: String? { settings["server_name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
    public var seeds: [String] { lenient.strings("seeds") ?? [] }
    public var skipUnavailable: Bool? { lenient.flag("skip_unavailable") }
    public var proxySocketConnections: Int? { lenient.integer("proxy_socket_connections") }
    public var nodeConnections: Int? { lenient.integer("node_connections") }

    private var lenient: JSONValue {
        .object(.init(uniqueKeysWithValues: settings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }

    /// These settings as the wizard's model, when the mode and its address are set.
    public var remoteClusterSettings: RemoteClusterSettings? {
        switch mode {
        case .proxy:
            guard let proxyAddress else { return nil }
            return RemoteClusterSettings(
                alias: alias,
                mode: .proxy(address: proxyAddress, serverName: serverName, socketConnections: proxySocketConnections),
                skipUnavailable: skipUnavailable ?? true)
        case .sniff:
            guard !seeds.isEmpty else { return nil }
            return RemoteClusterSettings(
                alias: alias, mode: .sniff(seeds: seeds, nodeConnections: nodeConnections),
                skipUnavailable: skipUnavailable ?? true)
        case .other:
            return nil
        }
    }

    /// Every remote in a `GET /_cluster/settings` body, flat or nested, sorted by scope then alias.
    static func decodeAll(_ body: JSONValue) -> [ConfiguredRemote] {
        let scopes: [SettingsScope] = [.persistent, .transient, .defaults]
        return scopes.flatMap { scope -> [ConfiguredRemote] in
            guard let section = body[scope.rawValue] else { return [] }
            var byAlias: [String: [String: JSONValue]] = [:]
            for (key, value) in SettingsFlattener.flatten(section) {
                guard key.hasPrefix("cluster.remote.") else { continue }
                let rest = key.dropFirst("cluster.remote.".count)
                guard let dot = rest.firstIndex(of: ".") else { continue }
                let suffix = String(rest[rest.index(after: dot)...])
                guard RemoteClusterSettings.allKeys.contains(suffix) else { continue }
                byAlias[String(rest[..<dot]), default: [:]][suffix] = value
            }
            return byAlias.keys.sorted().map { ConfiguredRemote(alias: $0, scope: scope, settings: byAlias[$0]!) }
        }
    }
}

/// Turns nested settings objects into dotted keys; arrays and scalars are values.
enum SettingsFlattener {
    static func flatten(_ value: JSONValue, prefix: String = "") -> [(String, JSONValue)] {
        guard let members = value.objectValue else { return prefix.isEmpty ? [] : [(prefix, value)] }
        return members.flatMap { key, member in
            flatten(member, prefix: prefix.isEmpty ? key : "\(prefix).\(key)")
        }
    }
}
