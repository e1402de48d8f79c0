import RemoteClusterKit

/// One engine step run from a screen: started as a job, its events shown as progress lines, its
/// outcome kept. A screen holds one per step it runs; the router cancels the job when the screen
/// is left.
public struct StepRun: Sendable {
    public let kind: SetupStepKind
    public private(set) var token: Token?
    public private(set) var startedAt: Moment?
    /// The title the engine gives the step (from its first event).
    public private(set) var title: String?
    /// Progress lines from the step's events, oldest first.
    public private(set) var progress: [String] = []
    /// How the last run ended.
    public private(set) var outcome: StepOutcome?
    private var spinnerTimer: Token?

    public init(_ kind: SetupStepKind) { self.kind = kind }

    public var isRunning: Bool { token != nil }
    /// Whether the last run ended in a way that lets the flow go on.
    public var succeeded: Bool { outcome?.allowsNextStep ?? false }

    var spinnerID: String { "step.\(kind.rawValue)" }

    /// Starts the step on the context's current setup; `deadline` limits how long it may take.
    public mutating func start(_ context: inout WizardContext, deadlineMilliseconds: Int64? = nil) -> [Effect<
        WizardJob
    >] {
        let token = context.tokens.next()
        self.token = token
        startedAt = context.now
        progress = []
        outcome = nil
        return [.run(.step(kind, context.setup), token: token, deadlineMilliseconds: deadlineMilliseconds)]
            + scheduleSpinner(&context)
    }

    /// Stops the step (Esc while it runs).
    public mutating func cancel() -> [Effect<WizardJob>] {
        guard let token else { return [] }
        self.token = nil
        spinnerTimer = nil
        outcome = .cancelled
        return [.cancel(token)]
    }

    /// Forgets the last outcome (the answers it was for changed).
    public mutating func reset() {
        outcome = nil
        progress = []
    }

    /// What a message meant for this run.
    public enum Update: Sendable {
        /// Not for this run.
        case ignored
        /// Progress or a spinner tick; redraw.
        case changed([Effect<WizardJob>])
        /// The step ended; the context keeps its result.
        case finished(StepOutcome)
    }

    public mutating func receive(_ message: ScreenMessage, _ context: inout WizardContext) -> Update {
        switch message {
        case .jobProgress(let token, .stepEvent(let event)) where token == self.token:
            title = event.title
            if case .progress(let line) = event.kind { progress.append(line) }
            return .changed([])
        case .jobFinished(let token, .stepFinished(let result)) where token == self.token:
            self.token = nil
            spinnerTimer = nil
            context.keep(result)
            outcome = result.outcome
            return .finished(result.outcome)
        case .jobTimedOut(let token, let after) where token == self.token:
            self.token = nil
            spinnerTimer = nil
            let diagnosis = Diagnosis(
                cause: .requestFailed, summary: "The step did not finish within \(after / 1000) s.",
                fix: "Check that the clusters and Kubernetes answer, then try again.")
            outcome = .failed(diagnosis)
            return .finished(.failed(diagnosis))
        case .timer(let id, let token) where id == spinnerID && token == spinnerTimer:
            return .changed(isRunning ? scheduleSpinner(&context) : [])
        default:
            return .ignored
        }
    }

    private mutating func scheduleSpinner(_ context: inout WizardContext) -> [Effect<WizardJob>] {
        let token = context.tokens.next()
        spinnerTimer = token
        return [.startTimer(id: spinnerID, token: token, afterMilliseconds: 100)]
    }

    /// The progress and the outcome as report lines (marks in the given glyphs).
    public func lines(glyphs: Glyphs) -> [String] {
        var lines = progress.map { "  \($0)" }
        guard let outcome else { return lines }
        lines += Self.lines(for: outcome, title: title ?? kind.rawValue, glyphs: glyphs)
        return lines
    }

    /// An outcome as report lines.
    public static func lines(for outcome: StepOutcome, title: String, glyphs: Glyphs) -> [String] {
        switch outcome {
        case .done(let changes):
            return changes.isEmpty ? ["\(glyphs.ok) \(title): done"] : changes.map { "\(glyphs.ok) \($0)" }
        case .passed(let found): return ["\(glyphs.ok) \(found)"]
        case .alreadyDone(let found): return ["\(glyphs.ok) Already done: \(found)"]
        case .skipped(let why): return ["\(glyphs.ok) Nothing to do: \(why)"]
        case .needsConfirmation(let question): return ["\(glyphs.warning) \(question)"]
        case .failed(let diagnosis): return ["\(glyphs.failure) \(title) failed"] + diagnosisLines(diagnosis)
        case .cancelled: return ["\(glyphs.warning) \(title) was stopped before it finished."]
        }
    }

    /// A diagnosis as `Most likely:` / `Seen:` / `Fix:` lines.
    public static func diagnosisLines(_ diagnosis: Diagnosis) -> [String] {
        var lines = ["Most likely: \(diagnosis.summary)"]
        if let evidence = diagnosis.evidence { lines.append("Seen: \(evidence)") }
        lines.append("Fix: \(diagnosis.fix)")
        if diagnosis.cause == .unknown, let raw = diagnosis.raw { lines.append("Error: \(raw)") }
        return lines
    }

    /// The spinner line while running.
    public func renderSpinner(
        into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, label: String, context: WizardContext,
        theme: Theme
    ) {
        guard isRunning, let startedAt else { return }
        Spinner(label, startedAt: startedAt).render(
            into: &buffer, x: x, y: y, width: width, now: context.now, theme: theme)
    }
}
