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
    public static func statusPeakMemory(_ context: BenchmarkContext, simulator: SimulatorProcess) -> FigureResult {
        let spec = FigureCatalogue.statusMemory
        do {
            var peaks: [Double] = []
            for _ in 0..<context.runs {
                let usage = try ChildProcess.run(
                    statusCommand(context, simulator: simulator),
                    environment: statusEnvironment(context, simulator: simulator))
                guard usage.exitCode == 0 else { throw ChildProcessError("status exited with \(usage.exitCode)") }
                peaks.append(usage.peakMegabytes)
            }
            return .measured(spec, samples: Samples(peaks), note: "maximum resident set (wait4)")
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
