import Foundation
import ProcessBenchmarks

/// `whole-process-bench --binary PATH [--runs N] [--idle-seconds S] [--in-process DIR] [--markdown FILE]`
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

    progress("--version against curl --version")
    figures.append(StartupFigures.version(context))

    progress("starting the simulator")
    let simulator = try SimulatorProcess(binary: options.binary, arguments: ["--restart-seconds", "0"])
    try simulator.addRemote(alias: "bench")
    progress("status --json against curl")
    figures.append(StartupFigures.status(context, simulator: simulator))
    figures.append(StartupFigures.statusPeakMemory(context, simulator: simulator))
    simulator.stop()

    progress("first frame in a pseudo-terminal")
    figures += WizardFigures.all(context)

    if let directory = options.inProcessDirectory {
        let results = try InProcessResults(directory: directory)
        figures += InProcessFigures.all(results)
    } else {
        figures += InProcessFigures.all(nil)
    }
    figures.sort { FigureCatalogue.index(of: $0.spec) < FigureCatalogue.index(of: $1.spec) }
    header.append("load average at end (1, 5, 15 min): \(MachineDescription.loadAverage())")

    let report = Report(figures: figures, header: header)
    print(report.text, terminator: "")
    if let file = options.markdownFile {
        try report.markdown.write(toFile: file, atomically: true, encoding: .utf8)
        progress("wrote \(file)")
    }
} catch {
    progress("\(error)")
    exit(1)
}
