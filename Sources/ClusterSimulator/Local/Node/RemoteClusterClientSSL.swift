import Foundation

/// The `xpack.security.remote_cluster_client.ssl.*` configuration of the local node, loaded at
/// start-up (these settings are static: a change needs a restart).
public struct RemoteClusterClientSSL: Sendable, Hashable {
    /// `verification_mode`: `full` (chain and host name), `certificate` (chain only), `none`.
    public enum VerificationMode: String, Sendable, Hashable {
        case full, certificate, none
    }

    /// The settings prefix, which Elasticsearch also uses as the SSL context name in its messages.
    public static let prefix = "xpack.security.remote_cluster_client.ssl"
    /// Where relative paths in `elasticsearch.yml` resolve (ECK's `ConfigVolumeMountPath`).
    public static let configDirectory = "/usr/share/elasticsearch/config"

    /// `…ssl.enabled` (default `true`).
    public var enabled: Bool
    public var verificationMode: VerificationMode
    /// The configured CA files, resolved to absolute paths, in order.
    public var certificateAuthorityPaths: [String]
    /// The PEM text of each configured CA file, in the same order; empty means "the system store".
    public var certificateAuthoritiesPEM: [String]

    public init(
        enabled: Bool = true, verificationMode: VerificationMode = .full,
        certificateAuthorityPaths: [String] = [], certificateAuthoritiesPEM: [String] = []
    ) {
        self.enabled = enabled
        self.verificationMode = verificationMode
        self.certificateAuthorityPaths = certificateAuthorityPaths
        self.certificateAuthoritiesPEM = certificateAuthoritiesPEM
    }

    /// Whether the node trusts the JDK/system store (no `certificate_authorities` configured).
    public var usesSystemTrust: Bool { certificateAuthoritiesPEM.isEmpty }

    /// The SSL context description Elasticsearch prints in trust failures, e.g.
    /// `xpack.security.remote_cluster_client.ssl (with trust configuration: PEM-trust{/path/ca.crt})`.
    public var contextDescription: String {
        let trust = usesSystemTrust
            ? "JDK-trusted-certs" : "PEM-trust{" + certificateAuthorityPaths.joined(separator: ",") + "}"
        return "\(Self.prefix) (with trust configuration: \(trust))"
    }

    /// Reads the settings from `elasticsearch.yml` and loads the CA files from `files` (absolute
    /// path → content). Fails like Elasticsearch's start-up when a value is invalid or a file is missing.
    public static func load(nodeSettings: [String: SettingValue], files: [String: Data]) throws(NodeStartupError) -> RemoteClusterClientSSL {
        var ssl = RemoteClusterClientSSL()
        if let enabled = nodeSettings["\(prefix).enabled"] {
            do { ssl.enabled = try SettingParsers.parseBoolean(enabled.scalarText) } catch {
                throw NodeStartupError(reason: error.reason)
            }
        }
        if let mode = nodeSettings["\(prefix).verification_mode"] {
            guard let parsed = VerificationMode(rawValue: mode.scalarText.lowercased()) else {
                throw NodeStartupError(
                    reason: "could not resolve ssl client verification mode for [\(prefix).verification_mode]: unknown verification mode [\(mode.scalarText)]")
            }
            ssl.verificationMode = parsed
        }
        for path in nodeSettings["\(prefix).certificate_authorities"]?.listItems ?? [] {
            let absolute = path.hasPrefix("/") ? path : configDirectory + "/" + path
            guard let content = files[absolute] else {
                throw NodeStartupError(
                    reason: "failed to load SSL configuration [\(prefix)] - cannot read configured [PEM] certificate authorities file [\(absolute)] because the file does not exist")
            }
            ssl.certificateAuthorityPaths.append(absolute)
            ssl.certificateAuthoritiesPEM.append(String(decoding: content, as: UTF8.self))
        }
        return ssl
    }
}

/// Why the simulated node would not start with a configuration (the pod would crash-loop).
public struct NodeStartupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
