import OrderedCollections
import RemoteClusterKit

/// The settings of the simulated local cluster: `elasticsearch.yml` (node settings, fixed at start),
/// persistent and transient cluster settings, with Elasticsearch's update semantics.
///
/// `apply` follows `SettingsUpdater` and `AbstractScopedSettings.updateDynamicSettings`: transient
/// first, then persistent; per key in sorted order, unknown keys and static keys are rejected, values
/// are parsed, `null` removes a key and a key ending in `*` with `null` removes every matching key;
/// then each scope is validated on its own with the dependency rules (mode mismatch, orphan
/// settings); then the changed keys are validated against the merged view (node, persistent,
/// transient). One failure rejects the whole request and nothing is stored.
public struct ClusterSettingsStore: Sendable, Hashable {
    /// Settings from `elasticsearch.yml`.
    public private(set) var nodeSettings: [String: SettingValue]
    public private(set) var persistent: [String: SettingValue] = [:]
    public private(set) var transient: [String: SettingValue] = [:]

    public init(nodeSettings: [String: SettingValue] = [:]) {
        self.nodeSettings = nodeSettings
    }

    /// What an accepted update changed.
    public struct UpdateResult: Sendable, Hashable {
        /// The persistent keys set by the request (not the removed ones), as the response echoes them.
        public var persistentUpdates: [String: SettingValue]
        /// The transient keys set by the request.
        public var transientUpdates: [String: SettingValue]
        /// Aliases whose effective settings changed.
        public var changedAliases: Set<String>
    }

    /// The same cluster settings on a node restarted with another `elasticsearch.yml`.
    public func replacingNodeSettings(_ settings: [String: SettingValue]) -> ClusterSettingsStore {
        var copy = self
        copy.nodeSettings = settings
        return copy
    }

    /// The effective settings: node settings overridden by persistent, overridden by transient.
    public var effective: [String: SettingValue] {
        nodeSettings.merging(persistent) { $1 }.merging(transient) { $1 }
    }

    /// The settings of one scope (`defaults`: those from `elasticsearch.yml`).
    public func settings(in scope: SettingsScope) -> [String: SettingValue] {
        switch scope {
        case .persistent: return persistent
        case .transient: return transient
        case .defaults: return nodeSettings
        }
    }

    /// Applies one `PUT /_cluster/settings` request (already flattened; a nil value is a `null`).
    public mutating func apply(
        persistent persistentRequest: OrderedDictionary<String, SettingValue?>,
        transient transientRequest: OrderedDictionary<String, SettingValue?>
    ) throws(ElasticsearchErrorResponse) -> UpdateResult {
        if persistentRequest.isEmpty && transientRequest.isEmpty {
            throw .validationFailed(["no settings to update"])
        }
        let before = effective
        var newTransient = transient
        var newPersistent = persistent
        let transientUpdates = try Self.update(&newTransient, with: transientRequest, scope: .transient)
        let persistentUpdates = try Self.update(&newPersistent, with: persistentRequest, scope: .persistent)
        if newTransient != transient || newPersistent != persistent {
            try RemoteSettingRules.checkAll(keys: Array(newTransient.keys), in: newTransient)
            try RemoteSettingRules.checkAll(keys: Array(newPersistent.keys), in: newPersistent)
        }
        let after = nodeSettings.merging(newPersistent) { $1 }.merging(newTransient) { $1 }
        let changedKeys = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        try RemoteSettingRules.checkAll(keys: Array(changedKeys), in: after)
        transient = newTransient
        persistent = newPersistent
        let aliases = changedKeys.compactMap { key -> String? in
            if case .remote(let alias, _)? = ClusterSettingsRegistry.recognize(key) { return alias }
            return nil
        }
        return UpdateResult(
            persistentUpdates: persistentUpdates, transientUpdates: transientUpdates, changedAliases: Set(aliases))
    }

    /// One scope's part of the update (`AbstractScopedSettings.updateSettings` with only dynamic
    /// settings allowed). Returns the keys set (the response's echo).
    private static func update(
        _ target: inout [String: SettingValue], with request: OrderedDictionary<String, SettingValue?>,
        scope: SettingsScope
    ) throws(ElasticsearchErrorResponse) -> [String: SettingValue] {
        var sets: [String: SettingValue] = [:]
        var deletes: [String] = []
        for key in request.keys.sorted() {
            let value = request[key]!
            let setting = ClusterSettingsRegistry.recognize(key)
            if value == nil, setting?.isDynamic == true || key.hasSuffix("*") {
                deletes.append(key)
            } else if setting == nil {
                throw .illegalArgument("\(scope.rawValue) setting [\(key)], not recognized")
            } else if let value, let setting, setting.isDynamic {
                try RemoteSettingRules.checkValue(setting, key: key, value: value)
                sets[key] = value
            } else {
                throw .illegalArgument("\(scope.rawValue) setting [\(key)], not dynamically updateable")
            }
        }
        for pattern in deletes {
            for key in target.keys where SimpleWildcard.matches(pattern: pattern, key) {
                if ClusterSettingsRegistry.recognize(key)?.isDynamic ?? true { target[key] = nil }
            }
        }
        target.merge(sets) { $1 }
        return sets
    }

    // MARK: - Reading remote cluster configuration

    /// The aliases that have seeds or a proxy address anywhere in the effective settings
    /// (`RemoteClusterSettings.getRemoteClusters`), sorted.
    public var configuredAliases: [String] {
        var aliases = Set<String>()
        for key in effective.keys {
            if case .remote(let alias, let suffix)? = ClusterSettingsRegistry.recognize(key),
                suffix == .seeds || suffix == .proxyAddress
            {
                aliases.insert(alias)
            }
        }
        return aliases.sorted()
    }

    /// The connection settings of one alias read from the effective settings, or nil when the alias
    /// is not enabled (no seeds in sniff mode, no proxy address in proxy mode).
    public func remoteCluster(_ alias: String) -> RemoteClusterConfiguration? {
        RemoteClusterConfiguration(alias: alias, settings: effective)
    }

    /// Every enabled remote cluster, sorted by alias.
    public var remoteClusters: [RemoteClusterConfiguration] {
        configuredAliases.compactMap { remoteCluster($0) }
    }
}

/// Elasticsearch's `Regex.simpleMatch`: `*` matches any run of characters, everything else literally.
enum SimpleWildcard {
    static func matches(pattern: String, _ text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { return pattern == text }
        var rest = Substring(text)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts.last!)
    }
}
