/// How a step ended.
public enum StepOutcome: Sendable, Hashable {
    /// The step changed something; each entry says what, in one line.
    case done(changes: [String])
    /// A check that changes nothing passed (versions, preflight, connection); says what it found.
    case passed(String)
    /// Nothing needed changing; says what was found.
    case alreadyDone(String)
    /// The step does not apply (e.g. no role in the plan); says why.
    case skipped(String)
    /// The step needs the operator before it can go on (e.g. confirm that a self-managed remote
    /// was configured, or continue past a failed preflight); says what to confirm. Set the
    /// matching `RemoteDecisions` field and run the step again.
    case needsConfirmation(String)
    /// The step failed; the diagnosis says why and what to do.
    case failed(Diagnosis)
    /// The task was cancelled before the step finished.
    case cancelled

    /// Whether later steps can run after this outcome.
    public var allowsNextStep: Bool {
        switch self {
        case .done, .passed, .alreadyDone, .skipped: return true
        case .needsConfirmation, .failed, .cancelled: return false
        }
    }

    /// Whether the step sent something that changed a cluster or a file.
    public var changedSomething: Bool {
        if case .done = self { return true }
        return false
    }
}

/// What running a step produced: the outcome and the context with the step's outputs.
public struct StepResult: Sendable {
    public var id: SetupStepID
    public var outcome: StepOutcome
    /// The context given to the step, with what the step found or made added.
    public var context: SetupContext
    /// Things an undo step deliberately left in place, one line each (with how to remove them).
    public var leftBehind: [String]

    public init(id: SetupStepID, outcome: StepOutcome, context: SetupContext, leftBehind: [String] = []) {
        self.id = id
        self.outcome = outcome
        self.context = context
        self.leftBehind = leftBehind
    }
}

/// One thing that happened while a step ran.
public struct SetupEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        case started
        /// A line of progress ("waiting for the rollout: phase ApplyingChanges").
        case progress(String)
        /// The step ended; the same value the step returns.
        case finished(StepOutcome)
    }

    public var step: SetupStepID
    public var title: String
    public var kind: Kind

    public init(step: SetupStepID, title: String, kind: Kind) {
        self.step = step
        self.title = title
        self.kind = kind
    }
}

/// Receives a step's events as they happen. Called from the step's task; must not block.
public struct SetupEventSink: Sendable {
    private let receive: @Sendable (SetupEvent) -> Void

    public init(_ receive: @escaping @Sendable (SetupEvent) -> Void) { self.receive = receive }

    /// A sink that drops every event.
    public static let ignore = SetupEventSink { _ in }

    public func send(_ event: SetupEvent) { receive(event) }
}
