import WizardCore

/// Stops one running job.
public struct JobHandle: Sendable {
    private let stop: @Sendable () -> Void

    public init(cancel: @escaping @Sendable () -> Void) { self.stop = cancel }

    /// Cancels the job; a reply it still delivers is dropped by the run loop.
    public func cancel() { stop() }
}

/// Carries out a program's background work (engine calls) and delivers the reply.
///
/// `start` returns at once with a handle that cancels the job. `progress` may be called any number
/// of times and `deliver` at most once, from any thread; the run loop drops what arrives for jobs
/// it cancelled or whose deadline passed.
public protocol JobRunner<Job, Reply>: Sendable {
    associatedtype Job: Equatable & Sendable
    associatedtype Reply: Sendable
    func start(
        _ job: Job, progress: @escaping @Sendable (Reply) -> Void, deliver: @escaping @Sendable (Reply) -> Void
    ) -> JobHandle
}

/// Runs each job as a task calling async work (the engine), with Swift cancellation: cancelling the
/// handle cancels the task, and the engine's awaits (requests, kubectl, sleeps) end early. The
/// work gets a callback for progress replies.
public struct AsyncJobRunner<Job: Equatable & Sendable, Reply: Sendable>: JobRunner {
    public typealias Work = @Sendable (Job, _ progress: @escaping @Sendable (Reply) -> Void) async -> Reply
    private let work: Work

    public init(_ work: @escaping Work) { self.work = work }

    public func start(
        _ job: Job, progress: @escaping @Sendable (Reply) -> Void, deliver: @escaping @Sendable (Reply) -> Void
    ) -> JobHandle {
        let work = self.work
        // Detached: the run loop holds the main thread, so the task must not wait for it.
        let task = Task.detached {
            let reply = await work(job) { update in
                if !Task.isCancelled { progress(update) }
            }
            if !Task.isCancelled { deliver(reply) }
        }
        return JobHandle { task.cancel() }
    }
}
