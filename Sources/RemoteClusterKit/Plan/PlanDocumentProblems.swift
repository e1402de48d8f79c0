import Foundation

/// Problems with a plan file as a whole: it cannot be read, is not YAML, or is too large.
enum PlanDocumentProblems {
    /// Plans larger than this are refused before they are parsed: a plan with the most
    /// remotes ``PlanLimits`` allows is about 200 KiB, so 2 MiB leaves ten times that for
    /// comments and long names, and a 5 MB plan is answered at once.
    static let maximumPlanBytes = 2 << 20

    /// The plan file's text, or the problem that stops it being read.
    static func text(of file: URL) throws(PlanError) -> String {
        do {
            return try InputFile.text(
                at: file.path, field: "plan file", what: "the plan", maximumBytes: maximumPlanBytes)
        } catch {
            throw PlanError(problems: [error])
        }
    }

    /// The problem for a `remotes` list over the limit.
    static func tooManyRemotes(_ count: Int, limits: PlanLimits) -> String {
        "has \(count) entries; a plan may describe at most \(limits.maximumRemotes) remote clusters"
    }

    /// The problem for a text that is not YAML or goes over the YAML limits.
    static func unreadable(_ error: YAMLConversionError, source: String) -> FieldProblem {
        if error.exceedsLimits {
            return FieldProblem(
                field: source, problem: "cannot be read: \(error.reason) (\(error.location ?? "at the start"))",
                fix: "Write each value out instead of repeating large anchors, and keep nesting shallow, as in PLAN.md."
            )
        }
        return FieldProblem(
            field: source, problem: "is not valid YAML: \(error.reason)",
            fix: "Fix the YAML at the line shown; every key may appear once per mapping.")
    }
}
