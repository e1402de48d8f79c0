/// How to start the full-screen program on a pseudo-terminal and how to tell its screens apart.
public struct ScreenLaunch: Sendable {
    /// Arguments after the binary.
    public var arguments: [String]
    /// Text on the first screen's last drawn rows: the first frame is complete once it is drawn
    /// and the terminal goes quiet.
    public var firstFrameMarker: String
    /// What this launch stands for in the report (e.g. which screen).
    public var label: String
    public var columns = 80
    public var rows = 24

    public init(arguments: [String], firstFrameMarker: String, label: String, columns: Int = 80, rows: Int = 24) {
        self.arguments = arguments
        self.firstFrameMarker = firstFrameMarker
        self.label = label
        self.columns = columns
        self.rows = rows
    }
}

/// Figures of the full-screen interface on a real pseudo-terminal: the first frame, key latency,
/// CPU while idle, peak memory.
public enum TerminalFigures {
    /// Time from starting the process to the last byte of its first complete frame.
    public static func firstFrame(
        _ context: BenchmarkContext, launch: ScreenLaunch, environment: [String: String]
    ) -> FigureResult {
        let spec = FigureCatalogue.firstFrame
        do {
            var times: [Double] = []
            for _ in 0..<context.runs {
                let start = ContinuousClock.now
                let process = try PseudoTerminalProcess(
                    [context.binary] + launch.arguments, environment: environment, columns: launch.columns,
                    rows: launch.rows)
                let end = try process.awaitFrame(marker: launch.firstFrameMarker, deadline: start + .seconds(20))
                times.append(milliseconds(end - start))
                try process.stop()
            }
            return .measured(
                spec, samples: Samples(times),
                note: "\(launch.label), \(launch.columns)x\(launch.rows); frame = output burst ending in 20 ms quiet")
        } catch {
            return .notMeasured(spec, "\(error)")
        }
    }

    /// A key to type, and text that only the frame it causes draws.
    public struct KeyPress: Sendable {
        public var bytes: [UInt8]
        public var marker: String
        public init(_ text: String, marker: String) {
            bytes = Array(text.utf8)
            self.marker = marker
        }
    }

    /// Key press to the last byte of the frame it causes, over `presses` presses of `keys` in
    /// turn, after `prepare` has brought the program to the screen to measure. The figure is the
    /// 99th percentile.
    ///
    /// The frame is the burst of output that draws the key's marker, over once the terminal has
    /// been quiet for 5 ms: a screen that also redraws by itself (the live status's clock, four
    /// times a second) would otherwise add its own next frame to the key's whenever it comes
    /// within a longer quiet period (with 15 ms, one press in 17), and that frame is not the key's.
    public static func keyLatency(
        _ context: BenchmarkContext, launch: ScreenLaunch, keys: [KeyPress], presses: Int,
        environment: [String: String], prepare: (PseudoTerminalProcess) throws -> Void
    ) -> FigureResult {
        let spec = FigureCatalogue.keyLatency
        do {
            let process = try launchToScreen(launch, context, environment: environment, prepare: prepare)
            var latencies: [Double] = []
            for press in 0..<presses {
                try process.settle(quiet: .milliseconds(10 + press % 7 * 11), deadline: .now + .seconds(10))
                let start = ContinuousClock.now
                let key = keys[press % keys.count]
                try process.type(key.bytes)
                let end = try process.awaitFrame(
                    marker: key.marker, quiet: .milliseconds(5), deadline: start + .seconds(5))
                latencies.append(milliseconds(end - start))
            }
            try process.stop()
            let samples = Samples(latencies)
            let spread =
                "median \(format(samples.median)), p90 \(format(samples.quantile(0.9))), max \(format(samples.maximum))"
            return FigureResult(
                spec, outcome: .measured(median: samples.quantile(0.99), spread: spread, samples: samples.count),
                note: "figure is the p99; frame = burst with the key's marker, ending in 5 ms quiet; \(launch.label)")
        } catch {
            return .notMeasured(spec, "\(error)")
        }
    }

    /// CPU used (percent of one core) while the program sits on a screen for `context.idleSeconds`,
    /// after `prepare`; and its peak memory at the end, as the figure `memory`.
    public static func idle(
        _ context: BenchmarkContext, launch: ScreenLaunch, environment: [String: String], memory: FigureSpec,
        prepare: (PseudoTerminalProcess) throws -> Void
    ) -> (cpu: FigureResult, memory: FigureResult) {
        do {
            let process = try launchToScreen(launch, context, environment: environment, prepare: prepare)
            guard let cpuBefore = process.cpuSecondsSoFar() else { throw ChildProcessError("cannot read its CPU time") }
            let start = ContinuousClock.now
            let end = start + .seconds(context.idleSeconds)
            // Keep reading what it draws, as a terminal would.
            while ContinuousClock.now < end {
                guard process.read(until: end) != nil else { throw ChildProcessError("the program ended") }
            }
            guard let cpuAfter = process.cpuSecondsSoFar(), let peak = process.peakMegabytesSoFar() else {
                throw ChildProcessError("cannot read its CPU time or memory")
            }
            let elapsed = milliseconds(ContinuousClock.now - start) / 1000
            try process.stop()
            let percent = (cpuAfter - cpuBefore) / elapsed * 100
            return (
                FigureResult(
                    FigureCatalogue.idleCPU,
                    outcome: .measured(
                        median: percent, spread: "one window of \(Int(elapsed)) s, clock-tick resolution",
                        samples: 1), note: launch.label),
                FigureResult(
                    memory, outcome: .measured(median: peak, spread: "VmHWM after the window", samples: 1),
                    note: launch.label)
            )
        } catch {
            return (.notMeasured(FigureCatalogue.idleCPU, "\(error)"), .notMeasured(memory, "\(error)"))
        }
    }

    /// Starts the program, waits for its first frame and lets `prepare` bring it to the screen to measure.
    static func launchToScreen(
        _ launch: ScreenLaunch, _ context: BenchmarkContext, environment: [String: String],
        prepare: (PseudoTerminalProcess) throws -> Void
    ) throws -> PseudoTerminalProcess {
        let process = try PseudoTerminalProcess(
            [context.binary] + launch.arguments, environment: environment, columns: launch.columns, rows: launch.rows)
        _ = try process.awaitFrame(marker: launch.firstFrameMarker, deadline: .now + .seconds(20))
        try prepare(process)
        return process
    }
}
