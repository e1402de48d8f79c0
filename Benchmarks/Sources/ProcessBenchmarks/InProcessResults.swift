import Foundation

/// The samples package-benchmark wrote with `--format histogramSamples`: one file per benchmark
/// and metric, a header line and then one value per iteration in the benchmark's time unit.
public struct InProcessResults: Sendable {
    /// Wall-clock samples in milliseconds, by benchmark name.
    public var wallClock: [String: Samples]

    /// Reads every `*.wallClock.histogram.samples.tsv` (or `Time_(wall_clock)` in older naming)
    /// under `directory`.
    public init(directory: String) throws {
        var found: [String: Samples] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        for file in files where file.hasSuffix(".histogram.samples.tsv") && file.contains("wallClock") {
            let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
            guard let name = Self.benchmarkName(fromFile: file), let samples = Self.samples(fromTSV: text) else {
                continue
            }
            found[name] = samples
        }
        wallClock = found
    }

    /// `Current_run.InProcess.decode__remote_info_with_1000_aliases.wallClock.histogram.samples.tsv`
    /// → `decode__remote_info_with_1000_aliases` (package-benchmark turns spaces and slashes into `_`).
    static func benchmarkName(fromFile file: String) -> String? {
        let parts = file.components(separatedBy: ".")
        guard let metric = parts.firstIndex(of: "wallClock"), metric >= 3 else { return nil }
        return parts[2..<metric].joined(separator: ".")
    }

    /// The values of a samples file, converted to milliseconds from the unit in its header.
    static func samples(fromTSV text: String) -> Samples? {
        let lines = text.split(separator: "\n")
        guard let header = lines.first else { return nil }
        let toMilliseconds: Double
        if header.contains("(ns)") {
            toMilliseconds = 1e-6
        } else if header.contains("(μs)") || header.contains("(us)") {
            toMilliseconds = 1e-3
        } else if header.contains("(ms)") {
            toMilliseconds = 1
        } else if header.contains("(s)") {
            toMilliseconds = 1000
        } else {
            return nil
        }
        let values = lines.dropFirst().compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return values.isEmpty ? nil : Samples(values.map { $0 * toMilliseconds })
    }

    /// The file-name form of a benchmark's name.
    public static func fileName(of benchmark: String) -> String {
        benchmark.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: " ", with: "_")
    }

    /// The figure `spec` (in milliseconds) from the benchmark named `benchmark`.
    public func figure(_ spec: FigureSpec, benchmark: String, note: String = "") -> FigureResult {
        guard let samples = wallClock[Self.fileName(of: benchmark)] else {
            return .notMeasured(spec, "package-benchmark wrote no samples for \"\(benchmark)\"", note: note)
        }
        return .measured(spec, samples: samples, note: note)
    }
}
