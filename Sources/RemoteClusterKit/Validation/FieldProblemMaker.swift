/// Builds the errors of one field, so that a validator states only what is wrong and the fix:
/// `let problem = FieldProblemMaker(field: field)`, then `problem("is empty", "Enter …")`.
struct FieldProblemMaker: Sendable {
    let field: String

    /// One error for the field.
    func callAsFunction(_ problem: String, _ fix: String) -> FieldProblem {
        FieldProblem(field: field, problem: problem, fix: fix)
    }

    /// The field's one error as a validator's whole answer.
    func callAsFunction(_ problem: String, _ fix: String) -> [FieldProblem] {
        [FieldProblem(field: field, problem: problem, fix: fix)]
    }
}
