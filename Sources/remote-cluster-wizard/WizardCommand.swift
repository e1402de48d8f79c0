import ArgumentParser
import CurlTransport
import Foundation
import RemoteClusterKit
import WizardCore
import WizardTerminal

/// `remote-cluster-wizard` (or `remote-cluster-wizard wizard`): the interactive wizard against real
/// clusters, with kubectl and the local TLS stack.
struct WizardCommand: AsyncParsableCommand, ManualCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "Walk through connecting an ECK cluster to a remote cluster (the default command).",
        discussion: manual.discussion
    )

    static let manual = CommandManual(
        description: """
            Every change is shown before it is made and made only when you confirm it. Answers (never \
            passwords or keys) are saved after each step in the XDG state directory \
            ($XDG_STATE_HOME/remote-cluster-wizard/wizard-progress.json, else \
            ~/.local/state/remote-cluster-wizard/), so an interrupted run offers to resume. Without a \
            terminal (or with --plain or TERM=dumb) the same flow runs as line prompts. kubectl is used \
            with the contexts you name (KUBECONFIG decides which kubeconfig). ES_PASSWORD (or \
            ELASTIC_PASSWORD), when set, fills in the local cluster's password, so a resumed run goes \
            back to where it stopped instead of asking for it again.
            """,
        examples: [
            CommandManual.Example("The wizard (the default subcommand)", "remote-cluster-wizard"),
            CommandManual.Example(
                "Line prompts over SSH, with a trace of every request for a colleague",
                "remote-cluster-wizard wizard --plain --log-file wizard.log"),
        ],
        exitStatus: [
            (0, "finished or quit (progress saved)"), (1, "the terminal or the state folder could not be used"),
            CommandManual.badInput,
        ])

    @OptionGroup var interface: InterfaceOptions
    @OptionGroup var trace: TraceOptions

    func validate() throws { try interface.refuseVerboseOnFullScreen(trace) }

    /// The command `remote-cluster-wizard` alone means, made without ArgumentParser (see
    /// `StatusCommandLine` for why); `StatusCommandLineTests` checks it against ArgumentParser's.
    static func withDefaults() -> WizardCommand {
        var command = WizardCommand()
        var interface = InterfaceOptions()
        interface.plain = false
        interface.ascii = false
        command.interface = interface
        command.trace = .with(verbose: false, logFile: nil)
        return command
    }

    func run() async throws {
        // The locale is set before any other thread starts (setlocale is not thread-safe).
        let localeGlyphs = LocaleGlyphs.current()
        let glyphs: Glyphs = interface.ascii ? .ascii : localeGlyphs
        let store = ProgressStore(name: "wizard")
        if let problem = store.prepare() {
            CommandOutput().warning("progress will not be saved: \(problem.message)")
        }
        let password = PasswordVariable.localPassword(in: ProcessInfo.processInfo.environment, output: CommandOutput())
        let configuration = WizardConfiguration(
            prefilledSecrets: SetupSecrets(localPassword: password), statePath: store.path,
            savedProgress: store.load())
        let jobs = SetupJobRunner.make(
            services: try trace.traceLog().tracing(
                SetupServices(transport: CurlTransport(), prober: CurlTLSProbe(), kubernetes: KubectlClient())))
        FatalExitTerminal.install()
        let plain = interface.plain
        let ending = try await MainActor.run {
            try WizardLauncher.run(configuration, jobs: jobs, plain: plain, glyphs: glyphs)
        }
        if case .signal(let signal) = ending { TerminalSession.reraise(signal) }
    }
}
