import WizardCore

/// Carries out a program's background work (engine requests) and delivers the reply, from any thread.
public protocol JobRunner<Job, Reply>: Sendable {
    associatedtype Job: Equatable & Sendable
    associatedtype Reply: Sendable
    /// Starts the job; `deliver` must be called exactly once, from any thread.
    func start(_ job: Job, deliver: @escaping @Sendable (Reply) -> Void)
}

/// A runner built from a closure that computes the reply; it runs on a background thread.
public struct BackgroundJobRunner<Job: Equatable & Sendable, Reply: Sendable>: JobRunner {
    private let work: @Sendable (Job) -> Reply

    public init(_ work: @escaping @Sendable (Job) -> Reply) { self.work = work }

    public func start(_ job: Job, deliver: @escaping @Sendable (Reply) -> Void) {
        let work = self.work
        Thread.detachNewThread { deliver(work(job)) }
    }
}

import Foundation
