/// The figures of the full-screen interface: which program stands for "the wizard" and how each
/// figure reaches the screen it measures.
public enum WizardFigures {
    /// The wizard (the default command) on its welcome screen; the marker is in the footer, drawn last.
    static let wizard = ScreenLaunch(
        arguments: [], firstFrameMarker: "F1 help",
        label: "the wizard's welcome screen")

    public static func all(_ context: BenchmarkContext) -> [FigureResult] {
        let missing = "not wired to the wizard's live status screen yet"
        return [
            TerminalFigures.firstFrame(context, launch: wizard),
            .notMeasured(FigureCatalogue.keyLatency, missing),
            .notMeasured(FigureCatalogue.idleCPU, missing),
            .notMeasured(FigureCatalogue.wizardMemory, missing),
            .notMeasured(FigureCatalogue.demoMemory, "not wired to the wizard's demo yet"),
            .notMeasured(FigureCatalogue.apply, "not wired to the apply command yet"),
            .notMeasured(FigureCatalogue.connected, missing),
        ]
    }
}
