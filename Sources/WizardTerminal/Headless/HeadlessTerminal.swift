import Foundation
import WizardCore

/// A terminal without a screen, for tests: input comes from a queue, output is the last buffer drawn.
public final class HeadlessTerminal: TerminalDevice {
    public var size: Size
    public var theme: Theme
    private var queue: [TerminalInput] = []
    /// The last buffer the loop drew.
    public private(set) var lastDrawn: ScreenBuffer?
    public private(set) var drawCount = 0

    public init(size: Size = Size(width: 80, height: 24), theme: Theme = .unicode) {
        self.size = size
        self.theme = theme
    }

    /// Queues input for the next read.
    public func enqueue(_ inputs: [TerminalInput]) { queue += inputs }

    public var hasInput: Bool { !queue.isEmpty }

    /// Returns one queued input at a time (so tests can see every step), never waiting.
    public func readInput(timeoutMilliseconds: Int) -> [TerminalInput] {
        guard !queue.isEmpty else { return [] }
        return [queue.removeFirst()]
    }

    public func draw(_ buffer: ScreenBuffer) {
        lastDrawn = buffer
        drawCount += 1
    }
}

/// Background work for headless runs: jobs wait until the test answers them (or an automatic
/// responder does), so tests decide when and in what order results arrive. A cancelled job leaves
/// the queue.
public final class ScriptedJobs<Job: Equatable & Sendable, Reply: Sendable>: JobRunner, @unchecked Sendable {
    public typealias Responder = @Sendable (Job) -> Reply?
    private let lock = NSLock()
    private var waiting: [Waiting] = []
    private struct Waiting {
        var id: UInt64
        var job: Job
        var progress: @Sendable (Reply) -> Void
        var deliver: @Sendable (Reply) -> Void
    }
    private var nextID: UInt64 = 0
    private var cancelledJobs: [Job] = []
    private let responder: Responder?

    /// `responder` answers jobs at once when it returns a reply; otherwise they wait for `answer`.
    public init(responder: Responder? = nil) { self.responder = responder }

    public func start(
        _ job: Job, progress: @escaping @Sendable (Reply) -> Void, deliver: @escaping @Sendable (Reply) -> Void
    ) -> JobHandle {
        if let reply = responder?(job) {
            deliver(reply)
            return JobHandle {}
        }
        let id = lock.withLock {
            nextID += 1
            waiting.append(Waiting(id: nextID, job: job, progress: progress, deliver: deliver))
            return nextID
        }
        return JobHandle { [weak self] in self?.cancel(id: id) }
    }

    private func cancel(id: UInt64) {
        lock.withLock {
            if let index = waiting.firstIndex(where: { $0.id == id }) {
                cancelledJobs.append(waiting.remove(at: index).job)
            }
        }
    }

    /// The jobs started and not yet answered or cancelled, oldest first.
    public var pending: [Job] { lock.withLock { waiting.map(\.job) } }

    /// The jobs that were cancelled before they were answered, in the order they were cancelled.
    public var cancelled: [Job] { lock.withLock { cancelledJobs } }

    /// Sends a progress reply for the oldest waiting job that matches; the job stays waiting.
    @discardableResult
    public func report(where matches: (Job) -> Bool, progress reply: Reply) -> Bool {
        let entry = lock.withLock { waiting.first { matches($0.job) } }
        entry?.progress(reply)
        return entry != nil
    }

    /// Answers the oldest waiting job.
    public func answerOldest(with reply: Reply) {
        let first = lock.withLock { waiting.isEmpty ? nil : waiting.removeFirst() }
        first?.deliver(reply)
    }

    /// Answers the oldest waiting job that matches; returns false when none does.
    @discardableResult
    public func answer(where matches: (Job) -> Bool, with reply: Reply) -> Bool {
        let entry = lock.withLock { () -> Waiting? in
            guard let index = waiting.firstIndex(where: { matches($0.job) }) else { return nil }
            return waiting.remove(at: index)
        }
        entry?.deliver(reply)
        return entry != nil
    }
}
