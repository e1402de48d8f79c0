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
            """,
        examples: [
            CommandManual.Example("The full-screen wizard against simulated clusters", "remote-cluster-wizard demo"),
            CommandManual.Example(
                "Line prompts, ASCII only, with every request traced on standard error",
                "remote-cluster-wizard demo --plain --ascii -v"),
            CommandManual.Example(
                "The full-screen wizard, its requests and kubectl calls traced to a file",
                "remote-cluster-wizard demo --log-file demo.log"),
        ],
        exitStatus: [
            (0, "finished or quit"), (1, "the simulated clusters or the terminal could not be used"),
            CommandManual.badInput,
        ])

    @OptionGroup var interface: InterfaceOptions
    @OptionGroup var trace: TraceOptions

    func validate() throws { try interface.refuseVerboseOnFullScreen(trace) }

    func run() async throws {
        // The locale is set before the simulator's threads start (setlocale is not thread-safe).
        let localeGlyphs = LocaleGlyphs.current()
        let glyphs: Glyphs = interface.ascii ? .ascii : localeGlyphs
        let environment = try await SimulatedEnvironment.start(
            .init(remoteClusterServerEnabled: false, restartDuration: .seconds(3)))
        let store = ProgressStore(name: "demo")
        if let problem = store.prepare() {
            CommandOutput().warning("progress will not be saved: \(problem.message)")
        }
        let configuration = DemoPrefill.configuration(environment, store: store)
        let jobs = SetupJobRunner.make(
            services: try trace.traceLog().tracing(
                SetupServices(transport: CurlTransport(), prober: CurlTLSProbe(), kubernetes: environment.kubernetes)))
        let plain = interface.plain
        let ending = try await MainActor.run {
            try WizardLauncher.run(configuration, jobs: jobs, plain: plain, glyphs: glyphs)
        }
        await environment.shutdown()
        if case .signal(let signal) = ending { TerminalSession.reraise(signal) }
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
