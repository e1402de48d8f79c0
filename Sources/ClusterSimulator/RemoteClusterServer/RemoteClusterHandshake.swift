import Foundation
import RemoteClusterKit

/// The simulator's remote cluster handshake: what a local cluster's connection manager and a remote
/// cluster server say to each other after TLS. It stands in for Elasticsearch's transport handshake
/// (`cluster:internal/remote_cluster/handshake`) with the same outcomes and the same error texts.
///
/// Line-based, UTF-8, every line ends with `\n`:
///
/// 1. The client opens TCP to the remote cluster server (the proxy address or a seed) and completes
///    TLS, sending `server_name` as SNI when one is configured. The client verifies the server's
///    chain against its configured CAs (or the system store) and the name (the server name, else
///    the address's host). The server asks for no client certificate (the transport port does, and
///    a client without one is refused during TLS).
/// 2. The client sends exactly one line:
///    - `HANDSHAKE <encoded cross-cluster API key>` under the API-key model, or
///    - `HANDSHAKE` with no key (the certificate model: no `cluster.remote.<alias>.credentials`).
/// 3. The server answers exactly one line:
///    - `OK {"cluster_name":"remote","cluster_uuid":"…","version":"9.1.0"}`: the connection stays open
///      and counts as one connected socket;
///    - `ERROR {"type":"security_exception","reason":"…","status":401}`: Elasticsearch's error for the
///      case, then the server closes the connection.
/// 4. On an open connection the client may send `PING`; the server answers `PONG`. Either side may
///    close at any time; a closed connection is a lost socket.
///
/// The transport port (the 9300 role) accepts the same line and answers with the `ERROR` Elasticsearch
/// gives when the handshake reaches the wrong profile. An HTTP port answers with an HTTP status line,
/// which the client reports as an unexpected answer.
public enum RemoteClusterHandshake {
    /// The transport action name Elasticsearch uses in its messages.
    public static let action = "cluster:internal/remote_cluster/handshake"
    /// The client's first line, with or without a key.
    public static func request(credentials: Secret?) -> String {
        guard let credentials, !credentials.isEmpty else { return "HANDSHAKE" }
        return "HANDSHAKE \(credentials.revealed)"
    }
    public static let ping = "PING"
    public static let pong = "PONG"

    /// What the server said.
    public enum Answer: Sendable, Hashable {
        case accepted(RemoteClusterIdentity)
        case rejected(RemoteClusterRejection)
        /// Anything else (e.g. an HTTP status line from a REST port); the text as received, shortened.
        case unexpected(String)
    }

    /// Encodes an acceptance line.
    public static func acceptLine(_ identity: RemoteClusterIdentity) -> String {
        let body: JSONValue = [
            "cluster_name": .string(identity.clusterName), "cluster_uuid": .string(identity.clusterUUID),
            "version": .string(identity.version),
        ]
        return "OK " + body.jsonString()
    }

    /// Encodes a rejection line.
    public static func rejectLine(_ rejection: RemoteClusterRejection) -> String {
        let body: JSONValue = [
            "type": .string(rejection.type), "reason": .string(rejection.reason), "status": .int(rejection.status),
        ]
        return "ERROR " + body.jsonString()
    }

    /// Decodes the server's answer line.
    public static func parseAnswer(_ line: String) -> Answer {
        if line.hasPrefix("OK "), let json = try? JSONValue.parse(String(line.dropFirst(3))),
            let name = json["cluster_name"]?.stringValue
        {
            return .accepted(
                RemoteClusterIdentity(
                    clusterName: name, clusterUUID: json["cluster_uuid"]?.stringValue ?? "",
                    version: json["version"]?.stringValue ?? ""))
        }
        if line.hasPrefix("ERROR "), let json = try? JSONValue.parse(String(line.dropFirst(6))),
            let type = json["type"]?.stringValue, let reason = json["reason"]?.stringValue
        {
            return .rejected(
                RemoteClusterRejection(type: type, reason: reason, status: json["status"]?.intValue ?? 500))
        }
        return .unexpected(String(line.prefix(200)))
    }
}

/// Who answered a successful handshake.
public struct RemoteClusterIdentity: Sendable, Hashable {
    public var clusterName: String
    public var clusterUUID: String
    public var version: String
    public init(clusterName: String, clusterUUID: String, version: String) {
        self.clusterName = clusterName
        self.clusterUUID = clusterUUID
        self.version = version
    }
}

/// Elasticsearch's error for a refused handshake.
public struct RemoteClusterRejection: Sendable, Hashable, CustomStringConvertible {
    /// e.g. `security_exception`, `illegal_argument_exception`.
    public var type: String
    /// The exact message.
    public var reason: String
    /// The HTTP status Elasticsearch would map it to (401 for authentication failures).
    public var status: Int

    public init(type: String, reason: String, status: Int) {
        self.type = type
        self.reason = reason
        self.status = status
    }

    public var description: String { "\(type): \(reason)" }

    /// No credentials sent to the remote cluster server port (FACTS §5 row 9).
    public static let missingCredentials = RemoteClusterRejection(
        type: "illegal_argument_exception",
        reason:
            "Cross cluster requests through the dedicated remote cluster server port require transport header [_cross_cluster_access_credentials] but none found. Please ensure you have configured remote cluster credentials on the cluster originating the request.",
        status: 400)

    /// A REST key instead of a cross-cluster key (FACTS §5 row 10).
    public static func wrongKeyType(id: String, actual: String) -> RemoteClusterRejection {
        RemoteClusterRejection(
            type: "security_exception",
            reason: "authentication expected API key type of [cross_cluster], but API key [\(id)] has type [\(actual)]",
            status: 401)
    }

    /// Unknown, wrong-secret, expired or invalidated key (FACTS §5 row 11).
    public static func unableToAuthenticate(id: String) -> RemoteClusterRejection {
        RemoteClusterRejection(
            type: "security_exception",
            reason: "unable to authenticate user [\(id)] for action [\(RemoteClusterHandshake.action)]",
            status: 401)
    }

    /// A value that is not base64 of `id:secret`.
    public static let malformedKey = RemoteClusterRejection(
        type: "security_exception", reason: "invalid cross-cluster API key value", status: 401)

    /// The handshake reached the transport (9300) port instead of the remote cluster server (FACTS §5 row 8).
    public static let wrongProfile = RemoteClusterRejection(
        type: "illegal_argument_exception",
        reason: "remote cluster handshake action requires channel profile to be [_remote_cluster], but got [default]",
        status: 400)
}
