import RemoteClusterKit

extension FieldProblem {
    /// The message as shown under its field: problems that read as a predicate ("is empty") get the
    /// field's name in front so the sentence stands on its own.
    public var displayMessage: String {
        guard let first = problem.first, first.isLowercase else { return message }
        return "\(field) \(message)"
    }
}
