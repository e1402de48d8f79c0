/// The in-process figures, from package-benchmark's samples.
public enum InProcessFigures {
    /// The benchmark names in `Benchmarks/InProcess`, as package-benchmark reports them.
    public static let decodeBenchmark = "decode _remote/info with 1000 aliases"
    public static let renderBenchmark = "render live status with 1000 aliases at 200x60"

    public static func all(_ results: InProcessResults?) -> [FigureResult] {
        guard let results else {
            let why = "no --in-process directory (run through make bench)"
            return [.notMeasured(FigureCatalogue.decode, why), .notMeasured(FigureCatalogue.render, why)]
        }
        return [
            results.figure(
                FigureCatalogue.decode, benchmark: decodeBenchmark, note: "ElasticsearchClient.remoteInfo()"),
            results.figure(
                FigureCatalogue.render, benchmark: renderBenchmark,
                note:
                    "SetupWizard.render of the live screen into a fresh ScreenBuffer: own alias + 999 in Other remotes"),
        ]
    }
}
