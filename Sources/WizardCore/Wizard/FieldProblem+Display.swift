import RemoteClusterKit

extension FieldProblem {
    /// The message as shown under its field: problems that read as a predicate ("is empty") get the
    /// field's name in front so the sentence stands on its own.
    public var displayMessage: String {
        guard let first = problem.first, first.isLowercase else { return message }
        return "\(field) \(message)"
    }

    /// The message with the field named, for places without a label beside it (plain mode):
    /// `Alias is empty. …` or `Alias: "Logs" contains upper-case letters. …`.
    public var standaloneMessage: String {
        guard let first = problem.first, first.isLowercase else { return description }
        return "\(field) \(message)"
    }
}
