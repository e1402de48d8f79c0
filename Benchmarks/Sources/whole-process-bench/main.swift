import Foundation
import ProcessBenchmarks

/// `whole-process-bench --binary PATH [--runs N] [--idle-seconds S] [--apply-runs N] [--connect-samples N]
///  [--in-process DIR] [--plan-validation FILE] [--markdown FILE] [--only GROUP,...]`
///
/// `--only` measures some groups of figures: `version`, `status`, `live` (the wizard on the live
/// screen), `wizard` (first frame, demo memory), `apply`; the in-process figures are read whenever
/// `--in-process` is given.
///
/// Measures the shipped binary as whole processes, reads the in-process samples package-benchmark
/// wrote into DIR, and prints every figure of the performance issue with its median, spread and
/// target (and writes the same table as Markdown into FILE).
struct Options {
    var binary = ""
    var runs = 21
    var idleSeconds = 60
    var inProcessDirectory: String?
    var markdownFile: String?
    /// `PlanValidationBenchmark`'s output, printed under the figures.
    var planValidationFile: String?
    /// Runs of each `apply` plan (each against a fresh simulator) and samples of settings → CONNECTED.
    var applyRuns = 11
    var connectSamples = 11
    /// The groups to measure; empty: all.
    var only: Set<String> = []
    static let groups: Set<String> = ["version", "status", "live", "wizard", "apply"]

    func measures(_ group: String) -> Bool { only.isEmpty || only.contains(group) }

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ option: String) throws -> String {
            guard let next = rest.popFirst() else { throw ChildProcessError("\(option) needs a value") }
            return next
        }
        while let option = rest.popFirst() {
            switch option {
            case "--binary": binary = try value(option)
            case "--runs": runs = Int(try value(option)) ?? runs
            case "--idle-seconds": idleSeconds = Int(try value(option)) ?? idleSeconds
            case "--in-process": inProcessDirectory = try value(option)
            case "--markdown": markdownFile = try value(option)
            case "--plan-validation": planValidationFile = try value(option)
            case "--apply-runs": applyRuns = Int(try value(option)) ?? applyRuns
            case "--connect-samples": connectSamples = Int(try value(option)) ?? connectSamples
            case "--only":
                only = Set(try value(option).split(separator: ",").map(String.init))
                if let unknown = only.subtracting(Self.groups).first {
                    throw ChildProcessError(
                        "--only: unknown group \(unknown); use \(Self.groups.sorted().joined(separator: ", "))")
                }
            default: throw ChildProcessError("unknown option \(option)")
            }
        }
        guard binary.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: binary) else {
            throw ChildProcessError("--binary must be the absolute path of the built binary (make release)")
        }
        guard runs >= 11 else { throw ChildProcessError("--runs must be at least 11") }
    }
}

func progress(_ text: String) {
    FileHandle.standardError.write(Data("bench: \(text)\n".utf8))
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let context = BenchmarkContext(binary: options.binary, runs: options.runs, idleSeconds: options.idleSeconds)
    var header = MachineDescription.lines(binary: options.binary)
    let libraries = MachineDescription.sharedLibraries(of: options.binary)
    header.append("shared libraries loaded (ldd): \(libraries.count): \(libraries.joined(separator: " "))")
    var figures: [FigureResult] = []

    if options.measures("version") {
        progress("--version against curl --version")
        figures.append(StartupFigures.version(context))
    }

    if options.measures("status") || options.measures("live") {
        progress("starting the simulator and connecting its remote with apply")
        let simulator = try SimulatorProcess(binary: options.binary, arguments: ["--restart-seconds", "0"])
        try simulator.apply(binary: options.binary, environment: context.environment)
        if options.measures("status") {
            progress("status --json against curl")
            figures.append(StartupFigures.status(context, simulator: simulator))
            figures.append(StartupFigures.statusPeakMemory(context, simulator: simulator))
        }
        if options.measures("live") {
            progress("the wizard on the live screen for \(context.idleSeconds) s")
            figures += LiveScreenFigures.idle(context, simulator: simulator)
            progress("settings acknowledged to CONNECTED on the live screen")
            figures.append(
                LiveScreenFigures.settingsToConnected(context, simulator: simulator, samples: options.connectSamples))
            progress("key presses on the live screen with slow polls")
            figures.append(LiveScreenFigures.keyLatency(context, simulator: simulator))
        }
        simulator.stop()
    }

    if options.measures("wizard") {
        progress("first frame in a pseudo-terminal")
        figures.append(WizardFigures.firstFrame(context))
        progress("demo playing to the live screen")
        figures.append(WizardFigures.demoMemory(context))
    }
    if options.measures("apply") {
        progress("apply of \(ApplyFigures.remotes) remotes against 1 (\(options.applyRuns) runs each)")
        figures.append(ApplyFigures.ratio(context, runs: options.applyRuns, restartSeconds: nil))
        figures.append(ApplyFigures.ratio(context, runs: options.applyRuns, restartSeconds: 0))
    }

    if let directory = options.inProcessDirectory {
        let results = try InProcessResults(directory: directory)
        figures += InProcessFigures.all(results)
    } else if options.only.isEmpty {
        figures += InProcessFigures.all(nil)
    }
    figures.sort { FigureCatalogue.index(of: $0.spec) < FigureCatalogue.index(of: $1.spec) }
    header.append("load average at end (1, 5, 15 min): \(MachineDescription.loadAverage())")

    let planValidation = try options.planValidationFile.map { try String(contentsOfFile: $0, encoding: .utf8) }
    let report = Report(figures: figures, header: header, planValidation: planValidation)
    print(report.text, terminator: "")
    if let file = options.markdownFile {
        try report.markdown.write(toFile: file, atomically: true, encoding: .utf8)
        progress("wrote \(file)")
    }
} catch {
    progress("\(error)")
    exit(1)
}
