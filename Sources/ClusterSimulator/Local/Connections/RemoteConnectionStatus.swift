import Foundation

/// What the connection manager has for one alias right now.
public struct RemoteConnectionStatus: Sendable, Hashable {
    public var configuration: RemoteClusterConfiguration
    /// Connections open right now (proxy sockets, or remote nodes in sniff mode).
    public var openConnections: Int
    /// Whether the keystore the node loaded holds `cluster.remote.<alias>.credentials`.
    public var hasCredentials: Bool
    /// Why the last connection round failed; nil after a round that opened connections.
    public var lastFailure: RemoteConnectionFailure?
    /// Who answered the last successful handshake.
    public var remoteIdentity: RemoteClusterIdentity?
    /// How many connection rounds were started for the current configuration (never on a timer).
    public var connectRounds: Int
    /// Whether a connection round is running.
    public var isConnecting: Bool

    /// `connected` in `_remote/info`: at least one open connection.
    public var connected: Bool { openConnections > 0 }
}
