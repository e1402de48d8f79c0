/// What happened to one remote during `SetupRunner.apply`.
public struct RemoteRunSummary: Sendable, Hashable {
    public var alias: String
    /// Connected with credentials at the end of the run.
    public var connected: Bool
    /// The step that stopped this remote, when one did.
    public var stoppedAt: SetupStepID?
    /// Why it stopped (or why it is not connected).
    public var diagnosis: Diagnosis?
    /// What the stopping step asked to confirm, when it did.
    public var confirmation: String?

    public init(
        alias: String, connected: Bool, stoppedAt: SetupStepID?, diagnosis: Diagnosis?, confirmation: String?
    ) {
        self.alias = alias
        self.connected = connected
        self.stoppedAt = stoppedAt
        self.diagnosis = diagnosis
        self.confirmation = confirmation
    }
}

/// The result of applying (or undoing) a whole setup.
public struct SetupReport: Sendable {
    /// The context after the run, with every step's outputs.
    public var context: SetupContext
    /// Every step's result, in the order they finished.
    public var results: [StepResult]
    /// One summary per remote, in plan order.
    public var remotes: [RemoteRunSummary]
    /// What undo left in place, one line each.
    public var leftBehind: [String]

    public init(context: SetupContext, results: [StepResult], remotes: [RemoteRunSummary], leftBehind: [String]) {
        self.context = context
        self.results = results
        self.remotes = remotes
        self.leftBehind = leftBehind
    }

    /// Whether every remote is connected (the `apply` exit status 0).
    public var allConnected: Bool { remotes.allSatisfy(\.connected) }
    /// Whether any step failed, asked for confirmation or was cancelled.
    public var anyStopped: Bool { results.contains { !$0.outcome.allowsNextStep } }
}

/// Runs a whole setup: every remote's steps concurrently (at most `concurrency` at a time), one
/// failing remote never stopping the others, and the local change for all of them merged into one
/// apply and one rollout.
public struct SetupRunner: Sendable {
    public var services: SetupServices
    /// How many remotes run at the same time (at least 1).
    public var concurrency: Int

    public init(services: SetupServices, concurrency: Int = 4) {
        self.services = services
        self.concurrency = max(1, concurrency)
    }

    /// Every step's preview in run order, for `--dry-run`. Contacts nothing.
    public static func previews(of context: SetupContext) -> [(step: any SetupStep, preview: StepPreview)] {
        SetupSteps.all(in: context).map { ($0, $0.preview(in: context)) }
    }

    /// Every undo step's preview in run order. Contacts nothing.
    public static func undoPreviews(of context: SetupContext) -> [(step: any UndoStep, preview: StepPreview)] {
        SetupSteps.undo(in: context).map { ($0, $0.preview(in: context)) }
    }

    /// Applies the setup. Cancelling the calling task stops every step.
    public func apply(_ context: SetupContext, events: SetupEventSink = .ignore) async -> SetupReport {
        await SetupRun(services: services, concurrency: concurrency, events: events).apply(context)
    }

    /// Undoes the setup (see `SetupSteps.undo(in:)`).
    public func undo(_ context: SetupContext, events: SetupEventSink = .ignore) async -> SetupReport {
        await SetupRun(services: services, concurrency: concurrency, events: events).undo(context)
    }
}
