import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import Testing
import WizardCore
import WizardTerminal
import WizardTestSupport

/// Autoplay against the in-process simulator, through the same device wrapper and run loop as
/// `demo --autoplay` (with the headless terminal in place of ncurses, the real clock, pace 0).
final class AutoplayRun {
    /// Runs play one per core; a run's clusters shut down (which takes a while) after it gave its slot back.
    static let slots = TestSlots.perCore
    let environment: SimulatedEnvironment
    let terminal: HeadlessTerminal
    let device: AutoplayTerminal
    let loop: ProgramLoop<SetupWizard>

    static func start(
        _ type: RemoteClusterType = .eck, fault: AutoplayFault? = nil, stopAt: ScreenID? = nil,
        size: Size = Size(width: 80, height: 24)
    ) async throws -> AutoplayRun {
        await AutoplayRun.slots.acquire()
        let environment: SimulatedEnvironment
        do {
            environment = try await SimulatedEnvironment.start(
                .init(remoteClusterServerEnabled: type != .eck, restartDuration: .milliseconds(200)))
        } catch {
            await AutoplayRun.slots.release()
            throw error
        }
        return AutoplayRun(
            environment,
            plan: AutoplayPlan(
                type: type, fault: fault, stopAt: stopAt, values: AutoplayValues.from(environment.descriptionLine)),
            size: size)
    }

    private init(_ environment: SimulatedEnvironment, plan: AutoplayPlan, size: Size) {
        self.environment = environment
        let services = SetupServices(
            transport: CurlTransport(), prober: CurlTLSProbe(), kubernetes: environment.kubernetes,
            poll: PollPolicy(interval: .milliseconds(50), maximumInterval: .milliseconds(200), deadline: .seconds(30)))
        let (answers, secrets) = DemoAnswers.from(
            environment.descriptionLine, manifestsDirectory: environment.directory + "/manifests")
        let wizard = SetupWizard(
            WizardConfiguration(prefill: answers, prefilledSecrets: secrets, statePath: "state/progress.json"))
        terminal = HeadlessTerminal(size: size)
        let clock = SystemClock()
        weak var running: ProgramLoop<SetupWizard>?
        let remote = environment.remote
        device = AutoplayOptions(plan, paceMilliseconds: 0) { action in
            guard case .invalidateKey(let name) = action else { return }
            let client = ElasticsearchClient(transport: CurlTransport(), endpoint: remote.adminEndpoint)
            _ = try? await client.invalidateAPIKeys(.name(name))
            await remote.dropRemoteClusterConnections()
        }.terminal(wrapping: terminal, clock: clock, wizard: { running?.program })
        loop = ProgramLoop(
            program: wizard, terminal: device, clock: clock, files: InMemoryFileSystem(),
            jobs: SetupJobRunner.make(services: services))
        running = loop
        loop.start()
    }

    var wizard: SetupWizard { loop.program }
    var text: String { terminal.lastDrawn?.text ?? "" }
    var live: LiveStatusScreen? { wizard.screen as? LiveStatusScreen }

    /// Runs the loop until autoplay has handed over (or the time is up).
    @discardableResult
    func play(timeoutSeconds: Double = 90, sourceLocation: SourceLocation = #_sourceLocation) async -> AutoplayBadge? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while device.isPlaying && Date() < deadline { await turn() }
        #expect(
            !device.isPlaying, "autoplay still playing on \(wizard.current):\n\(text)", sourceLocation: sourceLocation)
        return device.badge
    }

    /// Runs the loop until `condition` holds.
    func run(
        until what: String, timeoutSeconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (AutoplayRun) -> Bool
    ) async {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while !condition(self) && Date() < deadline { await turn() }
        #expect(condition(self), "\(what) did not come:\n\(text)", sourceLocation: sourceLocation)
    }

    /// One round of the loop; waits with `Task.sleep` so the test holds no thread the jobs need.
    private func turn() async {
        loop.runOnce(waitMilliseconds: 0)
        if !terminal.hasInput && loop.mailbox.isEmpty { try? await Task.sleep(for: .milliseconds(3)) }
    }

    /// Quits as a person does (Ctrl-C twice, which cancels the jobs in flight), gives the slot to
    /// the next run and stops the clusters (closing their TLS connections takes a while).
    func shutdown() async {
        loop.dispatch(.key(.control("c")))
        loop.dispatch(.key(.control("c")))
        #expect(loop.ending == .quit)
        await AutoplayRun.slots.release()
        await environment.shutdown()
    }
}

@Suite("Autoplay against the simulator")
struct AutoplayScenarioTests {
    @Test(arguments: RemoteClusterType.allCases)
    func playsEachBranchToConnected(type: RemoteClusterType) async throws {
        let run = try await AutoplayRun.start(type)
        #expect(await run.play() == .ended(.finished))
        #expect(run.wizard.current == .liveStatus)
        #expect(run.live?.observation?.isConnectedWithCredentials == true, "\(run.text)")
        #expect(run.text.contains("● CONNECTED"), "\(run.text)")
        #expect(run.text.contains("autoplay finished · press any key to take over"), "\(run.text)")
        // Nothing was skipped: the remote type asked for, the key made on the remote, the local
        // cluster changed and rolled.
        #expect(run.wizard.context.answers.type == type)
        #expect(run.wizard.context.applied.contains { $0.screen == .apiKey })
        #expect(run.wizard.context.applied.contains { $0.screen == .manifests })
        await run.shutdown()
    }

    @Test(arguments: AutoplayFault.allCases)
    func eachFaultEndsNotConnectedWithItsDiagnosis(fault: AutoplayFault) async throws {
        let run = try await AutoplayRun.start(.eck, fault: fault)
        #expect(await run.play() == .ended(.finished))
        #expect(run.live?.diagnosis?.cause == fault.expectedCause, "\(run.text)")
        #expect(run.text.contains("○ NOT CONNECTED"), "\(run.text)")
        #expect(run.text.contains("Most likely:") && run.text.contains("Fix:"), "\(run.text)")
        await run.shutdown()
    }

    @Test func theMistakesAreTypedIntoTheFields() async throws {
        let run = try await AutoplayRun.start(.ech, fault: .wrongPort)
        await run.play()
        let values = AutoplayValues.from(run.environment.descriptionLine)
        #expect(run.wizard.context.answers.proxyAddress == values.transportAddress)
        #expect(run.wizard.context.answers.caFile == values.remoteClusterCAFile)
        await run.shutdown()
    }

    @Test func anyKeyHandsControlOverAndIsNotDelivered() async throws {
        let run = try await AutoplayRun.start(.ech)
        await run.run(until: "the connection details") { $0.wizard.current == .connection }
        let fieldsBefore = (run.wizard.screen as? ConnectionScreen)?.form.answers
        run.terminal.enqueue([.key(.character("x"))])
        await run.run(until: "the hand-over") { !$0.device.isPlaying }
        #expect(run.device.badge == .handedOver)
        #expect(run.text.contains("you have control"), "\(run.text)")
        // The key only took over, and the script types nothing more.
        for _ in 0..<50 {
            run.loop.runOnce(waitMilliseconds: 0)
            try? await Task.sleep(for: .milliseconds(2))
        }
        #expect(run.wizard.current == .connection)
        let fieldsAfter = (run.wizard.screen as? ConnectionScreen)?.form.answers
        #expect(fieldsAfter?.text("proxyAddress") == fieldsBefore?.text("proxyAddress"))
        #expect(fieldsAfter?.text("caFile") == fieldsBefore?.text("caFile"))
        await run.shutdown()
    }

    @Test func stopsAtTheScreenAskedFor() async throws {
        let run = try await AutoplayRun.start(.eck, stopAt: .manifests)
        #expect(await run.play() == .ended(.stopped(at: .manifests)))
        #expect(run.wizard.current == .manifests)
        #expect(run.text.contains("autoplay stopped at Manifests"), "\(run.text)")
        // The next key is the person's: it takes over, then keys reach the wizard again.
        run.terminal.enqueue([.key(.character("x"))])
        await run.run(until: "the hand-over") { $0.device.badge == .handedOver }
        run.terminal.enqueue([.key(.escape)])
        await run.run(until: "Esc going back") { $0.wizard.current != .manifests }
        await run.shutdown()
    }
}
