import ArgumentParser
import Foundation
import RemoteClusterKit

/// `manifests`: writes every artifact of a plan as files (the engine's `PlanManifests`), and with
/// `--apply` applies the local objects through the setup engine's local step.
struct ManifestsCommand: AsyncParsableCommand, ManualCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifests",
        abstract: "Write the manifests, commands and requests for a plan as files.",
        discussion: manual.discussion
    )

    static let manual = CommandManual(
        description: """
            Reads and checks the plan, reads the local Elasticsearch resource (with kubectl from the plan's local context, --context or kubectl's current context, or from --local-resource), and writes the credentials Secret, the CA ConfigMap, the merged Elasticsearch resource, the remote side's changes and commands, the API key and role requests, and NOTES.md into --out (default: the plan's local.manifestsDir). With --apply it then applies the local Secret, ConfigMap and Elasticsearch resource with kubectl and follows the rollout, as the plan's `local.applyManifests: kubectl` asks; `apply --plan` runs every step instead.

            Each run records the files it wrote in .remote-cluster-wizard-files in the folder. Files an earlier run wrote that this plan no longer makes (a remote taken out, an alias renamed) are listed; --prune removes them. No other file of the folder is touched.
            """,
        examples: [
            CommandManual.Example(
                "Write the files for review, reading the resource with kubectl",
                "remote-cluster-wizard manifests --plan plan.yaml --out manifests"),
            CommandManual.Example(
                "Without kubectl: the resource from a file, with the keys in the Secret",
                "remote-cluster-wizard manifests --plan plan.yaml --local-resource central.yaml --include-secrets"),
            CommandManual.Example(
                "Write, remove what an earlier run left, apply and wait up to 10 minutes",
                "remote-cluster-wizard manifests --plan plan.yaml --include-secrets --prune --apply --wait 600"),
        ],
        exitStatus: [
            (0, "the files were written (and applied with --apply)"),
            (1, "reading the resource, writing or applying failed"),
            CommandManual.badInput,
        ])

    @OptionGroup var source: PlanOptions

    @Option(
        help: ArgumentHelp(
            "The folder to write the files to (created when missing); default: the plan's local.manifestsDir.",
            valueName: "dir"),
        completion: .directory)
    var out: String?

    @Option(
        name: .customLong("local-resource"),
        help: ArgumentHelp(
            "A file with the local Elasticsearch resource as `kubectl get elasticsearch NAME -o yaml` prints it.",
            valueName: "file"),
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var localResource: String?

    @Flag(
        name: .customLong("include-secrets"),
        help: "Write the encoded API keys into the Secret (file mode 0600) instead of a placeholder.")
    var includeSecrets = false

    @Flag(help: "Remove the files an earlier run wrote into the folder that this plan no longer makes.")
    var prune = false

    @Flag(
        help:
            "Apply the local Secret, ConfigMap and Elasticsearch resource with kubectl after writing them (needs local.applyManifests: kubectl and --include-secrets)."
    )
    var apply = false

    @Option(
        name: .customLong("wait"), parsing: .unconditional,
        help: ArgumentHelp(
            "With --apply: wait up to this many seconds for the rollout (default 300).", valueName: "seconds"),
        transform: { try SecondsArgument.parse($0, allowed: "give a number of seconds above 0, such as 600") })
    var waitSeconds: Double?

    @OptionGroup var output: OutputOptions<EventFormats>
    @OptionGroup var trace: TraceOptions

    func validate() throws {
        if let waitSeconds {
            guard apply else {
                throw ValidationError("--wait only applies with --apply. Add --apply, or leave out --wait.")
            }
            guard waitSeconds > 0 else {
                throw ValidationError("--wait: give a number of seconds above 0, such as 300.")
            }
        }
    }

    func run() async throws {
        let support = try PlanCommandSupport(trace: trace)
        let plan = try support.load(source.plan)
        if apply, let problem = plan.kubectlApplyProblem(includeSecrets: includeSecrets) {
            support.output.error(
                problem.description.replacingOccurrences(of: "--plan PLAN", with: "--plan \(source.plan)"))
            throw ExitCode(RemoteClusterWizard.badInputExitStatus)
        }
        let folder = out.map { URL(fileURLWithPath: $0) } ?? plan.local.manifestsDir
        if let problem = OutputFolder.problem(at: folder.path, field: out == nil ? "local.manifestsDir" : "--out") {
            support.output.error(problem.description)
            throw ExitCode(RemoteClusterWizard.badInputExitStatus)
        }
        let manifests = PlanManifests(plan: plan, planPath: source.plan, includeSecrets: includeSecrets)
        let given = try LocalResourceFile.read(localResource, output: support.output)
        let current = given == nil || apply ? await support.currentContext(for: plan, given: source.context) : nil
        do {
            let resource = try await manifests.localResource(
                given: given, kubernetes: support.kubectl, currentContext: current)
            let (set, setup) = try manifests.artifacts(resource: resource)
            let stale = try manifests.write(set, to: folder, prune: prune)
            if !output.isStructured {
                let lines =
                    manifests.summary(set, folder: folder, setup: setup, applied: apply) + manifests.staleLines(stale)
                for line in lines { support.output.print(line) }
            }
            if apply { try await applyLocal(plan, resource: resource, current: current, support: support) }
            if output.isStructured {
                output.print(
                    manifests.json(set, folder: folder, stale: stale, applied: apply), stream: true, to: support.output)
            }
        } catch let error as PlanManifestsError {
            support.output.error(error.lines.joined(separator: "\n"))
            throw ExitCode(error.exitStatus)
        }
    }

    /// The setup engine's local step for every remote of the plan, with the keys the plan gives.
    func applyLocal(_ plan: Plan, resource: JSONValue, current: String?, support: PlanCommandSupport) async throws {
        let context = try support.context(plan, localResource: resource, currentContext: current, reading: .encodedKeys)
        let services = support.services(waitSeconds: waitSeconds ?? 300)
        if !output.isStructured { support.output.print("") }
        let step = SetupSteps.local(aliases: context.remotes.map(\.alias))
        let events = support.events(output.document)
        let result = await PlanCommandSupport.cancellableOnInterrupt {
            await step.run(in: context, services: services, events: events)
        }
        guard result.outcome.allowsNextStep else {
            support.output.error(
                "Nothing else was changed; the files are written, and local-apply.sh applies them by hand.")
            throw ExitCode(1)
        }
        if !output.isStructured {
            support.output.print(
                "Now `remote-cluster-wizard apply --plan \(ShellWord(source.plan))` adds the remotes and checks the connections."
            )
        }
    }
}
