import ArgumentParser
import ClusterSimulator
import Foundation

/// `remote-cluster-wizard simulate`: runs a simulated local and remote cluster on loopback until
/// SIGINT or SIGTERM, and prints one JSON line describing how to reach them.
struct SimulateCommand: AsyncParsableCommand, ManualCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a simulated local and remote Elasticsearch cluster on loopback ports.",
        discussion: manual.discussion
    )

    static let manual = CommandManual(
        description: """
            Prints one JSON line on standard output with the URLs, credentials, CA files, the remote \
            cluster server address and server name, the simulated Kubernetes contexts and the path of \
            a kubeconfig (keys in snake_case), and a short banner on standard error with three \
            commands to paste. The two contexts (sim-local, sim-remote) are served over HTTPS on \
            loopback, so kubectl works against them with KUBECONFIG set to that kubeconfig. It also \
            writes plan.yaml (for apply against these clusters) and env (their values as shell \
            variables, KUBECONFIG included; --env-file writes a copy where you say) into its folder, \
            then runs until interrupted (SIGINT or SIGTERM) and removes its folder. Elasticsearch \
            manifests are checked against the ECK CRD schema (--crd, found beside the repository as \
            ../shared/eck-reference by default). The faults are listed under --faults. With -v, every \
            request the clusters' REST APIs and the Kubernetes API answer is traced on standard error \
            (server, method, path, status, time; never a header or a body); --log-file appends the same \
            lines with timestamps to a file. While it runs, lines typed on standard input switch faults: \
            `on NAME[,NAME...]`, `off NAME[,NAME...]`, `faults` (those on) and `help`; after a switch the \
            remote cluster server closes its open connections, so that the next ones meet the faults.
            """,
        examples: [
            CommandManual.Example(
                "Run them, with the values in ./sim.env for another terminal",
                "remote-cluster-wizard simulate --env-file sim.env"),
            CommandManual.Example(
                "A remote that is down and a local cluster answering 500",
                "remote-cluster-wizard simulate --faults remote-down,http-500"),
            CommandManual.Example(
                "The JSON line for a script (the banner goes to standard error)",
                "remote-cluster-wizard simulate 2>/dev/null | head -n 1"),
            CommandManual.Example(
                "Watch every request the clusters answer while another terminal runs apply",
                "remote-cluster-wizard simulate -v --env-file sim.env"),
        ],
        exitStatus: [
            (0, "stopped by SIGINT or SIGTERM, its files removed"),
            (1, "the clusters could not be started"),
            CommandManual.badInput,
        ])

    // The list of faults is in the option's help, which is built only when `simulate` itself is
    // parsed: the configuration above is read on every start, whatever the subcommand.
    @Option(
        help: ArgumentHelp(
            "Faults to switch on, comma separated:\n"
                + SimulatorFault.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "\n"),
            valueName: "faults"),
        completion: .custom(FaultCompletion.candidates))
    var faults: String = ""

    @Option(help: ArgumentHelp("Seconds a simulated rolling restart takes.", valueName: "seconds"))
    var restartSeconds: Double = 2

    @Option(help: ArgumentHelp("Seconds the slow fault delays each answer.", valueName: "seconds"))
    var slowSeconds: Double = 3

    @Option(
        name: .customLong("env-file"),
        help: ArgumentHelp(
            "Also write the clusters' values as shell variables to this file (mode 0600; `. FILE` reads them).",
            valueName: "file"),
        completion: .file())
    var environmentFile: String?

    @Option(
        help: ArgumentHelp(
            "The ECK Elasticsearch CRD (YAML) whose schema the simulated Kubernetes enforces.", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var crd: String?

    @OptionGroup(title: "Trace (each request the clusters and the Kubernetes API answer)") var trace: TraceOptions

    func validate() throws {
        do {
            _ = try SimulatorFault.parseList(faults)
        } catch {
            throw ValidationError(error.description)
        }
        guard restartSeconds >= 0 else { throw ValidationError("--restart-seconds must be 0 or more.") }
        guard slowSeconds >= 0 else { throw ValidationError("--slow-seconds must be 0 or more.") }
        if let crd, !FileManager.default.isReadableFile(atPath: crd) {
            throw ValidationError("--crd: cannot read \(crd). Give the path of the ECK Elasticsearch CRD YAML file.")
        }
    }

    func run() async throws {
        let faultSet = try SimulatorFault.parseList(faults)
        let traceLog = try trace.traceLog()
        let stop = SignalWaiter(signals: [SIGINT, SIGTERM])
        let schema = crd.map { URL(fileURLWithPath: $0) } ?? KubernetesObjectValidation.findElasticsearchCRD()
        if schema == nil {
            CommandOutput().warning(
                "the ECK CRD was not found (../shared/eck-reference); Elasticsearch manifests are not schema-checked. Pass --crd FILE."
            )
        }
        let environment = try await SimulatedEnvironment.start(
            .init(
                faults: faultSet, restartDuration: .milliseconds(Int64(restartSeconds * 1000)),
                slowDelay: .milliseconds(Int64(slowSeconds * 1000)), servesKubernetesAPI: true,
                elasticsearchCRD: schema))
        if let logger = traceLog.logger {
            environment.observeRequests { logger.debug("\($0.traceLine)") }
        }
        let quickStart = SimulatorQuickStart(
            description: environment.descriptionLine, directory: environment.directory,
            processID: ProcessInfo.processInfo.processIdentifier)
        do { try quickStart.write(extraEnvironmentFile: environmentFile) } catch {
            CommandOutput().error("the plan and env files cannot be written: \(error)")
            await environment.shutdown()
            throw ExitCode(1)
        }
        FileHandle.standardOutput.write(Data((environment.descriptionLine.jsonString() + "\n").utf8))
        for line in quickStart.banner { CommandOutput().note(line) }
        Self.readFaultCommands(into: environment)
        let received = await stop.wait()
        CommandOutput().note("Received signal \(received): stopping and removing \(environment.directory).")
        await environment.shutdown()
    }
}

extension SimulateCommand {
    /// Reads `FaultConsole` lines from standard input on a thread of its own until the input ends,
    /// answering each on standard error (a line too long for a command is skipped, and said so).
    /// After a switch the remote cluster server closes its open connections (as a restart
    /// would), so that the local cluster's next ones meet the faults.
    ///
    /// Run in the background of an interactive shell (`simulate &`), reading the terminal would
    /// stop the process (SIGTTIN); with the signal ignored the read fails instead, and the console
    /// ends while the clusters keep running.
    static func readFaultCommands(into environment: SimulatedEnvironment) {
        signal(SIGTTIN, SIG_IGN)
        let switchboard = environment.faults
        let remote = environment.remote
        Thread.detachNewThread {
            var input = ConsoleLineReader.standardInput()
            while let next = input.next() {
                guard case .text(let line) = next else {
                    CommandOutput().note(
                        "Skipped a line longer than \(input.limit) bytes: type `on NAME`, `off NAME`, `faults` or `help`.")
                    continue
                }
                let answered = DispatchSemaphore(value: 0)
                Task {
                    let replies = await FaultConsole.handle(line, switchboard: switchboard) {
                        await remote.dropRemoteClusterConnections()
                    }
                    for reply in replies { CommandOutput().note(reply) }
                    answered.signal()
                }
                answered.wait()
            }
        }
    }
}

/// Waits for one of several signals without the default handler killing the process.
final class SignalWaiter {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    init(signals: [Int32]) {
        var continuation: AsyncStream<Int32>.Continuation!
        stream = AsyncStream { continuation = $0 }
        let sink = continuation!
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { sink.yield(number) }
            source.resume()
            return source
        }
    }

    /// The first signal received.
    func wait() async -> Int32 {
        for await number in stream { return number }
        return 0
    }
}
