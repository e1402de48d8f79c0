import Foundation
import Yams

/// Problems with a plan file as a whole: it cannot be read, is not YAML, is too large, or is
/// some other YAML file.
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
                fix:
                    "Write each value out instead of repeating large anchors, and keep nesting shallow, as in docs/plan.md."
            )
        }
        return FieldProblem(
            field: source, problem: "is not valid YAML: \(error.reason)",
            fix: "Fix the YAML at the line shown; every key may appear once per mapping.")
    }

    /// The one problem for a mapping that has none of a plan's keys (another file given as
    /// the plan: a Kubernetes manifest, a kubeconfig, a configuration file), instead of one
    /// problem per key it has. nil for anything else, which the plan's rules then check.
    static func notAPlan(_ root: Node, planKeys: [String]) -> FieldProblem? {
        guard case .mapping(let mapping) = root, mapping.count > 0 else { return nil }
        let keys = mapping.keys.compactMap { $0.scalar?.string }
        guard !keys.contains(where: planKeys.contains) else { return nil }
        let listed = keys.prefix(3).map { "`\(TextExcerpt.shown($0, limit: 40))`" }.joined(separator: ", ")
        let more = keys.count > 3 ? " and \(keys.count - 3) more" : ""
        let found = keys.isEmpty ? "" : " (it has \(listed)\(more))"
        let kind =
            keys.contains("apiVersion") && keys.contains("kind")
            ? "looks like a Kubernetes manifest, not a plan" : "has none of a plan's keys"
        return FieldProblem(
            field: "(plan)", problem: "\(kind)\(found)\(PlanNodeReader.line(root))",
            fix:
                "Check the file given as the plan: a plan has `local:` and `remotes:` at its top level, as in docs/plan.md."
        )
    }
}
