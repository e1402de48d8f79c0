/// The figures of the full-screen interface: which program stands for "the wizard" and how each
/// figure reaches the screen it measures.
public enum WizardFigures {
    /// What `demo` opens today: the UI gallery. Its first screen is the remote-type list.
    static let gallery = ScreenLaunch(
        arguments: ["demo"], firstFrameMarker: "Self-managed",
        label: "demo (the UI gallery; the wizard is not on main yet)")

    public static func all(_ context: BenchmarkContext) -> [FigureResult] {
        let missing = "the wizard's live status screen is not on main yet (issue 10)"
        return [
            TerminalFigures.firstFrame(context, launch: gallery),
            .notMeasured(FigureCatalogue.keyLatency, missing),
            .notMeasured(FigureCatalogue.idleCPU, missing),
            .notMeasured(FigureCatalogue.wizardMemory, missing),
            .notMeasured(FigureCatalogue.demoMemory, "demo does not start the simulator yet (issue 10)"),
            .notMeasured(FigureCatalogue.apply, "the apply command is not on main yet (issue 8)"),
            .notMeasured(FigureCatalogue.connected, missing),
        ]
    }
}
