import ArgumentParser
import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import WizardCore
import WizardTerminal

/// `remote-cluster-wizard demo`: the real wizard against simulated clusters started in this
/// process, with their endpoints filled in.
struct DemoCommand: AsyncParsableCommand, ManualCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the wizard against simulated local and remote clusters started in-process.",
        discussion: manual.discussion
    )

    static let manual = CommandManual(
        description: """
            Starts a simulated local ECK cluster and a remote ECK cluster on loopback ports (nothing \
            to install, nothing outside this process is touched) and runs the wizard against them with \
            every endpoint filled in: the same engine steps, manifests, rollout and live status as a \
            real run. Progress is saved in the XDG state directory (demo-progress.json) so an \
            interrupted demo offers to resume. Without a terminal (or with --plain or TERM=dumb) \
            the same flow runs as line prompts.

            --autoplay plays a branch by itself at a watchable pace, typing into the fields through \
            the keyboard's path, and ends on the live status; any key hands control to you. With \
            --fault it makes one mistake on purpose and ends NOT CONNECTED with the diagnosis. Faults:
            \(DemoFaultHelp.text)
            """,
        examples: [
            CommandManual.Example("The full-screen wizard against simulated clusters", "remote-cluster-wizard demo"),
            CommandManual.Example(
                "Line prompts, ASCII only, with every request traced on standard error",
                "remote-cluster-wizard demo --plain --ascii -v"),
            CommandManual.Example(
                "The full-screen wizard, its requests and kubectl calls traced to a file",
                "remote-cluster-wizard demo --log-file demo.log"),
            CommandManual.Example(
                "Watch it play by itself, making the wrong-CA mistake on purpose",
                "remote-cluster-wizard demo --autoplay --fault wrong-ca"),
        ],
        exitStatus: [
            (0, "finished or quit"), (1, "the simulated clusters or the terminal could not be used"),
            CommandManual.badInput,
        ])

    @OptionGroup var interface: InterfaceOptions
    @OptionGroup var trace: TraceOptions

    @Flag(help: "Play the wizard by itself (any key hands control to you).")
    var autoplay = false

    @Option(help: "With --autoplay: the remote type's branch to play (default: eck).")
    var type: RemoteClusterType?

    @Option(help: "With --autoplay: the mistake to make on purpose (see the list above).")
    var fault: AutoplayFault?

    @Option(
        name: .customLong("autoplay-delay"),
        help: ArgumentHelp(
            "With --autoplay: milliseconds between steps (default: 700; 0: as fast as it goes).", valueName: "ms"))
    var autoplayDelay: Int?

    @Option(
        name: .customLong("autoplay-until"),
        help: ArgumentHelp("With --autoplay: hand control over on reaching this screen.", valueName: "screen"))
    var autoplayUntil: String?

    func validate() throws {
        try interface.refuseVerboseOnFullScreen(trace)
        if !autoplay {
            let given = [
                ("--type", type != nil), ("--fault", fault != nil), ("--autoplay-delay", autoplayDelay != nil),
                ("--autoplay-until", autoplayUntil != nil),
            ].filter(\.1).map(\.0)
            if let first = given.first { throw ValidationError("\(first) only applies with --autoplay.") }
            return
        }
        if let delay = autoplayDelay, delay < 0 {
            throw ValidationError("--autoplay-delay: give milliseconds, 0 or more.")
        }
        if let name = autoplayUntil, ScreenName.screen(name) == nil {
            throw ValidationError("--autoplay-until: \"\(name)\" is not a screen. Use one of: \(ScreenName.all).")
        }
        if WizardLauncher.usesPlainMode(requested: interface.plain) {
            throw ValidationError(
                "--autoplay plays the full-screen wizard: it needs a terminal (not --plain, not TERM=dumb, input and output not redirected)."
            )
        }
    }

    func run() async throws {
        // The locale is set before the simulator's threads start (setlocale is not thread-safe).
        let localeGlyphs = LocaleGlyphs.current()
        let glyphs: Glyphs = interface.ascii ? .ascii : localeGlyphs
        // Elastic Cloud and ECE remotes have the remote cluster server on from the start; a
        // self-managed one was prepared by hand (the wizard asks for that). An ECK remote is
        // enabled by the wizard itself.
        let enabled = autoplay && remoteType != .eck
        let environment = try await SimulatedEnvironment.start(
            .init(remoteClusterServerEnabled: enabled, restartDuration: .seconds(3)))
        let store = ProgressStore(name: "demo")
        if let problem = store.prepare() {
            CommandOutput().warning("progress will not be saved: \(problem.message)")
        }
        let configuration = DemoPrefill.configuration(environment, store: store)
        let jobs = SetupJobRunner.make(
            services: try trace.traceLog().tracing(
                SetupServices(transport: CurlTransport(), prober: CurlTLSProbe(), kubernetes: environment.kubernetes)))
        FatalExitTerminal.install()
        let plain = interface.plain
        let autoplay = self.autoplay ? autoplayOptions(environment) : nil
        let ending = try await MainActor.run {
            try WizardLauncher.run(configuration, jobs: jobs, plain: plain, glyphs: glyphs, autoplay: autoplay)
        }
        await environment.shutdown()
        if case .signal(let signal) = ending { TerminalSession.reraise(signal) }
    }
}

extension DemoCommand {
    /// The branch autoplay plays.
    var remoteType: RemoteClusterType { type ?? .eck }

    /// The plan for `--autoplay`, typing the simulated clusters' values.
    func autoplayOptions(_ environment: SimulatedEnvironment) -> AutoplayOptions {
        let plan = AutoplayPlan(
            type: remoteType, fault: fault, stopAt: autoplayUntil.flatMap(ScreenName.screen),
            values: AutoplayValues.from(environment.descriptionLine))
        return AutoplayOptions(
            plan, paceMilliseconds: Int64(autoplayDelay ?? 700), remoteSide: DemoRemoteSide.make(environment))
    }
}

/// The demo's answers: the simulated clusters' endpoints, contexts and passwords.
enum DemoPrefill {
    static func configuration(_ environment: SimulatedEnvironment, store: ProgressStore) -> WizardConfiguration {
        let (answers, secrets) = DemoAnswers.from(
            environment.descriptionLine, manifestsDirectory: environment.directory + "/manifests")
        let resumable = store.load().map { DemoAnswers.resumable($0, endpoints: answers) }
        var saved = resumable?.0
        // A CA saved by the earlier run lived with its simulated clusters.
        if let path = saved?.answers.caFile, !path.isEmpty, !FileManager.default.fileExists(atPath: path) {
            saved?.answers.caFile = ""
        }
        var configuration = WizardConfiguration(
            prefill: answers, prefilledSecrets: secrets, statePath: store.path, savedProgress: saved, label: "demo")
        configuration.resumeExplanation = resumable?.1
        return configuration
    }
}
