import Foundation
import Testing

/// Compares generated text with a file under `Golden/`. With `RECORD_GOLDEN=1` in the
/// environment the file is (re)written instead; otherwise a mismatch fails with a line diff.
enum GoldenFile {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    static func check(_ text: String, _ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = TestPaths.golden.appendingPathComponent(relativePath)
        if recording {
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("cannot record \(relativePath): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "no golden file \(relativePath); run the tests with RECORD_GOLDEN=1 to record it",
                sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            Issue.record(
                "\(relativePath) differs from the golden file (- golden, + generated):\n\(diff(expected, text))\nRun with RECORD_GOLDEN=1 to accept the new output.",
                sourceLocation: sourceLocation)
        }
    }

    /// The files recorded under a golden folder, to catch stale ones.
    static func recordedFiles(in folder: String) -> [String] {
        let url = TestPaths.golden.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    /// A line diff: the changed lines with two lines of context around them.
    static func diff(_ old: String, _ new: String) -> String {
        let a = old.components(separatedBy: "\n"), b = new.components(separatedBy: "\n")
        // Longest common subsequence table.
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var lines: [(Character, String)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append((" ", a[i])); i += 1; j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                lines.append(("+", b[j])); j += 1
            } else {
                lines.append(("-", a[i])); i += 1
            }
        }
        let changed = Set(lines.indices.filter { lines[$0].0 != " " })
        var output: [String] = []
        var lastShown = -1
        for index in lines.indices where changed.contains(where: { abs($0 - index) <= 2 }) {
            if lastShown >= 0, index > lastShown + 1 { output.append("…") }
            output.append("\(lines[index].0) \(lines[index].1)")
            lastShown = index
        }
        return output.joined(separator: "\n")
    }
}
