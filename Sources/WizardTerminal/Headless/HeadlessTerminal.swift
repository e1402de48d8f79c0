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
/// responder does), so tests decide when and in what order results arrive.
public final class ScriptedJobs<Job: Equatable & Sendable, Reply: Sendable>: JobRunner, @unchecked Sendable {
    public typealias Responder = @Sendable (Job) -> Reply?
    private let lock = NSLock()
    private var waiting: [(job: Job, deliver: @Sendable (Reply) -> Void)] = []
    private let responder: Responder?

    /// `responder` answers jobs at once when it returns a reply; otherwise they wait for `answer`.
    public init(responder: Responder? = nil) { self.responder = responder }

    public func start(_ job: Job, deliver: @escaping @Sendable (Reply) -> Void) {
        if let reply = responder?(job) {
            deliver(reply)
            return
        }
        lock.lock()
        waiting.append((job, deliver))
        lock.unlock()
    }

    /// The jobs started and not yet answered, oldest first.
    public var pending: [Job] {
        lock.lock()
        defer { lock.unlock() }
        return waiting.map(\.job)
    }

    /// Answers the oldest waiting job.
    public func answerOldest(with reply: Reply) {
        lock.lock()
        let first = waiting.isEmpty ? nil : waiting.removeFirst()
        lock.unlock()
        first?.deliver(reply)
    }
}

import Foundation
