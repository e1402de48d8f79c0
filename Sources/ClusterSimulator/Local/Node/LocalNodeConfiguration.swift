import Foundation
import RemoteClusterKit

/// What the simulated local node starts with: its `elasticsearch.yml`, its keystore and the files in
/// its config directory (mounted CA files, by absolute path).
public struct LocalNodeConfiguration: Sendable, Hashable {
    /// `elasticsearch.yml`, flattened (`cluster.remote.<alias>.seeds`, `xpack.security.…`).
    public var nodeSettings: [String: SettingValue]
    public var keystore: SimulatedKeystore
    /// Files under the config directory, by absolute path (e.g.
    /// `/usr/share/elasticsearch/config/remote-certs/ca.crt`).
    public var files: [String: Data]

    public init(nodeSettings: [String: SettingValue] = [:], keystore: SimulatedKeystore = SimulatedKeystore(),
                files: [String: Data] = [:]) {
        self.nodeSettings = nodeSettings
        self.keystore = keystore
        self.files = files
    }

    /// The remote cluster client TLS settings this configuration starts with.
    public func remoteClusterClientSSL() throws(NodeStartupError) -> RemoteClusterClientSSL {
        try RemoteClusterClientSSL.load(nodeSettings: nodeSettings, files: files)
    }
}
