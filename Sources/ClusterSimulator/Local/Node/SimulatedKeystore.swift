import Foundation
import RemoteClusterKit

/// The Elasticsearch keystore of the simulated local node: secure settings by name.
///
/// `cluster.remote.<alias>.credentials` holds the encoded cross-cluster API key of an alias; its
/// presence decides whether the alias uses the API-key model (`cluster_credentials` in
/// `_remote/info`) or falls back to the certificate model.
public struct SimulatedKeystore: Sendable, Hashable {
    /// The secure settings by name. `keystore.seed` is always present, as in a real keystore.
    public private(set) var entries: [String: Secret]
    /// The keystore password; nil for a keystore that is not password-protected (what ECK builds).
    public var password: Secret?

    public init(entries: [String: Secret] = [:], password: Secret? = nil) {
        self.entries = entries
        self.password = password
        if self.entries["keystore.seed"] == nil {
            self.entries["keystore.seed"] = Secret(UUID().uuidString)
        }
    }

    /// Adds or replaces one secure setting (`elasticsearch-keystore add`).
    public mutating func set(_ name: String, to value: Secret) { entries[name] = value }

    /// Removes one secure setting (`elasticsearch-keystore remove`).
    public mutating func remove(_ name: String) { entries[name] = nil }

    /// The names of the secure settings, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// The encoded cross-cluster API key stored for `alias`, if any.
    public func credentials(for alias: String) -> Secret? {
        entries[Self.credentialsSetting(alias)]
    }

    /// The credentials of every alias, keyed by alias (names matching `cluster.remote.<alias>.credentials`
    /// with an alias of letters, digits, `_` and `-`, as ECK's keystore pattern `[\w-]+`).
    public var remoteCredentials: [String: Secret] {
        var result: [String: Secret] = [:]
        let prefix = ClusterSettingsRegistry.remotePrefix
        let suffix = "." + RemoteClusterSettingSuffix.credentials.rawValue
        for (name, value) in entries where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            let alias = String(name.dropFirst(prefix.count).dropLast(suffix.count))
            if ClusterSettingsRegistry.isValidAlias(alias) { result[alias] = value }
        }
        return result
    }

    /// Whether `given` opens the keystore: the keystore's password, or nothing (or an empty
    /// password) for a keystore without one. Any other password fails to decrypt it.
    public func opens(with given: Secret?) -> Bool {
        (given?.revealed ?? "") == (password?.revealed ?? "")
    }

    /// The secure setting that holds the credentials of `alias`.
    public static func credentialsSetting(_ alias: String) -> String {
        ClusterSettingsRegistry.key(alias: alias, .credentials)
    }

    /// A SHA-256 of the names and values, as `keystore_digest` in the reload response.
    var digest: String {
        let text = names.map { "\($0)=\(entries[$0]!.revealed)" }.joined(separator: "\n")
        return SHA256Hex.digest(of: Data(text.utf8))
    }
}
