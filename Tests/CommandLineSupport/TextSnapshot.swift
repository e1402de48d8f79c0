import Foundation
import Testing

/// Compares `text` with the stored snapshot `Snapshots/<name>.txt` beside the calling test file.
///
/// A missing snapshot, or any snapshot while `SNAPSHOT_RECORD=1` is set, is written as the new
/// baseline and the test fails ("recorded; look at it and run again"), so a baseline never
/// passes unseen; the failure shows `shownWhenRecorded` (default: the text). A difference fails
/// with a line diff of stored against actual.
public func assertTextSnapshot(
    _ text: String, named name: String, shownWhenRecorded: String? = nil, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
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
        let what = stored == nil ? "No snapshot \(name).txt existed" : "SNAPSHOT_RECORD=1 is set"
        Issue.record(
            "\(what): recorded \(file.path). Look at it, then run the test again without SNAPSHOT_RECORD.\n\(shownWhenRecorded ?? text)",
            sourceLocation: sourceLocation)
        return
    }
    if let stored, stored != text {
        Issue.record(
            "Snapshot \(name) differs (- stored, + actual):\n\(lineDiff(stored, text))", sourceLocation: sourceLocation)
    }
}

/// A line diff of two texts: removed lines as `-`, inserted as `+`, each with its line number in
/// its own text, in order; unchanged lines are left out.
public func lineDiff(_ old: String, _ new: String) -> String {
    let a = old.components(separatedBy: "\n")
    let b = new.components(separatedBy: "\n")
    let difference = b.difference(from: a)
    var removed: [Int: String] = [:]
    var inserted: [Int: String] = [:]
    for change in difference {
        switch change {
        case .remove(let offset, let line, _): removed[offset] = line
        case .insert(let offset, let line, _): inserted[offset] = line
        }
    }
    // Walk both texts together so each change appears where it happened.
    var out: [String] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
        if i < a.count, let line = removed[i] {
            out.append(String(format: "%4d - ", i + 1) + line)
            i += 1
        } else if j < b.count, let line = inserted[j] {
            out.append(String(format: "%4d + ", j + 1) + line)
            j += 1
        } else {
            i += 1
            j += 1
        }
    }
    return out.joined(separator: "\n")
}
