import ArgumentParser
import Foundation
import RemoteClusterKit

/// `apply`: runs every step of a plan with the setup engine, remotes concurrently.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Set up every remote of a plan: prepare, check, create the key, configure ECK, connect, verify.",
        discussion: """
            Checks the whole plan first (every problem with its YAML path; nothing is contacted when one is found), then runs the steps of docs/plan.md for every remote, several at a time: versions and licenses, the remote's preparation, the TLS preflight, the cross-cluster API key, the local ECK objects (one change and one rolling restart for all remotes), the remote settings, the connection, a size=0 search across it, and the optional role. A step that finds its work done says "already done" and sends nothing that changes anything, so running apply again is safe.

            Exit status: 0 when every remote is connected; 1 when any is not (its cause and fix are printed); 2 for an invalid plan.
            """
    )

    @Option(help: ArgumentHelp("The plan file (see docs/plan.md).", valueName: "file"))
    var plan: String

    @Flag(
        name: .customLong("dry-run"),
        help: "Print every step's requests, kubectl operations and manifests (secrets redacted); contact nothing.")
    var dryRun = false

    @Flag(help: "Print one JSON object per event (and per preview with --dry-run).")
    var json = false

    @Option(
        name: .customLong("wait"),
        help: ArgumentHelp("Seconds each wait (rollout, connection) may take.", valueName: "seconds"))
    var waitSeconds: Double = 300

    @Option(help: ArgumentHelp("How many remotes run at the same time.", valueName: "n"))
    var concurrency: Int = 4

    @Option(
        name: .customLong("local-resource"),
        help: ArgumentHelp(
            "The local Elasticsearch resource as `kubectl get elasticsearch NAME -o yaml` prints it, instead of reading it with kubectl.",
            valueName: "file"))
    var localResource: String?

    func validate() throws {
        guard waitSeconds > 0 else { throw ValidationError("--wait: give a number of seconds above 0, such as 300.") }
        guard (1...32).contains(concurrency) else {
            throw ValidationError("--concurrency: give a number from 1 to 32.")
        }
    }

    func run() async throws {
        let support = PlanCommandSupport()
        let plan = try support.load(self.plan)
        let resource = try LocalResourceFile.read(localResource, output: support.output)
        if dryRun {
            let context = try support.context(plan, localResource: resource, currentContext: nil, reading: [])
            let previews = SetupRunner.previews(of: context).map { ($0.step.id, $0.step.title, $0.preview) }
            PreviewPrinter.print(previews, json: json, output: support.output)
            return
        }
        let kubectl = KubectlClient()
        let current = await support.currentContext(for: plan, kubectl: kubectl)
        let context = try support.context(plan, localResource: resource, currentContext: current)
        let runner = SetupRunner(
            services: PlanCommandSupport.services(waitSeconds: waitSeconds, kubectl: kubectl), concurrency: concurrency)
        let events = support.events(json: json)
        let report = await PlanCommandSupport.cancellableOnInterrupt { await runner.apply(context, events: events) }
        if json {
            support.output.print(SetupEventFormat.json(for: report).jsonString())
        } else {
            support.output.print("")
            for line in SetupEventFormat.summary(of: report, symbols: support.symbols) { support.output.print(line) }
        }
        if !report.allConnected { throw ExitCode(1) }
    }
}

/// `--dry-run` output: headed text blocks, or one JSON object per step.
enum PreviewPrinter {
    static func print(
        _ previews: [(id: SetupStepID, title: String, preview: StepPreview)], json: Bool, output: CommandOutput
    ) {
        guard json else {
            for line in SetupEventFormat.previewLines(previews) { output.print(line) }
            return
        }
        for (id, title, preview) in previews {
            let object: JSONValue = [
                "step": .string(id.kind.rawValue), "number": .int(id.kind.number),
                "alias": id.alias.map(JSONValue.string) ?? .null, "title": .string(title), "event": "preview",
                "lines": .array(preview.lines.map(JSONValue.string)),
            ]
            output.print(object.jsonString())
        }
    }
}

/// `--local-resource FILE`: the local resource read from a file (YAML or JSON).
enum LocalResourceFile {
    static func read(_ path: String?, output: CommandOutput) throws -> JSONValue? {
        guard let path else { return nil }
        let text: String
        do {
            text = try InputFile.text(
                at: path, field: "--local-resource", what: "the Elasticsearch resource", maximumBytes: 16 << 20)
        } catch {
            output.error(error.description)
            throw ExitCode(RemoteClusterWizard.badInputExitStatus)
        }
        do { return ServerSetFields.strip(try JSONValue.parseYAML(text)) } catch {
            let what = error.exceedsLimits ? "cannot be read" : "is not YAML or JSON"
            output.error("--local-resource: \(path) \(what): \(error.description)")
            throw ExitCode(RemoteClusterWizard.badInputExitStatus)
        }
    }
}
