/// The in-process figures, from package-benchmark's samples.
public enum InProcessFigures {
    /// The benchmark names in `Benchmarks/InProcess`, as package-benchmark reports them.
    public static let decodeBenchmark = "decode _remote/info with 1000 aliases"

    public static func all(_ results: InProcessResults?) -> [FigureResult] {
        guard let results else {
            let why = "no --in-process directory (run through make bench)"
            return [.notMeasured(FigureCatalogue.decode, why), .notMeasured(FigureCatalogue.render, why)]
        }
        return [
            results.figure(
                FigureCatalogue.decode, benchmark: decodeBenchmark, note: "ElasticsearchClient.remoteInfo()"),
            .notMeasured(FigureCatalogue.render, "not wired to the wizard's live status screen yet"),
        ]
    }
}
