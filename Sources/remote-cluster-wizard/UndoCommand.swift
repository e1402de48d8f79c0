import ArgumentParser
import Foundation
import RemoteClusterKit

/// `undo`: removes what `apply` added for a plan.
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Remove what apply added for a plan, and say what stays.",
        discussion: """
            Removes each alias from the local cluster (all its settings set to null in one request), the credentials, CAs and configuration the plan added to the local ECK resource (one rolling restart), the cross-cluster keys the plan created (found by name), and the plan's role when this tool made it. It reports what stays: the remote cluster server of an ECK remote, what was applied by hand on a self-managed remote, keys the plan was given.

            Exit status: 0 when everything was removed or was not there; 1 when a step failed; 2 for an invalid plan.
            """
    )

    @Option(help: ArgumentHelp("The plan file (see docs/plan.md).", valueName: "file"))
    var plan: String

    @Flag(name: .customLong("dry-run"), help: "Print what would be removed; contact nothing.")
    var dryRun = false

    @Flag(help: "Print one JSON object per event.")
    var json = false

    @Option(name: .customLong("wait"), help: ArgumentHelp("Seconds the rollout may take.", valueName: "seconds"))
    var waitSeconds: Double = 300

    func validate() throws {
        guard waitSeconds > 0 else { throw ValidationError("--wait: give a number of seconds above 0, such as 300.") }
    }

    func run() async throws {
        let support = PlanCommandSupport()
        let plan = try support.load(self.plan)
        if dryRun {
            let context = try support.context(plan, currentContext: nil, reading: [])
            let previews = SetupRunner.undoPreviews(of: context).map { ($0.step.id, $0.step.title, $0.preview) }
            PreviewPrinter.print(previews, json: json, output: support.output)
            return
        }
        let kubectl = KubectlClient()
        let current = await support.currentContext(for: plan, kubectl: kubectl)
        let context = try support.context(plan, currentContext: current, reading: .passwords)
        let runner = SetupRunner(services: PlanCommandSupport.services(waitSeconds: waitSeconds, kubectl: kubectl))
        let events = support.events(json: json)
        let report = await PlanCommandSupport.cancellableOnInterrupt { await runner.undo(context, events: events) }
        if json {
            support.output.print(SetupEventFormat.json(for: report).jsonString())
        } else if !report.leftBehind.isEmpty {
            support.output.print("")
            support.output.print("Left in place:")
            for line in report.leftBehind { support.output.print("  - \(line)") }
        }
        if report.anyStopped { throw ExitCode(1) }
    }
}
