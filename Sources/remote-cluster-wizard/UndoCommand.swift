import ArgumentParser
import Foundation
import RemoteClusterKit

/// `undo`: removes what `apply` added for a plan.
struct UndoCommand: AsyncParsableCommand, ManualCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Remove what apply added for a plan, and say what stays.",
        discussion: manual.discussion
    )

    static let manual = CommandManual(
        description: """
            Removes each alias from the local cluster (all its settings set to null in one request), the credentials, CAs and configuration the plan added to the local ECK resource (one rolling restart), the cross-cluster keys the plan created (found by name), and the plan's role when this tool made it. It reports what stays: the remote cluster server of an ECK remote, what was applied by hand on a self-managed remote, keys the plan was given.
            """,
        examples: [
            CommandManual.Example("See what would be removed", "remote-cluster-wizard undo --plan plan.yaml --dry-run"),
            CommandManual.Example(
                "Remove it, in the kubeconfig context for entries that name none",
                "remote-cluster-wizard undo --plan plan.yaml --context prod-eu"),
        ],
        exitStatus: [
            (0, "everything was removed or was not there"),
            (1, "a step failed"),
            CommandManual.badInput,
        ])

    @OptionGroup var source: PlanOptions

    @Flag(name: .customLong("dry-run"), help: "Print what would be removed; contact nothing.")
    var dryRun = false

    @Option(name: .customLong("wait"), help: ArgumentHelp("Seconds the rollout may take.", valueName: "seconds"))
    var waitSeconds: Double = 300

    @OptionGroup var output: OutputOptions<EventFormats>
    @OptionGroup var trace: TraceOptions

    func validate() throws {
        guard waitSeconds > 0 else { throw ValidationError("--wait: give a number of seconds above 0, such as 300.") }
    }

    func run() async throws {
        let support = try PlanCommandSupport(trace: trace)
        let plan = try support.load(source.plan)
        if dryRun {
            let context = try support.context(plan, currentContext: source.context, reading: [])
            let previews = SetupRunner.undoPreviews(of: context).map { ($0.step.id, $0.step.title, $0.preview) }
            PreviewPrinter.print(previews, format: output.document, output: support.output)
            return
        }
        let current = await support.currentContext(for: plan, given: source.context)
        let context = try support.context(plan, currentContext: current, reading: .passwords)
        let runner = SetupRunner(services: support.services(waitSeconds: waitSeconds))
        let events = support.events(output.document)
        let report = await PlanCommandSupport.cancellableOnInterrupt { await runner.undo(context, events: events) }
        if output.isStructured {
            output.print(SetupEventFormat.json(for: report), stream: true, to: support.output)
        } else if !report.leftBehind.isEmpty {
            support.output.print("")
            support.output.print("Left in place:")
            for line in report.leftBehind { support.output.print("  - \(line)") }
        }
        if report.anyStopped { throw ExitCode(1) }
    }
}
