import Foundation
import WizardCore

/// The wizard (the shipped binary's default command, no simulator in it) on its live status
/// screen for the remote `sim` of a running `simulate`, after `apply` of the simulator's plan has
/// connected it: the wizard resumes a saved run at that screen (answers from a progress file in a
/// fresh XDG_STATE_HOME, the local cluster's password from ES_PASSWORD), as an operator's
/// interrupted run would.
public enum LiveScreenFigures {
    /// The text of the set-up's own alias when it is connected (the glyph is only drawn then).
    static let connectedMarker = "● CONNECTED"
    static let disconnectedGlyph = "○"

    static let launch = ScreenLaunch(arguments: [], firstFrameMarker: "F1 help", label: "the wizard")

    /// `?` opens the help over the live screen (its title is drawn) and `?` closes it (the live
    /// screen's key hints come back).
    static let helpOpenAndClose = [
        TerminalFigures.KeyPress("?", marker: "Help: Live status"),
        TerminalFigures.KeyPress("?", marker: "r refresh now"),
    ]

    /// CPU over `context.idleSeconds` on the live screen at its 1 s refresh, and the peak memory then.
    public static func idle(_ context: BenchmarkContext, simulator: SimulatorProcess) -> [FigureResult] {
        do {
            let (environment, folder) = try wizardEnvironment(context, simulator: simulator)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let (cpu, memory) = TerminalFigures.idle(
                context, launch: launch, environment: environment, memory: FigureCatalogue.wizardMemory,
                prepare: resumeOnTheLiveScreen)
            return [cpu, memory].map { figure in
                var figure = figure
                figure.note = "the wizard alone on the live screen of a connected remote, 1 s refresh"
                return figure
            }
        } catch {
            return [
                .notMeasured(FigureCatalogue.idleCPU, "\(error)"),
                .notMeasured(FigureCatalogue.wizardMemory, "\(error)"),
            ]
        }
    }

    /// Key press to presented frame on the live screen while its polls are slow: the wizard
    /// reaches the local cluster through a relay that hands on every answer (and TLS handshake
    /// reply) 500 ms late, so each poll (`_remote/info`, `_resolve/cluster`, the other remotes)
    /// takes 1.5 s or more and one is in flight most of the time. The key opens and closes the
    /// help over the live screen.
    public static func keyLatency(_ context: BenchmarkContext, simulator: SimulatorProcess) -> FigureResult {
        do {
            guard let localPort = URLComponents(string: simulator.local.url)?.port else {
                throw ChildProcessError("the local cluster's URL has no port: \(simulator.local.url)")
            }
            let relay = try DelayingRelay(targetPort: localPort, delay: .milliseconds(500))
            defer { relay.stop() }
            let (environment, folder) = try wizardEnvironment(
                context, simulator: simulator, localURL: "https://127.0.0.1:\(relay.port)")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var figure = TerminalFigures.keyLatency(
                context, launch: launch, keys: helpOpenAndClose, presses: 200, environment: environment,
                prepare: resumeOnTheLiveScreen)
            figure.note +=
                " on the live screen; ? opens/closes the help; every local answer 500 ms late (relay), polls ≥ 1.5 s"
            return figure
        } catch {
            return .notMeasured(FigureCatalogue.keyLatency, "\(error)")
        }
    }

    /// From the local cluster acknowledging the remote's settings (the curl `PUT _cluster/settings`
    /// has its answer) to the frame that shows the alias CONNECTED; each sample first breaks the
    /// connection (the proxy address set to a port where nothing listens) and waits until the
    /// screen shows it down.
    public static func settingsToConnected(
        _ context: BenchmarkContext, simulator: SimulatorProcess, samples count: Int
    ) -> FigureResult {
        let spec = FigureCatalogue.connected
        do {
            let (environment, folder) = try wizardEnvironment(context, simulator: simulator)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let process = try TerminalFigures.launchToScreen(
                launch, context, environment: environment, prepare: resumeOnTheLiveScreen)
            var times: [Double] = []
            for _ in 0..<count {
                try simulator.putRemote(alias: "sim", proxyAddress: "127.0.0.1:1")
                _ = try process.awaitFrame(marker: disconnectedGlyph, deadline: .now + .seconds(30))
                try process.settle(quiet: .milliseconds(300), deadline: .now + .seconds(30))
                try simulator.putRemote(alias: "sim")
                let acknowledged = ContinuousClock.now
                let shown = try process.awaitFrame(marker: "●", deadline: acknowledged + .seconds(30))
                times.append(milliseconds(shown - acknowledged))
            }
            try process.stop()
            return .measured(
                spec, samples: Samples(times),
                note: "the wizard's live screen (1 s refresh); curl's PUT answered → ● CONNECTED drawn")
        } catch {
            return .notMeasured(spec, "\(error)")
        }
    }

    /// Resumes the saved run ("r" on the welcome screen) and waits until the live screen shows
    /// the alias connected.
    static func resumeOnTheLiveScreen(_ process: PseudoTerminalProcess) throws {
        try process.type(Array("r".utf8))
        _ = try process.awaitFrame(marker: connectedMarker, deadline: .now + .seconds(30))
    }

    /// The wizard's environment, and the fresh state folder it holds its progress file in.
    static func wizardEnvironment(
        _ context: BenchmarkContext, simulator: SimulatorProcess, localURL: String? = nil
    ) throws -> (environment: [String: String], folder: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-state-\(UUID().uuidString)")
        let progressFolder = folder.appendingPathComponent("remote-cluster-wizard")
        try FileManager.default.createDirectory(at: progressFolder, withIntermediateDirectories: true)
        try savedRun(simulator, localURL: localURL ?? simulator.local.url).encoded().write(
            to: progressFolder.appendingPathComponent("wizard-progress.json"), atomically: true, encoding: .utf8)
        var environment = context.environment
        environment["XDG_STATE_HOME"] = folder.path
        environment["ES_PASSWORD"] = simulator.local.password
        environment["KUBECONFIG"] = simulator.kubeconfig
        return (environment, folder.path)
    }

    /// A run of the ECK branch for the simulator's plan, interrupted on the live status screen
    /// after the local cluster got the key (which `apply` made); the local cluster at `localURL`.
    static func savedRun(_ simulator: SimulatorProcess, localURL: String) -> SavedProgress {
        var answers = SetupAnswers()
        answers.remoteType = "eck"
        answers.remoteECKName = "remote"
        answers.remoteECKContext = "sim-remote"
        answers.proxyAddress = simulator.proxyAddress
        answers.serverName = simulator.serverName
        answers.caFile = simulator.transportCAFile
        answers.remoteURL = simulator.remote.url
        answers.remoteHTTPCAFile = simulator.remote.caFile
        answers.keyName = "sim-from-local"
        answers.searchPatterns = "logs-*"
        answers.localName = "local"
        answers.localContext = "sim-local"
        answers.localURL = localURL
        answers.localHTTPCAFile = simulator.local.caFile
        answers.alias = "sim"
        return SavedProgress(
            screen: .liveStatus, answers: answers,
            applied: [
                AppliedChange(
                    screen: .manifests, what: "Secret local-remote-cluster-credentials applied (by apply)",
                    place: "local cluster")
            ])
    }
}
