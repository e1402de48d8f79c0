import Foundation

/// Whole-process wall-clock times from hyperfine: each command started directly (no shell), after
/// warm-up runs, the commands of one comparison measured in the same invocation.
public struct Hyperfine: Sendable {
    public var executable: String
    public var warmupRuns: Int
    public var runs: Int

    /// hyperfine from PATH, or nil when it is not installed.
    public init?(warmupRuns: Int = 3, runs: Int) {
        guard let executable = Tools.find("hyperfine") else { return nil }
        self.executable = executable
        self.warmupRuns = warmupRuns
        self.runs = runs
    }

    /// The wall-clock times, in milliseconds, of each command (an argument list), in order.
    /// Every run must exit with 0.
    public func measure(_ commands: [[String]], environment: [String: String]) throws -> [Samples] {
        let export = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hyperfine-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: export) }
        try Tools.output(
            of: [
                executable, "--shell=none", "--style", "none", "--warmup", "\(warmupRuns)", "--runs", "\(runs)",
                "--export-json", export.path,
            ] + commands.map(Self.commandLine),
            environment: environment)
        let data = try Data(contentsOf: export)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let results = object["results"] as? [[String: Any]], results.count == commands.count
        else { throw ChildProcessError("hyperfine wrote an unexpected export") }
        return try results.map { result in
            guard let times = result["times"] as? [Double] else {
                throw ChildProcessError("hyperfine's export has no times")
            }
            return Samples(times.map { $0 * 1000 })
        }
    }

    /// One command line for hyperfine's own word splitting: arguments with spaces or quotes quoted.
    static func commandLine(_ arguments: [String]) -> String {
        arguments.map { argument in
            argument.contains(where: { " \"'\\".contains($0) })
                ? "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'" : argument
        }.joined(separator: " ")
    }
}
