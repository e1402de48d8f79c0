import Foundation
import Testing

/// Compares `text` with the stored snapshot `Snapshots/<name>.txt` beside the calling test file.
///
/// A missing snapshot, or any snapshot while `SNAPSHOT_RECORD=1` is set, is written as the new
/// baseline and the test fails ("recorded; look at it and run again"), so a baseline never
/// passes unseen. A difference fails with a line diff of stored against actual.
public func assertTextSnapshot(
    _ text: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent("\(name).txt")
    let stored = try? String(contentsOf: file, encoding: .utf8)
    if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" || stored == nil {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("Could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
            return
        }
        Issue.record(
            "Recorded \(file.path). Look at it, then run the test again without SNAPSHOT_RECORD.\n\(text)",
            sourceLocation: sourceLocation)
        return
    }
    if let stored, stored != text {
        Issue.record(
            "Snapshot \(name) differs (- stored, + actual):\n\(textDiff(stored, text))", sourceLocation: sourceLocation)
    }
}

/// The changed lines of two texts, `-` for removed and `+` for inserted, each with its line number.
public func textDiff(_ old: String, _ new: String) -> String {
    let a = old.components(separatedBy: "\n")
    let b = new.components(separatedBy: "\n")
    return b.difference(from: a).map { change in
        switch change {
        case .remove(let offset, let line, _): return String(format: "%4d - ", offset + 1) + line
        case .insert(let offset, let line, _): return String(format: "%4d + ", offset + 1) + line
        }
    }.joined(separator: "\n")
}
