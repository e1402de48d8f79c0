import RemoteClusterKit

/// How the wizard was started: answers to prefill (the demo fills in the simulator's endpoints),
/// where progress is saved, and a progress file to offer for resuming.
public struct WizardConfiguration: Sendable, Hashable {
    /// Answers to start from when not resuming.
    public var prefill: SetupAnswers
    /// Secrets to start from (the demo's simulated passwords); never saved.
    public var prefilledSecrets: SetupSecrets
    /// The state file written after every step; nil writes nothing.
    public var statePath: String?
    /// A run that was interrupted, read from `statePath` at start.
    public var savedProgress: SavedProgress?
    /// Said under the offer to resume, e.g. why the demo resumes earlier than where it stopped.
    public var resumeExplanation: String?
    /// Shown in the title line, e.g. "demo".
    public var label: String?
    /// The marks plain mode prints (the full-screen mode takes them from the terminal's theme).
    public var glyphs: Glyphs

    public init(
        prefill: SetupAnswers = SetupAnswers(), prefilledSecrets: SetupSecrets = SetupSecrets(),
        statePath: String? = nil, savedProgress: SavedProgress? = nil, label: String? = nil,
        glyphs: Glyphs = .unicode
    ) {
        self.glyphs = glyphs
        self.prefill = prefill
        self.prefilledSecrets = prefilledSecrets
        self.statePath = statePath
        self.savedProgress = savedProgress
        self.label = label
    }
}

/// What the screens share: the answers, this run's secrets and engine results, the token source,
/// the time and the terminal size. The router owns it and lends it to the current screen.
public struct WizardContext: Sendable {
    public var answers: SetupAnswers
    public var secrets: SetupSecrets
    /// Changes made so far (also saved, so a resumed run knows them).
    public var applied: [AppliedChange]
    /// Files written so far.
    public var filesWritten: [String]
    /// The engine's context as the last step left it: its outputs (the key, the CA, the
    /// preflight, what was applied) and the operator's decisions. Not saved.
    public var engine: SetupContext?
    public var tokens = TokenSource()
    public var now = Moment.zero
    public var size = Size(width: 80, height: 24)
    public let configuration: WizardConfiguration

    public init(configuration: WizardConfiguration) {
        self.configuration = configuration
        self.answers = configuration.prefill
        self.secrets = configuration.prefilledSecrets
        self.applied = []
        self.filesWritten = []
    }

    /// The body rectangle screens draw in at the current size (nil below the minimum size).
    public var body: Rect? { Frame.bodyRect(in: size, withRail: true) }

    /// Records a change, replacing an earlier record of the same change.
    public mutating func record(_ change: AppliedChange) {
        applied.removeAll { $0.what == change.what && $0.place == change.place }
        applied.append(change)
    }

    /// Records a written file once.
    public mutating func recordFile(_ path: String) {
        if !filesWritten.contains(path) { filesWritten.append(path) }
    }

    /// "ECK local → ECH remote", once a type is chosen.
    public func branch(glyphs: Glyphs) -> String? {
        guard let type = answers.type else { return nil }
        return "ECK local \(glyphs.arrow) \(type.shortName) remote"
    }
}

extension RemoteClusterType {
    /// The short name for the title line.
    public var shortName: String {
        switch self {
        case .ech: return "ECH"
        case .ece: return "ECE"
        case .eck: return "ECK"
        case .selfManaged: return "self-managed"
        }
    }
}
