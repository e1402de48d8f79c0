import Foundation

/// The figures of the full-screen interface that need no simulator of the bench's own: the
/// wizard's first frame, and `demo` (the wizard with its simulated clusters in the same process).
public enum WizardFigures {
    /// The wizard (the default command) on its welcome screen; the marker is in the footer, drawn last.
    static let wizard = ScreenLaunch(
        arguments: [], firstFrameMarker: "F1 help",
        label: "the wizard's welcome screen")

    /// `demo` playing the ECK branch by itself as fast as it goes; it ends on the live status.
    static let demo = ScreenLaunch(
        arguments: ["demo", "--autoplay", "--autoplay-delay", "0"], firstFrameMarker: "F1 help",
        label: "demo --autoplay --autoplay-delay 0")

    /// Seconds `demo` stays on the live status before its peak memory is read.
    static let demoLiveSeconds = 10

    public static func firstFrame(_ context: BenchmarkContext) -> FigureResult {
        withFreshState(context) { environment in
            TerminalFigures.firstFrame(context, launch: wizard, environment: environment)
        }
    }

    /// Peak memory (VmHWM) of `demo` after it has played to the live status and stayed there.
    public static func demoMemory(_ context: BenchmarkContext) -> FigureResult {
        let spec = FigureCatalogue.demoMemory
        return withFreshState(context) { environment in
            do {
                let process = try PseudoTerminalProcess(
                    [context.binary] + demo.arguments, environment: environment, columns: demo.columns,
                    rows: demo.rows)
                _ = try process.awaitFrame(marker: LiveScreenFigures.connectedMarker, deadline: .now + .seconds(180))
                let end = ContinuousClock.now + .seconds(demoLiveSeconds)
                while ContinuousClock.now < end {
                    guard process.read(until: end) != nil else { throw ChildProcessError("demo ended") }
                }
                guard let peak = process.peakMegabytesSoFar() else { throw ChildProcessError("cannot read its memory") }
                try process.stop()
                return FigureResult(
                    spec,
                    outcome: .measured(
                        median: peak, spread: "VmHWM after \(demoLiveSeconds) s on the live screen", samples: 1),
                    note: "\(demo.label): the whole ECK branch, then the live status")
            } catch {
                return .notMeasured(spec, "\(error)")
            }
        }
    }

    /// Runs `body` with the bench's environment and an empty XDG_STATE_HOME, so that no saved
    /// run of anyone's changes the screens.
    static func withFreshState(_ context: BenchmarkContext, _ body: ([String: String]) -> FigureResult) -> FigureResult
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = context.environment
        environment["XDG_STATE_HOME"] = folder.path
        return body(environment)
    }
}
