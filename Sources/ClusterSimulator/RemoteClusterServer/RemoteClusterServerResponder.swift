import Foundation
import RemoteClusterKit

/// The server side of `RemoteClusterHandshake` for a remote cluster server port: checks the presented
/// cross-cluster key against the cluster's API key store and answers with the cluster's identity or
/// Elasticsearch's error; on an accepted connection it answers `PING` and runs the searches of
/// `CrossClusterSearchWire` as the key and the subject allow.
final class RemoteClusterServerResponder: Sendable {
    private let identity: SimulatedClusterIdentity
    private let apiKeys: APIKeyStore
    private let faults: FaultSwitchboard
    private let license: @Sendable () -> SimulatedLicense
    private let searches: RemoteSearchResponder
    /// The id of the key each accepted connection authenticated with, by connection id.
    private let accepted = LockedState<[Int: String]>([:])

    init(
        identity: SimulatedClusterIdentity, apiKeys: APIKeyStore, faults: FaultSwitchboard,
        license: @escaping @Sendable () -> SimulatedLicense, indices: IndexStore
    ) {
        self.identity = identity
        self.apiKeys = apiKeys
        self.faults = faults
        self.license = license
        searches = RemoteSearchResponder(indices: indices, apiKeys: apiKeys, faults: faults, license: license)
    }

    /// The responder to install on the listener.
    var lineResponder: LineResponder {
        { [self] line, connection in await self.answer(line, connection: connection) }
    }

    func answer(_ line: String, connection: ConnectionInfo) async -> LineReply {
        if line == RemoteClusterHandshake.ping {
            return accepted.current[connection.id] != nil ? .reply(RemoteClusterHandshake.pong) : .close
        }
        if let request = CrossClusterSearchWire.Request.parse(line) {
            guard let keyID = accepted.current[connection.id], !faults.isOn(.dropOnSearch) else { return .close }
            return .reply(await searches.answer(request, keyID: keyID).line)
        }
        guard line == "HANDSHAKE" || line.hasPrefix("HANDSHAKE ") else { return .close }
        if faults.isOn(.slowResponses) { try? await Task.sleep(for: faults.slowDelay) }
        let key = line.dropFirst("HANDSHAKE".count).trimmingWhitespace()
        if let rejection = check(key) {
            return .replyAndClose(RemoteClusterHandshake.rejectLine(rejection))
        }
        guard case .valid(let stored) = apiKeys.check(encoded: key) else { return .close }
        accepted.withLock { $0[connection.id] = stored.id }
        return .reply(RemoteClusterHandshake.acceptLine(answeringIdentity))
    }

    /// Who answers a handshake: this cluster, or with `two-clusters` the second cluster the proxy
    /// now leads to (same CA and keys, another name and UUID).
    var answeringIdentity: RemoteClusterIdentity {
        var answering = identity.handshakeIdentity
        if faults.isOn(.twoClusters) {
            answering.clusterName += "-b"
            answering.clusterUUID = String(answering.clusterUUID.reversed())
        }
        return answering
    }

    /// Why the key is refused, in Elasticsearch's words; nil when the connection may proceed.
    func check(_ encoded: String) -> RemoteClusterRejection? {
        guard !encoded.isEmpty else { return .missingCredentials }
        let license = faults.isOn(.basicLicense) ? .basic : self.license()
        guard license.allowsRemoteClusterSecurity else {
            return RemoteClusterRejection(
                type: "security_exception", reason: SimulatedLicense.nonCompliant.reason,
                status: 403)
        }
        switch apiKeys.check(encoded: encoded) {
        case .malformed:
            return .malformedKey
        case .unknown(let id), .wrongSecret(let id):
            return .unableToAuthenticate(id: id)
        case .invalidated(let key), .expired(let key):
            return .unableToAuthenticate(id: key.id)
        case .valid(let key):
            guard key.type == .crossCluster else { return .wrongKeyType(id: key.id, actual: key.type.rawValue) }
            if faults.isOn(.keyInvalidated) || faults.isOn(.keyExpired) { return .unableToAuthenticate(id: key.id) }
            return nil
        }
    }
}

/// The transport (9300) port's answer to a remote cluster handshake: the wrong profile.
enum TransportPortResponder {
    static let lineResponder: LineResponder = { line, _ in
        guard line.hasPrefix("HANDSHAKE") else { return .close }
        return .replyAndClose(RemoteClusterHandshake.rejectLine(.wrongProfile))
    }
}
