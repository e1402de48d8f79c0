import Testing
@testable import RemoteClusterKit

/// One row of a validation table: an input that must be refused, and words the problem and the
/// fix must contain so the operator learns what is wrong and what to do.
struct BadInput: Sendable, CustomTestStringConvertible {
    var input: String
    var problem: String
    var fix: String
    var testDescription: String { "\"\(input)\"" }

    init(_ input: String, problem: String, fix: String) {
        self.input = input
        self.problem = problem
        self.fix = fix
    }

    /// Checks that `problems` holds an error for `field` whose texts contain the expected words.
    func verify(_ problems: [FieldProblem], field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let errors = problems.errors
        #expect(!errors.isEmpty, "expected an error for \(testDescription)", sourceLocation: sourceLocation)
        guard let first = errors.first else { return }
        #expect(first.field == field, sourceLocation: sourceLocation)
        #expect(first.problem.contains(problem), "problem was: \(first.problem)", sourceLocation: sourceLocation)
        #expect(first.fix.contains(fix), "fix was: \(first.fix)", sourceLocation: sourceLocation)
        #expect(first.fix.hasSuffix("."), "a fix is a full sentence: \(first.fix)", sourceLocation: sourceLocation)
    }
}
