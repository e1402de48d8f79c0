import ArgumentParser
import Foundation
import RemoteClusterKit

/// `manifests`: writes every artifact of a plan as files (the engine's `PlanManifests`), and with
/// `--apply` applies the local objects through the setup engine's local step.
struct ManifestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifests",
        abstract: "Write the manifests, commands and requests for a plan as files.",
        discussion: """
            Reads and checks the plan, reads the local Elasticsearch resource (with kubectl from the \
            plan's local context or kubectl's current context, or from --local-resource), and writes the \
            credentials Secret, the CA ConfigMap, the merged Elasticsearch resource, the remote side's \
            changes and commands, the API key and role requests, and NOTES.md into --out (default: the \
            plan's local.manifestsDir). With --apply it then applies the local Secret, ConfigMap and \
            Elasticsearch resource with kubectl and follows the rollout, as the plan's \
            `local.applyManifests: kubectl` asks; `apply --plan` runs every step instead. Exit status 2 \
            means the input has problems, 1 that reading, writing or applying failed.
            """
    )

    @Option(name: .long, help: "The plan file (see docs/plan.md).")
    var plan: String

    @Option(
        name: .long,
        help: "The folder to write the files to (created when missing); default: the plan's local.manifestsDir.")
    var out: String?

    @Option(
        name: .customLong("local-resource"),
        help: "A file with the local Elasticsearch resource as `kubectl get elasticsearch NAME -o yaml` prints it.")
    var localResource: String?

    @Flag(
        name: .customLong("include-secrets"),
        help: "Write the encoded API keys into the Secret (file mode 0600) instead of a placeholder.")
    var includeSecrets = false

    @Flag(
        name: .long,
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

    func run() async throws {
        let support = PlanCommandSupport()
        let plan = try support.load(self.plan)
        if apply, let problem = plan.kubectlApplyProblem(includeSecrets: includeSecrets) {
            support.output.error(
                problem.description.replacingOccurrences(of: "--plan PLAN", with: "--plan \(self.plan)"))
            throw ExitCode(2)
        }
        if let waitSeconds, !apply || !(waitSeconds > 0) {
            support.output.error(
                "--wait: \(apply ? "must be a number of seconds above 0" : "only applies with --apply").")
            throw ExitCode(2)
        }
        let folder = out.map { URL(fileURLWithPath: $0) } ?? plan.local.manifestsDir
        if let problem = OutputFolder.problem(at: folder.path, field: out == nil ? "local.manifestsDir" : "--out") {
            support.output.error(problem.description)
            throw ExitCode(2)
        }
        let manifests = PlanManifests(plan: plan, planPath: self.plan, includeSecrets: includeSecrets)
        let given = try LocalResourceFile.read(localResource, output: support.output)
        let kubectl = KubectlClient()
        let current = given == nil || apply ? await support.currentContext(for: plan, kubectl: kubectl) : nil
        do {
            let resource = try await manifests.localResource(given: given, kubernetes: kubectl, currentContext: current)
            let (set, setup) = try manifests.artifacts(resource: resource)
            try manifests.write(set, to: folder)
            for line in manifests.summary(set, folder: folder, setup: setup, applied: apply) {
                support.output.print(line)
            }
            if apply {
                try await applyLocal(plan, resource: resource, current: current, support: support, kubectl: kubectl)
            }
        } catch let error as PlanManifestsError {
            for line in error.lines { support.output.error(line) }
            throw ExitCode(error.exitStatus)
        }
    }

    /// The setup engine's local step for every remote of the plan, with the keys the plan gives.
    func applyLocal(
        _ plan: Plan, resource: JSONValue, current: String?, support: PlanCommandSupport, kubectl: KubectlClient
    )
        async throws
    {
        let context = try support.context(plan, localResource: resource, currentContext: current, reading: .encodedKeys)
        let services = PlanCommandSupport.services(waitSeconds: waitSeconds ?? 300, kubectl: kubectl)
        support.output.print("")
        let step = SetupSteps.local(aliases: context.remotes.map(\.alias))
        let result = await PlanCommandSupport.cancellableOnInterrupt {
            await step.run(in: context, services: services, events: support.events(json: false))
        }
        guard result.outcome.allowsNextStep else {
            support.output.error(
                "Nothing else was changed; the files are written, and local-apply.sh applies them by hand.")
            throw ExitCode(1)
        }
        support.output.print(
            "Now `remote-cluster-wizard apply --plan \(ShellWord(self.plan))` adds the remotes and checks the connections."
        )
    }
}
