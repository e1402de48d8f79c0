import Foundation

/// `apply` of a plan with 20 remotes over the same plan with 1, each run against a fresh
/// simulator, so that every run does all the work: once with `simulate`'s own rolling restart
/// (2 s, its default), once with a restart that takes no time, which leaves the work per remote.
///
/// The simulator has one remote cluster; the 20 remotes are 20 aliases (`sim01`…`sim20`, each
/// with its own cross-cluster API key) of that one remote cluster server, which the engine
/// sets up like 20 different remotes: 20 preflights, keys, settings and connection waits, and
/// one change of the local ECK cluster with one rolling restart for all of them.
public enum ApplyFigures {
    public static let remotes = 20

    /// `restartSeconds` nil: the simulator's default.
    public static func ratio(_ context: BenchmarkContext, runs: Int, restartSeconds: Int?) -> FigureResult {
        let spec = restartSeconds == 0 ? FigureCatalogue.applyWithoutRestart : FigureCatalogue.apply
        do {
            var one: [Double] = []
            var many: [Double] = []
            for run in 0..<runs {
                // Alternate which goes first, so that neither always meets a warmer machine.
                for plan in run % 2 == 0 ? [1, remotes] : [remotes, 1] {
                    let simulator = try SimulatorProcess(
                        binary: context.binary, arguments: restartSeconds.map { ["--restart-seconds", "\($0)"] } ?? [])
                    defer { simulator.stop() }
                    var file: String?
                    if plan > 1 {
                        let text = try String(contentsOfFile: simulator.planFile, encoding: .utf8)
                        let path = simulator.directory + "/plan-\(plan).yaml"
                        try multiplied(text, remotes: plan).write(toFile: path, atomically: true, encoding: .utf8)
                        file = path
                    }
                    let elapsed = try simulator.apply(
                        binary: context.binary, plan: file, environment: context.environment)
                    if plan == 1 { one.append(elapsed) } else { many.append(elapsed) }
                }
            }
            let (single, twenty) = (Samples(one), Samples(many))
            let spread =
                "\(remotes) remotes \(format(twenty.median)) ms (IQR \(format(twenty.firstQuartile))–\(format(twenty.thirdQuartile))), "
                + "1 remote \(format(single.median)) ms (IQR \(format(single.firstQuartile))–\(format(single.thirdQuartile)))"
            return FigureResult(
                spec, outcome: .measured(median: twenty.median / single.median, spread: spread, samples: runs),
                note:
                    "ratio of medians; \(remotes) aliases of the one simulated remote, --concurrency 4 (the default), "
                    + "restart \(restartSeconds.map { "\($0) s" } ?? "2 s (simulate's default)")")
        } catch {
            return .notMeasured(spec, "\(error)")
        }
    }

    /// `simulate`'s plan with its one remote (`alias: sim`, key `sim-from-local`) repeated as
    /// `sim01`…, each with its own key name.
    static func multiplied(_ plan: String, remotes count: Int) throws -> String {
        guard let remotesStart = plan.range(of: "remotes:\n"), let localStart = plan.range(of: "\nlocal:\n"),
            remotesStart.upperBound < localStart.lowerBound
        else { throw ChildProcessError("simulate's plan has an unexpected shape") }
        let remote = String(plan[remotesStart.upperBound..<localStart.lowerBound]) + "\n"
        guard remote.contains("alias: sim\n"), remote.contains("\"sim-from-local\"") else {
            throw ChildProcessError("simulate's plan names its remote differently")
        }
        var text = String(plan[..<remotesStart.upperBound])
        for index in 1...count {
            let alias = "sim" + (index < 10 ? "0" : "") + String(index)
            text += remote.replacingOccurrences(of: "alias: sim\n", with: "alias: \(alias)\n")
                .replacingOccurrences(of: "\"sim-from-local\"", with: "\"\(alias)-from-local\"")
        }
        return text + "local:\n" + String(plan[localStart.upperBound...])
    }
}
