import RemoteClusterKit
/// Elasticsearch's validation of one setting: its value alone (`validateWithoutDependencies`), and
/// its value against the other settings of the same set (`Setting.get` with the validator's
/// dependencies: the mode, the seeds and the proxy address of its alias).
enum RemoteSettingRules {
    /// Checks the value of `key` on its own: port syntax, integer minimums, booleans, enums, times.
    static func checkValue(_ setting: RecognizedSetting, key: String, value: SettingValue) throws(ElasticsearchErrorResponse) {
        guard case .remote(_, let suffix) = setting else { return }
        switch suffix {
        case .mode:
            _ = try SettingParsers.parseMode(value.scalarText)
        case .seeds:
            for seed in value.listItems { _ = try SettingParsers.parsePort(seed) }
        case .proxyAddress, .sniffProxy:
            let text = value.scalarText
            if !text.isEmpty { _ = try SettingParsers.parsePort(text) }
        case .nodeConnections, .proxySocketConnections:
            _ = try SettingParsers.parseInteger(value.scalarText, key: key, minimum: 1)
        case .skipUnavailable:
            _ = try SettingParsers.parseBoolean(value.scalarText)
        case .pingSchedule:
            try SettingParsers.parseTimeValue(value.scalarText, key: key)
        case .compress:
            _ = try SettingParsers.parseJavaEnum(
                value.scalarText, className: "org.elasticsearch.transport.Compression.Enabled",
                constants: ["TRUE": 0, "INDEXING_DATA": 1, "FALSE": 2])
        case .compressionScheme:
            _ = try SettingParsers.parseJavaEnum(
                value.scalarText, className: "org.elasticsearch.transport.Compression.Scheme",
                constants: ["DEFLATE": 0, "LZ4": 1])
        case .serverName, .credentials:
            break
        }
    }

    /// Checks `key` as present in `settings`: its value, then the rules that depend on the alias's
    /// other settings in the same set (mode mismatch, connection not enabled, missing seeds).
    static func checkInContext(key: String, settings: [String: SettingValue]) throws(ElasticsearchErrorResponse) {
        guard let value = settings[key], let setting = ClusterSettingsRegistry.recognize(key) else { return }
        guard case .remote(let alias, let suffix) = setting else { return }
        if suffix == .sniffProxy {
            let seedsKey = ClusterSettingsRegistry.key(alias: alias, .seeds)
            if settings[seedsKey] == nil {
                throw .illegalArgument("missing required setting [\(seedsKey)] for setting [\(key)]")
            }
        }
        try checkValue(setting, key: key, value: value)
        let modeKey = ClusterSettingsRegistry.key(alias: alias, .mode)
        let mode = try mode(of: alias, in: settings)
        if let required = suffix.requiredMode, required != mode {
            throw .illegalArgument(
                "Setting \"\(key)\" cannot be used with the configured \"\(modeKey)\" [required=\(required.constantName), configured=\(mode.constantName)]")
        }
        if suffix.needsEnabledConnection, !isConnectionEnabled(alias: alias, mode: mode, in: settings) {
            throw .illegalArgument("Cannot configure setting [\(key)] if remote cluster is not enabled.")
        }
    }

    /// The mode of `alias` in `settings` (default `sniff`).
    static func mode(of alias: String, in settings: [String: SettingValue]) throws(ElasticsearchErrorResponse) -> RemoteConnectionMode {
        guard let value = settings[ClusterSettingsRegistry.key(alias: alias, .mode)] else { return .sniff }
        return try SettingParsers.parseMode(value.scalarText)
    }

    /// Whether the alias has what its mode needs to connect: seeds (sniff) or a proxy address (proxy).
    static func isConnectionEnabled(alias: String, mode: RemoteConnectionMode, in settings: [String: SettingValue]) -> Bool {
        switch mode {
        case .sniff:
            return !(settings[ClusterSettingsRegistry.key(alias: alias, .seeds)]?.listItems ?? []).isEmpty
        case .proxy:
            return !(settings[ClusterSettingsRegistry.key(alias: alias, .proxyAddress)]?.scalarText ?? "").isEmpty
        case .other:
            return false
        }
    }

    /// Runs `checkInContext` for each key in sorted order and throws the first failure, as
    /// `AbstractScopedSettings.validate` does (later failures are only suppressed there).
    static func checkAll(keys: [String], in settings: [String: SettingValue]) throws(ElasticsearchErrorResponse) {
        for key in keys.sorted() { try checkInContext(key: key, settings: settings) }
    }
}
