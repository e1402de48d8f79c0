/// Which of the setup's steps a value is, in the order they run for one remote.
public enum SetupStepKind: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// 1. Versions (≥ 8.14) and licenses (enterprise or trial) of the local cluster and the remote.
    case clusters
    /// 2. The remote side by type: ECK `spec.remoteClusterServer` and its CA, self-managed files
    ///    confirmed, nothing for ECH/ECE.
    case remotePreparation
    /// 3. The TLS preflight against the proxy address or every seed.
    case preflight
    /// 4. The cross-cluster API key: created, reused (access updated) or taken as given.
    case apiKey
    /// 5. The local ECK objects (credentials Secret, CA ConfigMap, `Elasticsearch` change) and the
    ///    rollout; one step for every remote of a setup.
    case localCluster
    /// 6. `PUT /_cluster/settings` for the alias, only when something differs.
    case addRemote
    /// 7. `_resolve/cluster` and `_remote/info` until connected with credentials.
    case connection
    /// 8. A `size=0` cross-cluster search on `<alias>:<pattern>`.
    case dataAccess
    /// 9. The optional local role with `remote_indices`; one step for every remote of a setup.
    case role

    /// Where the step's changes land: once for the whole setup, or once per remote.
    public var isSetupWide: Bool { self == .localCluster || self == .role }

    /// The step's number as the documentation counts them (1–9).
    public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.number < rhs.number }
}

/// Names one step of one setup: its kind and, for per-remote steps, the alias. `Hashable`, so a
/// UI can key jobs, effects and screens by it.
public struct SetupStepID: Sendable, Hashable, CustomStringConvertible {
    public var kind: SetupStepKind
    /// The remote the step is for; nil for the setup-wide steps (local cluster, role).
    public var alias: String?

    public init(_ kind: SetupStepKind, alias: String?) {
        self.kind = kind
        self.alias = kind.isSetupWide ? nil : alias
    }

    public var description: String { alias.map { "\(kind) (\($0))" } ?? kind.rawValue }
}

/// One step of a setup: what it is called, what it will do (without contacting anything), how it
/// is carried out, and how it is undone.
///
/// Steps are values built from a `SetupContext` by `SetupSteps`. A step reads what it needs from the
/// context it is given (including what earlier steps put there) and returns the context with its
/// own outputs added, so a caller can run one step at a time: show `preview(in:)`, call
/// `run(in:services:events:)`, keep the returned context for the next step. Execution is
/// cancellable with Task cancellation (the outcome is then `.cancelled`).
public protocol SetupStep: Sendable {
    var id: SetupStepID { get }
    /// A short title, e.g. "Create the cross-cluster API key".
    var title: String { get }

    /// The exact requests, kubectl operations, manifests and instructions the step will send or
    /// show, secrets redacted. Pure: contacts nothing. Values that only an earlier step can know
    /// (a key not created yet, a CA not read yet) appear as placeholders.
    func preview(in context: SetupContext) -> StepPreview

    /// Carries the step out, reporting what happens through `events`, and returns the outcome
    /// with the context updated by the step's outputs.
    func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult
}

/// A step that removes what a setup step added, derived from the setup alone (keys by name,
/// objects by the names the setup gives them), so it works without the original run's state.
public protocol UndoStep: Sendable {
    var id: SetupStepID { get }
    var title: String { get }
    /// What undoing will send, secrets redacted. Contacts nothing.
    func preview(in context: SetupContext) -> StepPreview
    /// Removes what the step added; `.done` lists what was removed, `.alreadyDone` when nothing
    /// was there. Things it deliberately leaves (e.g. files applied by hand) go into
    /// `StepResult.leftBehind`.
    func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult
}
