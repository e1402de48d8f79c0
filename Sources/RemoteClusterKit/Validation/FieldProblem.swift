/// One thing wrong (or worth a warning) with one input field.
///
/// Shared by the terminal UI (shown under the field), plain mode (printed after the prompt) and
/// plan files (where `field` is the YAML path, e.g. `remotes[1].proxyAddress`).
public struct FieldProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the problem blocks going on.
    public enum Severity: String, Sendable, Hashable {
        /// The value cannot be used; Next is blocked.
        case error
        /// The value can be used but is probably not what the operator wants.
        case warning
    }

    /// The field, as the operator knows it ("Proxy address") or as a YAML path.
    public var field: String
    /// What is wrong, in one sentence without a trailing period.
    public var problem: String
    /// What to do about it, as a full sentence.
    public var fix: String
    public var severity: Severity

    public init(field: String, problem: String, fix: String, severity: Severity = .error) {
        self.field = field
        self.problem = problem
        self.fix = fix
        self.severity = severity
    }

    /// The same problem reported against another field name (for example a YAML path).
    public func renamed(to field: String) -> FieldProblem {
        var copy = self
        copy.field = field
        return copy
    }

    /// The message without the field name, for display directly under the field.
    public var message: String { "\(problem). \(fix)" }

    /// `field: problem. fix`
    public var description: String { "\(field): \(message)" }
}

extension Array where Element == FieldProblem {
    /// The problems that block going on.
    public var errors: [FieldProblem] { filter { $0.severity == .error } }
    /// The problems that only warn.
    public var warnings: [FieldProblem] { filter { $0.severity == .warning } }
}
