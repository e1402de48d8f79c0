import Foundation

/// A `CurlMultiWorker` made on first use: creating a transport or a probe costs nothing, and
/// libcurl is loaded, initialised and given its thread only when the first transfer starts.
///
/// The wizard creates its transport before its first frame; with this, a screen that sends
/// nothing (the welcome screen, help, a quit) never loads libcurl or starts a thread.
final class DeferredCurlWorker: @unchecked Sendable {
    private let name: String
    private let lock = NSLock()
    private var made: CurlMultiWorker?

    init(name: String) { self.name = name }

    /// The worker, started by the first call.
    var worker: CurlMultiWorker {
        lock.withLock {
            if let made { return made }
            let worker = CurlMultiWorker(name: name)
            made = worker
            return worker
        }
    }

    /// Whether a transfer has started the worker yet.
    var hasStarted: Bool { lock.withLock { made != nil } }

    /// Stops the worker's thread if it was started.
    func shutdown() { lock.withLock { made }?.shutdown() }
}
