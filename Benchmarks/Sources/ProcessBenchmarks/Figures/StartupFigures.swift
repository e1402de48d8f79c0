import Foundation

/// Start-up against curl: `--version`, and `status --json` against the simulator; and the peak
/// memory of `status --json`.
public enum StartupFigures {
    /// `--version`, whole process, over `curl --version`.
    public static func version(_ context: BenchmarkContext) -> FigureResult {
        let spec = FigureCatalogue.version
        guard let curl = Tools.find("curl") else { return .notMeasured(spec, "curl is not installed") }
        return CommandComparison(
            spec: spec, measured: [context.binary, "--version"], baseline: [curl, "--version"], baselineLabel: "curl"
        ).result(in: context, environment: context.environment)
    }

    /// `status --json` over `curl -s` of `_remote/info`, both against the simulated local cluster
    /// with its one remote connected (by `apply`), so that status finds nothing to diagnose: it
    /// asks `_remote/info` and `_resolve/cluster` (one connection), curl `_remote/info`.
    public static func status(_ context: BenchmarkContext, simulator: SimulatorProcess) -> FigureResult {
        let spec = FigureCatalogue.status
        guard let curl = Tools.find("curl") else { return .notMeasured(spec, "curl is not installed") }
        var baseline = simulator.curlArguments("GET", "/_remote/info")
        baseline[0] = curl
        return CommandComparison(
            spec: spec, measured: statusCommand(context, simulator: simulator), baseline: baseline,
            baselineLabel: "curl"
        ).result(in: context, environment: statusEnvironment(context, simulator: simulator))
    }

    /// Peak memory of `status --json` against the simulator (its remote connected), over `context.runs` runs.
    ///
    /// Measured by GNU time (`/usr/bin/time -f %M`), which starts `status` itself: Linux counts a
    /// process's parent's resident set into the maximum `wait4` reports for it (the parent's
    /// pages are the child's until it executes), so a child of this ~30 MB bench could never
    /// show less than the bench; a child of `time` starts from `time`'s 2 MB.
    public static func statusPeakMemory(_ context: BenchmarkContext, simulator: SimulatorProcess) -> FigureResult {
        let spec = FigureCatalogue.statusMemory
        guard let time = Tools.find("/usr/bin/time") else {
            return .notMeasured(spec, "GNU time (/usr/bin/time, Debian package time) is not installed")
        }
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).rss")
        defer { try? FileManager.default.removeItem(at: report) }
        do {
            var peaks: [Double] = []
            for _ in 0..<context.runs {
                let usage = try ChildProcess.run(
                    [time, "-f", "%M", "-o", report.path] + statusCommand(context, simulator: simulator),
                    environment: statusEnvironment(context, simulator: simulator))
                guard usage.exitCode == 0 else { throw ChildProcessError("status exited with \(usage.exitCode)") }
                let text = try String(contentsOf: report, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                guard let kilobytes = Double(text.split(separator: "\n").last ?? "") else {
                    throw ChildProcessError("GNU time wrote \(text.debugDescription), not a size")
                }
                peaks.append(kilobytes * 1024 / 1_000_000)
            }
            return .measured(spec, samples: Samples(peaks), note: "maximum resident set (GNU time, %M)")
        } catch {
            return .notMeasured(spec, "\(error)")
        }
    }

    static func statusCommand(_ context: BenchmarkContext, simulator: SimulatorProcess) -> [String] {
        [
            context.binary, "status", "--json", "--url", simulator.local.url, "--user", simulator.local.user,
            "--ca", simulator.local.caFile,
        ]
    }

    static func statusEnvironment(_ context: BenchmarkContext, simulator: SimulatorProcess) -> [String: String] {
        var environment = context.environment
        environment["ES_PASSWORD"] = simulator.local.password
        return environment
    }
}
