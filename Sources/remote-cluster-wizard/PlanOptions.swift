import ArgumentParser
import RemoteClusterKit

/// `--plan FILE` and `--context NAME`: the plan, and the kubeconfig context for the entries
/// that name none (instead of kubectl's current context).
struct PlanOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("The plan file (see docs/plan.md).", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var plan: String

    @Option(
        help: ArgumentHelp(
            "The kubeconfig context for plan entries that name none (default: kubectl's current context).",
            valueName: "context"),
        completion: .shellCommand("kubectl config get-contexts -o name 2>/dev/null"))
    var context: String?

    func validate() throws {
        if let context, context.trimmingWhitespace().isEmpty {
            throw ValidationError(
                "--context: the name is empty. Give a context from `kubectl config get-contexts -o name`.")
        }
    }
}
