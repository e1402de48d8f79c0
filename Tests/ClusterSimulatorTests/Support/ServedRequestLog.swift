import ClusterSimulator
import Foundation

/// Collects the requests a simulated environment answers (`observeRequests`), for tests that
/// check from the servers' side what reached them.
final class ServedRequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [ServedRequest] = []

    func append(_ request: ServedRequest) { lock.withLock { collected.append(request) } }

    var requests: [ServedRequest] { lock.withLock { collected } }
}
