import ArgumentParser
import CurlTransport
import Foundation
import RemoteClusterKit
import WizardCore
import WizardTerminal

/// `remote-cluster-wizard` (or `remote-cluster-wizard wizard`): the interactive wizard against real
/// clusters, with kubectl and the local TLS stack.
struct WizardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "Walk through connecting an ECK cluster to a remote cluster (the default command).",
        discussion: """
            Every change is shown before it is made and made only when you confirm it. Answers (never \
            passwords or keys) are saved after each step in the XDG state directory \
            ($XDG_STATE_HOME/remote-cluster-wizard/wizard-progress.json, else \
            ~/.local/state/remote-cluster-wizard/), so an interrupted run offers to resume. Without a \
            terminal (or with --plain or TERM=dumb) the same flow runs as line prompts.
            """
    )

    @Flag(help: "Use line prompts instead of the full-screen interface.")
    var plain = false

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    func run() async throws {
        // The locale is set before any other thread starts (setlocale is not thread-safe).
        let localeGlyphs = LocaleGlyphs.current()
        let glyphs: Glyphs = ascii ? .ascii : localeGlyphs
        let store = ProgressStore(name: "wizard")
        if let problem = store.prepare() {
            FileHandle.standardError.write(Data("wizard: progress will not be saved: \(problem.message)\n".utf8))
        }
        let configuration = WizardConfiguration(statePath: store.path, savedProgress: store.load())
        let jobs = SetupJobRunner.make(
            services: SetupServices(transport: CurlTransport(), prober: CurlTLSProbe(), kubernetes: KubectlClient()))
        let plain = self.plain
        let ending = try await MainActor.run {
            try WizardLauncher.run(configuration, jobs: jobs, plain: plain, glyphs: glyphs)
        }
        if case .signal(let signal) = ending { TerminalSession.reraise(signal) }
    }
}
