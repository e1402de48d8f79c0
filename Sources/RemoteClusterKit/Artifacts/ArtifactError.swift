/// Why artifacts could not be generated from a setup.
public struct ArtifactError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, naming the object or field.
    public var problem: String
    /// What to do about it.
    public var fix: String

    public init(problem: String, fix: String) {
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "\(problem). \(fix)" }
}
