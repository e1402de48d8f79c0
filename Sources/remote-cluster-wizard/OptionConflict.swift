import ArgumentParser

/// Two options that cannot be given together, refused like kubectl does before anything runs.
struct OptionConflict {
    var first: String
    var firstGiven: Bool
    var second: String
    var secondGiven: Bool
    var fix: String

    init(_ first: String, _ firstGiven: Bool, _ second: String, _ secondGiven: Bool, fix: String) {
        self.first = first
        self.firstGiven = firstGiven
        self.second = second
        self.secondGiven = secondGiven
        self.fix = fix
    }

    /// Throws for the first pair given together: `--a and --b cannot be used together. <fix>`.
    static func refuse(_ conflicts: [OptionConflict]) throws {
        guard let conflict = conflicts.first(where: { $0.firstGiven && $0.secondGiven }) else { return }
        throw ValidationError("\(conflict.first) and \(conflict.second) cannot be used together. \(conflict.fix)")
    }
}
