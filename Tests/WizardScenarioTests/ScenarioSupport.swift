import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import Testing
import WizardCore
import WizardTerminal
import WizardTestSupport

/// The wizard on the headless terminal against a simulated local and remote cluster started for
/// the test: the real engine over libcurl and the simulated Kubernetes, the same job runner as
/// `demo`. Keys go through the run loop; job replies arrive in real time.
final class SimulatedWizard {
    let environment: SimulatedEnvironment
    let files: InMemoryFileSystem
    let runner: AsyncJobRunner<WizardJob, WizardReply>
    private(set) var session: HeadlessSession<SetupWizard>
    let statePath = "state/wizard-progress.json"

    static func start(
        remoteClusterServerEnabled: Bool = true, size: Size = Size(width: 100, height: 30)
    ) async throws -> SimulatedWizard {
        let environment = try await SimulatedEnvironment.start(
            .init(remoteClusterServerEnabled: remoteClusterServerEnabled, restartDuration: .milliseconds(200)))
        return SimulatedWizard(environment: environment, size: size)
    }

    private init(environment: SimulatedEnvironment, size: Size) {
        self.environment = environment
        self.files = InMemoryFileSystem()
        let services = SetupServices(
            transport: CurlTransport(), prober: CurlTLSProbe(), kubernetes: environment.kubernetes,
            poll: PollPolicy(interval: .milliseconds(50), maximumInterval: .milliseconds(200), deadline: .seconds(30)))
        runner = SetupJobRunner.make(services: services)
        session = HeadlessSession(
            program: SetupWizard(Self.configuration(environment, saved: nil)), size: size, files: files, runner: runner)
    }

    static func configuration(_ environment: SimulatedEnvironment, saved: SavedProgress?) -> WizardConfiguration {
        let (answers, secrets) = DemoAnswers.from(
            environment.descriptionLine, manifestsDirectory: environment.directory + "/manifests")
        return WizardConfiguration(
            prefill: answers, prefilledSecrets: secrets, statePath: "state/wizard-progress.json", savedProgress: saved)
    }

    /// Starts the wizard again, as after a killed run, with the progress file as it was saved.
    func restart() -> SavedProgress? {
        let saved = files.saved[statePath].flatMap { SavedProgress.decode($0.contents) }
        session = HeadlessSession(
            program: SetupWizard(Self.configuration(environment, saved: saved)), size: session.terminal.size,
            files: files, runner: runner)
        return saved
    }

    func shutdown() async { await environment.shutdown() }

    var program: SetupWizard { session.program }
    var screen: ScreenID { session.program.current }
    var text: String { session.text }

    func press(_ keys: Key...) { session.press(keys) }
    func type(_ text: String) { session.paste(text) }

    /// Replaces the focused field's text.
    func replaceField(with text: String) { session.press(.end, .control("u"), .paste(text)) }

    /// Waits until no engine job is running (the step shown has finished).
    func waitForJobs(sourceLocation: SourceLocation = #_sourceLocation) async {
        await session.waitFor("the engine step to finish", sourceLocation: sourceLocation) { !$0.loop.hasRunningJobs }
    }

    /// Presses Enter, waiting for jobs after each, until the screen is `target`.
    func enter(until target: ScreenID, limit: Int = 25, sourceLocation: SourceLocation = #_sourceLocation) async {
        for _ in 0..<limit where screen != target {
            session.press(.enter)
            if program.dialog != nil { return }
            await waitForJobs(sourceLocation: sourceLocation)
        }
        #expect(screen == target, "stopped on \(screen):\n\(text)", sourceLocation: sourceLocation)
    }

    /// Chooses the remote type on its screen (options in the screen's order).
    func chooseType(_ type: RemoteClusterType) async {
        await enter(until: .remoteType)
        let index = RemoteTypeScreen.options.firstIndex { $0.id == type.rawValue } ?? 0
        session.press(.home)
        for _ in 0..<index { session.press(.down) }
        session.press(.enter)
    }

    /// The live screen's state.
    var live: LiveStatusScreen? { program.screen as? LiveStatusScreen }

    /// Waits on the live screen until it shows the connection state asked for.
    func waitForLive(connected: Bool, sourceLocation: SourceLocation = #_sourceLocation) async {
        await session.waitFor(connected ? "CONNECTED" : "NOT CONNECTED", sourceLocation: sourceLocation) { session in
            guard let live = session.program.screen as? LiveStatusScreen, let observation = live.observation else {
                return false
            }
            return connected ? observation.isConnectedWithCredentials : !observation.isConnected
        }
    }
}
