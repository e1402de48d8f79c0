import Foundation
import Testing
import WizardTestSupport

/// A terminal size for a pane.
struct PaneSize: Sendable, Hashable, CustomStringConvertible {
    var width: Int
    var height: Int
    static let small = PaneSize(width: 80, height: 24)
    static let large = PaneSize(width: 120, height: 40)
    var description: String { "\(width)x\(height)" }
}

/// The real `remote-cluster-wizard demo` in a tmux pane of its own, with its own XDG state and
/// temporary folders, run from a shell line that records the terminal settings (`stty -g`)
/// before and compares them after, and prints the exit status.
final class DemoPane {
    let pane: TmuxPane
    let size: PaneSize
    /// Holds `state/` (XDG_STATE_HOME) and `tmp/` (TMPDIR, where the simulator keeps its files).
    let directory: String
    let binary: String

    /// Demos run one per core: each runs its own simulated clusters, and more at once only make
    /// every one slower on a small CI machine.
    static let slots = TestSlots.perCore

    /// Runs `body` with a new pane, taking one of the `slots` for it, and closes the pane
    /// afterwards, also when `body` throws.
    static func with(_ size: PaneSize, _ body: (DemoPane) async throws -> Void) async throws {
        await DemoPane.slots.acquire()
        let demo: DemoPane
        do { demo = try DemoPane(size) } catch {
            await DemoPane.slots.release()
            throw error
        }
        do { try await body(demo) } catch {
            demo.close()
            await DemoPane.slots.release()
            throw error
        }
        demo.close()
        await DemoPane.slots.release()
    }

    private init(_ size: PaneSize) throws {
        guard let binary = WizardBinary.path else {
            throw TmuxError(description: "remote-cluster-wizard is not built; run swift build first")
        }
        self.binary = binary
        self.size = size
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-demo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/tmp", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        pane = try TmuxPane(width: size.width, height: size.height)
        // Remembered once, for every check of this pane's terminal settings.
        try pane.typeLine("S0=$(stty -g)")
    }

    /// The progress file the demo writes.
    var progressPath: String { directory + "/state/remote-cluster-wizard/demo-progress.json" }

    /// Starts `demo ARGUMENTS`; when it ends the shell prints `DEMO-END status=N stty=SAME|CHANGED`.
    func start(_ arguments: String) throws {
        try pane.typeLine("clear")
        try pane.typeLine(
            "XDG_STATE_HOME='\(directory)/state' TMPDIR='\(directory)/tmp' '\(binary)' demo \(arguments); st=$?; "
                + "[ \"$S0\" = \"$(stty -g)\" ] && t=SAME || t=CHANGED; printf 'DEMO-%s status=%s stty=%s\\n' END \"$st\" \"$t\""
        )
    }

    /// Waits for the screen and returns it; the deadline is for a loaded CI machine.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 120, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) async -> String {
        await pane.waitFor(what, timeout: timeout, sourceLocation: sourceLocation, condition)
    }

    /// Waits until the screen contains every text.
    @discardableResult
    func waitFor(_ texts: String..., timeout: Double = 120, sourceLocation: SourceLocation = #_sourceLocation)
        async -> String
    {
        await waitFor(texts.joined(separator: " and "), timeout: timeout, sourceLocation: sourceLocation) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    func keys(_ names: String...) throws { try pane.run(["send-keys", "-t", pane.session] + names) }

    /// Waits until a key has taken the keyboard from autoplay and returns the screen. The bottom
    /// line says "you have control" for 3 s and then nothing about autoplay: a loaded machine can
    /// let those 3 s pass between two looks, so either counts.
    @discardableResult
    func waitForHandOver(_ texts: String..., sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        await waitFor("you have control" + texts.map { " and " + $0 }.joined(), sourceLocation: sourceLocation) {
            screen in
            (screen.contains("you have control") || !screen.contains("autoplay"))
                && texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Waits for the demo to end; returns its exit status and whether the terminal settings are as
    /// they were before it started.
    func waitForEnd(sourceLocation: SourceLocation = #_sourceLocation) async -> (status: Int, sameTerminal: Bool) {
        let screen = await waitFor("the demo to end", timeout: 60, sourceLocation: sourceLocation) {
            $0.contains("DEMO-END status=")
        }
        let line = screen.components(separatedBy: "\n").first { $0.contains("DEMO-END status=") } ?? ""
        let fields = Dictionary(
            line.split(separator: " ").compactMap { part -> (String, String)? in
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                return pair.count == 2 ? (pair[0], pair[1]) : nil
            }, uniquingKeysWith: { $1 })
        return (Int(fields["status"] ?? "") ?? -1, fields["stty"] == "SAME")
    }

    /// Quits the demo the way a person does from a screen without a text field: q, then y; checks
    /// that it ends with status 0 and the terminal as it was.
    func quitWithQ(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try keys("q")
        await waitFor("Quit the wizard?", sourceLocation: sourceLocation)
        try keys("y")
        let end = await waitForEnd(sourceLocation: sourceLocation)
        #expect(end.status == 0 && end.sameTerminal, "\(end)", sourceLocation: sourceLocation)
    }

    /// Quits with Ctrl-C twice (the first asks, the second quits at once), which works on every
    /// screen, also with a text field focused; checks the exit status and the terminal.
    func quitWithCtrlC(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try keys("C-c")
        await waitFor("Quit the wizard?", sourceLocation: sourceLocation)
        try keys("C-c")
        let end = await waitForEnd(sourceLocation: sourceLocation)
        #expect(end.status == 0, "exit status \(end.status)", sourceLocation: sourceLocation)
        #expect(end.sameTerminal, "stty -g differs after the demo", sourceLocation: sourceLocation)
    }

    /// The saved progress as JSON, or nil when there is no file or it does not parse.
    func progress() -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: progressPath) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Where the saved progress says the run stopped.
    var savedScreen: String? { progress()?["screen"] as? String }

    /// The demo process (the shell's child).
    func demoPID() async throws -> Int32 {
        let shell = try pane.shellPID()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8),
                let pid = text.split(separator: " ").compactMap({
                    Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
                }).first
            {
                return pid
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TmuxError(description: "no child process of the shell \(shell)")
    }

    /// Checks the whole frame: exactly the pane's size, corners where they belong, the footer
    /// divider above the key line.
    func expectFullFrame(_ screen: String, size: PaneSize? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let size = size ?? self.size
        var lines = screen.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        #expect(lines.count == size.height, "\(lines.count) lines:\n\(screen)", sourceLocation: sourceLocation)
        guard lines.count == size.height else { return }
        #expect(lines[0].hasPrefix("┌─ remote-cluster-wizard demo"), "\(screen)", sourceLocation: sourceLocation)
        #expect(
            lines[0].hasSuffix("┐") && lines[size.height - 1].hasPrefix("└") && lines[size.height - 1].hasSuffix("┘"),
            "\(screen)", sourceLocation: sourceLocation)
        #expect(
            lines[size.height - 3].hasPrefix("├") && lines[size.height - 3].hasSuffix("┤"), "\(screen)",
            sourceLocation: sourceLocation)
        for (index, line) in lines.enumerated() {
            #expect(
                line.count == size.width, "line \(index + 1) is \(line.count) wide:\n\(screen)",
                sourceLocation: sourceLocation)
        }
    }

    /// The body's text as one line: frame, rail (at 100 columns and more) and wrapping taken out, so
    /// that a sentence can be found wherever it wrapped.
    func flowedBody(_ screen: String) -> String {
        var lines = screen.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard lines.count > 4 else { return "" }
        let railWidth = lines[0].count >= 100 ? 26 : 0
        let words = lines[1..<(lines.count - 3)].map { line -> String in
            let inside = line.dropFirst(1 + railWidth).dropLast()
            return inside.trimmingCharacters(in: .whitespaces)
        }
        return words.filter { !$0.isEmpty }.joined(separator: " ")
    }

    func close() {
        pane.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
