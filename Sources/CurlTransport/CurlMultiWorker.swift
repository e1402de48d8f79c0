import CCurl
import Foundation

/// Drives libcurl transfers on one dedicated thread with a `curl_multi` loop, so callers never
/// block: they submit a configured `CurlEasy` and are called back when it is done.
///
/// All transfers of one worker share the multi handle's connection cache, so consecutive
/// requests to the same host reuse the open connection.
final class CurlMultiWorker: @unchecked Sendable {
    /// How a transfer ended.
    enum Outcome {
        /// libcurl finished the transfer with this code (`CURLE_OK` on success).
        case finished(CURLcode)
        /// The transfer was cancelled or the worker shut down before it finished.
        case cancelled
    }

    /// One transfer: the handle and what to do when it ends. `completion` runs exactly once, on
    /// the worker thread or on the thread that cancels a transfer that has not started.
    struct Job: @unchecked Sendable {
        let id: UInt64
        let easy: CurlEasy
        let completion: (Outcome) -> Void
    }

    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var pending: [Job] = []
    private var abortRequests: [UInt64] = []
    private var shuttingDown = false
    private var nextJobID: UInt64 = 0
    // Touched only on the worker thread: the transfers libcurl is running, a few at a time (one
    // per request in flight), so searched in order. Dictionaries keyed by the id or the handle
    // made the Swift runtime look up the key's Hashable conformance, by scanning every
    // conformance record of the binary, on the first request of every process.
    private var inFlight: [Job] = []

    /// Starts the worker thread. `name` shows up in debuggers and thread listings.
    init(name: String) {
        CurlGlobal.ensureInitialised()
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: libcurl is out of memory") }
        self.multi = multi
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    deinit { curl_multi_cleanup(multi) }

    /// A fresh identifier for `submit` and `abort`.
    func makeJobID() -> UInt64 {
        lock.withLock {
            nextJobID += 1
            return nextJobID
        }
    }

    /// Hands a configured transfer to the worker thread.
    func submit(_ job: Job) {
        let accepted = lock.withLock {
            guard !shuttingDown else { return false }
            pending.append(job)
            return true
        }
        if accepted { curl_multi_wakeup(multi) } else { job.completion(.cancelled) }
    }

    /// Stops a transfer. Its completion runs with `.cancelled` unless it already finished.
    func abort(jobID: UInt64) {
        let notStarted: Job? = lock.withLock {
            if let index = pending.firstIndex(where: { $0.id == jobID }) { return pending.remove(at: index) }
            abortRequests.append(jobID)
            return nil
        }
        if let notStarted { notStarted.completion(.cancelled) } else { curl_multi_wakeup(multi) }
    }

    /// Cancels everything and ends the thread. The worker is unusable afterwards.
    func shutdown() {
        lock.withLock { shuttingDown = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            let (newJobs, aborts, stop) = lock.withLock {
                defer {
                    pending = []
                    abortRequests = []
                }
                return (pending, abortRequests, shuttingDown)
            }
            for job in newJobs { start(job) }
            for id in aborts { finish(jobID: id, with: .cancelled) }
            if stop {
                for job in inFlight { finish(jobID: job.id, with: .cancelled) }
                return
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinishedTransfers()
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    private func start(_ job: Job) {
        guard curl_multi_add_handle(multi, job.easy.handle) == CURLM_OK else {
            job.completion(.finished(CURLE_FAILED_INIT))
            return
        }
        inFlight.append(job)
    }

    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard ccurl_msg_is_done(message) != 0, let handle = ccurl_msg_easy_handle(message),
                let job = inFlight.first(where: { $0.easy.handle == handle })
            else { continue }
            finish(jobID: job.id, with: .finished(ccurl_msg_result(message)))
        }
    }

    private func finish(jobID: UInt64, with outcome: Outcome) {
        guard let index = inFlight.firstIndex(where: { $0.id == jobID }) else { return }
        let job = inFlight.remove(at: index)
        curl_multi_remove_handle(multi, job.easy.handle)
        job.completion(outcome)
    }
}

extension CurlMultiWorker {
    /// Runs one transfer on the worker thread and waits for it without blocking the caller's
    /// thread. Cancelling the calling task aborts the transfer.
    func perform(_ easy: CurlEasy) async -> Outcome {
        let ticket = CancellationTicket(jobID: makeJobID())
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let job = Job(id: ticket.jobID, easy: easy) { continuation.resume(returning: $0) }
                if !ticket.submitUnlessCancelled({ submit(job) }) { job.completion(.cancelled) }
            }
        } onCancel: {
            if ticket.cancel() { abort(jobID: ticket.jobID) }
        }
    }
}

/// Orders one transfer's submission against its cancellation, which may happen on any thread
/// at any time, so that a cancelled transfer is either never submitted or aborted.
private final class CancellationTicket: @unchecked Sendable {
    let jobID: UInt64
    private let lock = NSLock()
    private var submitted = false
    private var cancelled = false

    init(jobID: UInt64) { self.jobID = jobID }

    /// Runs `submit` unless the ticket was cancelled first; returns whether it ran.
    func submitUnlessCancelled(_ submit: () -> Void) -> Bool {
        lock.withLock {
            guard !cancelled else { return false }
            submit()
            submitted = true
            return true
        }
    }

    /// Marks the ticket cancelled; returns whether the transfer was already submitted and so
    /// must be aborted.
    func cancel() -> Bool {
        lock.withLock {
            cancelled = true
            return submitted
        }
    }
}
