import ArgumentParser
import Foundation
import RemoteClusterKit

/// `apply`: runs every step of a plan with the setup engine, remotes concurrently.
struct ApplyCommand: AsyncParsableCommand, ManualCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Set up every remote of a plan: prepare, check, create the key, configure ECK, connect, verify.",
        discussion: manual.discussion
    )

    static let manual = CommandManual(
        description: """
            Checks the whole plan first (every problem with its YAML path and line; nothing is contacted when one is found), then runs the steps of docs/plan.md for every remote, several at a time: versions and licenses, the remote's preparation, the TLS preflight, the cross-cluster API key, the local ECK objects (one change and one rolling restart for all remotes), the remote settings, the connection, a size=0 search across it, and the optional role. A step that finds its work done says "already done" and sends nothing that changes anything, so running apply again is safe.
            """,
        examples: [
            CommandManual.Example(
                "See every request and manifest first", "remote-cluster-wizard apply --plan plan.yaml --dry-run"),
            CommandManual.Example(
                "Run it, with the remote's password for creating the key",
                "REMOTE_PASSWORD=changeme remote-cluster-wizard apply --plan plan.yaml"),
            CommandManual.Example(
                "Events for a program, with a trace to hand to a colleague",
                "remote-cluster-wizard apply --plan plan.yaml -o json --log-file apply.log"),
        ],
        exitStatus: [
            (0, "every remote is connected"),
            (1, "a remote is not connected (its cause and fix are printed), or a step failed"),
            CommandManual.badInput,
        ])

    @OptionGroup var source: PlanOptions

    @Flag(
        name: .customLong("dry-run"),
        help: "Print every step's requests, kubectl operations and manifests (secrets redacted); contact nothing.")
    var dryRun = false

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
            valueName: "file"),
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var localResource: String?

    @OptionGroup var output: OutputOptions<EventFormats>
    @OptionGroup var trace: TraceOptions

    func validate() throws {
        guard waitSeconds > 0 else { throw ValidationError("--wait: give a number of seconds above 0, such as 300.") }
        guard (1...32).contains(concurrency) else {
            throw ValidationError("--concurrency: give a number from 1 to 32.")
        }
    }

    func run() async throws {
        let support = try PlanCommandSupport(trace: trace)
        let plan = try support.load(source.plan)
        let resource = try LocalResourceFile.read(localResource, output: support.output)
        if dryRun {
            let context = try support.context(
                plan, localResource: resource, currentContext: source.context, reading: [])
            let previews = SetupRunner.previews(of: context).map { ($0.step.id, $0.step.title, $0.preview) }
            PreviewPrinter.print(previews, format: output.document, output: support.output)
            return
        }
        let current = await support.currentContext(for: plan, given: source.context)
        let context = try support.context(plan, localResource: resource, currentContext: current)
        let runner = SetupRunner(services: support.services(waitSeconds: waitSeconds), concurrency: concurrency)
        let events = support.events(output.document)
        let report = await PlanCommandSupport.cancellableOnInterrupt { await runner.apply(context, events: events) }
        if output.isStructured {
            output.print(SetupEventFormat.json(for: report), stream: true, to: support.output)
        } else {
            support.output.print("")
            for line in SetupEventFormat.summary(of: report, symbols: support.symbols) { support.output.print(line) }
        }
        if !report.allConnected { throw ExitCode(1) }
    }
}

/// `--dry-run` output: headed text blocks, or one JSON object (YAML document) per step.
enum PreviewPrinter {
    static func print(
        _ previews: [(id: SetupStepID, title: String, preview: StepPreview)], format: DocumentPrinter,
        output: CommandOutput
    ) {
        guard format.isStructured else {
            for line in SetupEventFormat.previewLines(previews) { output.print(line) }
            return
        }
        for (id, title, preview) in previews {
            let object: JSONValue = [
                "step": .string(id.kind.rawValue), "number": .int(id.kind.number),
                "alias": id.alias.map(JSONValue.string) ?? .null, "title": .string(title), "event": "preview",
                "lines": .array(preview.lines.map(JSONValue.string)),
            ]
            format.print(object, stream: true, to: output)
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
