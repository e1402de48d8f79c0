import Foundation

/// Something the wizard changed on a cluster or on disk, for the summary, for the warning before
/// Back steps over it, and for undo.
public struct AppliedChange: Sendable, Hashable, Codable {
    /// The screen that made the change.
    public var screen: ScreenID
    /// What changed, e.g. `Secret remote-api-keys applied`.
    public var what: String
    /// Where, e.g. `local cluster (context sim-local, namespace default)`.
    public var place: String
    /// How to undo it, when there is a way.
    public var undo: String?

    public init(screen: ScreenID, what: String, place: String, undo: String? = nil) {
        self.screen = screen
        self.what = what
        self.place = place
        self.undo = undo
    }
}

/// What the wizard saves after every step (never secrets): the answers, where the operator was,
/// what was already changed and which files were written. Read back at start to offer "resume".
public struct SavedProgress: Sendable, Hashable, Codable {
    /// The format version; a file with another version is not resumed.
    public static let currentVersion = 1

    public var version: Int
    public var screen: ScreenID
    public var answers: SetupAnswers
    public var applied: [AppliedChange]
    public var filesWritten: [String]
    /// The run reached its end; nothing to resume.
    public var finished: Bool

    public init(
        screen: ScreenID, answers: SetupAnswers, applied: [AppliedChange] = [], filesWritten: [String] = [],
        finished: Bool = false
    ) {
        self.version = Self.currentVersion
        self.finished = finished
        self.screen = screen
        self.answers = answers
        self.applied = applied
        self.filesWritten = filesWritten
    }
}

extension SavedProgress {
    /// The progress as pretty JSON, for the state file.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a state file's text; nil when it is not a progress file of this version (a damaged or
    /// older file is never half-read).
    public static func decode(_ text: String) -> SavedProgress? {
        guard let progress = try? JSONDecoder().decode(SavedProgress.self, from: Data(text.utf8)),
            progress.version == currentVersion
        else { return nil }
        return progress
    }
}
