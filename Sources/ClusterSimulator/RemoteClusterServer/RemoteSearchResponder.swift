import Foundation
import RemoteClusterKit

/// Runs the cross-cluster searches that arrive on a remote cluster server connection, as the
/// remote (fulfilling) cluster does: it authenticates the connection's key again, then lets the
/// search read only what both the key's `access.search` and the subject's `remote_indices` grant,
/// and denies concrete names outside that with Elasticsearch's exact message (FACTS §5 row 12).
struct RemoteSearchResponder: Sendable {
    let indices: IndexStore
    let apiKeys: APIKeyStore
    let faults: FaultSwitchboard
    let license: @Sendable () -> SimulatedLicense

    func answer(_ request: CrossClusterSearchWire.Request, keyID: String) async -> CrossClusterSearchWire.Reply {
        let started = ContinuousClock.now
        if faults.isOn(.slowResponses) { try? await Task.sleep(for: faults.slowDelay) }
        let effectiveLicense = faults.isOn(.basicLicense) ? SimulatedLicense.basic : license()
        guard effectiveLicense.allowsRemoteClusterSecurity else { return .failed(SimulatedLicense.nonCompliant) }
        guard let key = apiKeys.key(id: keyID), !key.invalidated, !key.isExpired(),
            !faults.isOn(.keyInvalidated), !faults.isOn(.keyExpired)
        else {
            return .failed(
                .security(
                    "unable to authenticate user [\(keyID)] for action [\(CrossClusterSearchWire.action)]", status: 401)
            )
        }
        let permissions = [
            IndexPermission.crossClusterKey(access: key.access),
            IndexPermission.roleEntries(request.subject.remoteIndices),
        ]
        switch IndexSearch.run(request.indices, in: indices, permissions: permissions, request: request.search) {
        case .success(let result):
            return .found(result, tookMillis: started.millisecondsElapsed)
        case .failure(.missing(let name)):
            return .failed(IndexAccessFailure.indexNotFound(name))
        case .failure(.denied(let names)):
            let subject = request.subject
            return .failed(
                .security(
                    "action [\(CrossClusterSearchWire.action)] towards remote cluster is unauthorized for user [\(subject.username)] with assigned roles [\(subject.assignedRoles.joined(separator: ","))] authenticated by API key id [\(key.id)] of user [\(key.username)] on indices [\(names.joined(separator: ","))], this action is granted by the index privileges [\(IndexPermission.searchPrivileges.joined(separator: ","))]",
                    status: 403))
        }
    }
}
