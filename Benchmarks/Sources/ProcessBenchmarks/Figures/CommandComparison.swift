/// A ratio of two commands' whole-process wall-clock medians, measured by hyperfine in one run.
struct CommandComparison {
    var spec: FigureSpec
    var measured: [String]
    var baseline: [String]
    var baselineLabel: String

    func result(in context: BenchmarkContext, environment: [String: String]) -> FigureResult {
        guard let hyperfine = context.hyperfine else {
            return .notMeasured(spec, "hyperfine is not installed (make bench installs it as root)")
        }
        do {
            let samples = try hyperfine.measure(
                [measured, baseline], environment: environment)
            let (ours, theirs) = (samples[0], samples[1])
            let spread =
                "ours \(format(ours.median)) ms (IQR \(format(ours.firstQuartile))–\(format(ours.thirdQuartile))), "
                + "\(baselineLabel) \(format(theirs.median)) ms "
                + "(IQR \(format(theirs.firstQuartile))–\(format(theirs.thirdQuartile)))"
            return FigureResult(
                spec, outcome: .measured(median: ours.median / theirs.median, spread: spread, samples: ours.count),
                note: "ratio of medians, hyperfine")
        } catch {
            return .notMeasured(spec, "\(error)")
        }
    }
}
