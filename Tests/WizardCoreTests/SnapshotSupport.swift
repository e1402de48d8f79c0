import Foundation
import Testing
import WizardCore

/// Compares a screen with a stored text snapshot under `Tests/WizardCoreTests/Snapshots/`.
/// With `SNAPSHOT_RECORD=1` in the environment the snapshot is (re)written instead; otherwise a
/// difference fails the test with a line-by-line diff.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent("\(name).txt")
    let actual = buffer.snapshot
    if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record(
            "No snapshot \(name).txt; run with SNAPSHOT_RECORD=1 to record it. Actual:\n\(actual)",
            sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        Issue.record(
            "Snapshot \(name) differs (- stored, + actual):\n\(lineDiff(expected, actual))",
            sourceLocation: sourceLocation)
    }
}

/// The lines that differ, numbered, as `-` stored and `+` actual.
func lineDiff(_ expected: String, _ actual: String) -> String {
    let a = expected.components(separatedBy: "\n")
    let b = actual.components(separatedBy: "\n")
    var out: [String] = []
    for index in 0..<max(a.count, b.count) {
        let left = index < a.count ? a[index] : "(missing)"
        let right = index < b.count ? b[index] : "(missing)"
        if left != right {
            out.append(String(format: "%4d - %@", index + 1, left))
            out.append(String(format: "%4d + %@", index + 1, right))
        }
    }
    return out.joined(separator: "\n")
}

/// Renders a program into a fresh buffer of the given size.
func render<P: TerminalProgram>(_ program: P, width: Int, height: Int, theme: Theme = .unicode) -> ScreenBuffer {
    var buffer = ScreenBuffer(size: Size(width: width, height: height))
    program.render(into: &buffer, theme: theme)
    return buffer
}

extension Gallery {
    /// Sends keys, returning all effects.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect<GalleryJob>] {
        keys.flatMap { update(.key($0)) }
    }

    @discardableResult
    mutating func type(_ text: String) -> [Effect<GalleryJob>] {
        text.flatMap { update(.key(.character($0))) }
    }
}
