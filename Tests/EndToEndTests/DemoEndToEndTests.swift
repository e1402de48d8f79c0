import Foundation
import Testing

/// The real `remote-cluster-wizard demo` in a tmux pane: the wizard against the simulated clusters
/// to CONNECTED, resize, and the terminal state after it ends by `q`, SIGTERM and SIGINT.
@Suite("demo under tmux", .serialized)
struct DemoEndToEndTests {
    /// A state folder of the test's own, so no saved progress of another run offers to resume.
    static func stateHome() -> String {
        let path = NSTemporaryDirectory() + "rcw-e2e-state-" + UUID().uuidString.prefix(8)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts the demo in a fresh pane and waits for its first screen.
    func startDemo(width: Int = 100, height: Int = 30, state: String = stateHome()) async throws -> TmuxPane {
        guard let binary = WizardBinary.path else {
            throw TmuxError(description: "remote-cluster-wizard is not built; run swift build first")
        }
        let pane = try TmuxPane(width: width, height: height)
        try pane.typeLine("XDG_STATE_HOME='\(state)' '\(binary)' demo")
        // The footer is drawn last, so once it shows the whole first screen is there.
        await pane.waitFor("the welcome screen") {
            $0.contains("Connect a remote cluster to your ECK cluster") && $0.contains("q quit")
        }
        return pane
    }

    /// Checks that the terminal is back in normal line mode: prompt shown and `stty -a` reports
    /// echo and canonical input on.
    func expectTerminalRestored(_ pane: TmuxPane, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        await pane.waitFor("the shell prompt after exit", sourceLocation: sourceLocation) { TmuxPane.promptIsBack($0) }
        try pane.typeLine(
            "clear; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(echo|icanon|isig|icrnl)$' | tr '\\n' ' '; printf '%s-%s\\n' STTY DONE"
        )
        let screen = await pane.waitFor("stty output", sourceLocation: sourceLocation) { $0.contains("STTY-DONE") }
        let line = screen.components(separatedBy: "\n").first { $0.contains("STTY-DONE") } ?? ""
        let flags = Set(line.split(separator: " ").map(String.init))
        #expect(
            flags.isSuperset(of: ["echo", "icanon", "isig", "icrnl"]), "stty flags: \(line)",
            sourceLocation: sourceLocation)
    }

    /// Presses Enter `count` times, a little apart, as a person would.
    func enter(_ pane: TmuxPane, _ count: Int) async throws {
        for _ in 0..<count {
            try pane.keys("Enter")
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func theECKBranchToConnectedThenQuitWithQ() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let pane = try await startDemo()
        defer { pane.close() }
        var screen = pane.capture()
        #expect(screen.contains("Enter start · F1 help · q quit"))
        #expect(screen.contains("Steps"))  // the rail at 100 columns

        try pane.keys("Enter")
        screen = await pane.waitFor("the remote type") { $0.contains("Where does the remote cluster run?") }
        #expect(screen.contains("› ECK, another operator"))
        try pane.keys("Enter")
        await pane.waitFor("the ECK form") {
            $0.contains("Prepare the remote: ECK cluster remote") && $0.contains("Kube context")
        }
        try await enter(pane, 4)
        await pane.waitFor("the remote change") { $0.contains("spec.remoteClusterServer differs") }
        try pane.keys("a")
        await pane.waitFor("the remote cluster server enabled", timeout: 60) { $0.contains("saved the CA of remote") }
        try pane.keys("Enter")
        await pane.waitFor("the connection details") {
            $0.contains("Connection details") && $0.contains("remote-remote-ca.crt")
        }
        try await enter(pane, 4)
        await pane.waitFor("the preflight") {
            $0.contains("✓ Name  certificate is valid for remote-es-remote-cluster.default.svc")
        }
        try pane.keys("Enter")
        await pane.waitFor("the API key form") { $0.contains("Remote REST URL") }
        try await enter(pane, 11)
        await pane.waitFor("the key request") { $0.contains("Enter create the key") }
        try pane.keys("Enter")
        await pane.waitFor("the key", timeout: 60) { $0.contains("created the cross-cluster API key") }
        try pane.keys("Enter")
        await pane.waitFor("the local cluster form") { $0.contains("Local ECK cluster") && $0.contains("REST CA file") }
        try await enter(pane, 7)
        await pane.waitFor("the cluster check", timeout: 60) {
            $0.contains("trial license") && $0.contains("Enter continue")
        }
        try pane.keys("Enter")
        await pane.waitFor("the manifests") {
            $0.contains("Manifests for ECK cluster") && $0.contains("a apply with kubectl")
        }
        try pane.keys("a")
        await pane.waitFor("the rollout", timeout: 60) {
            $0.contains("created Secret") && $0.contains("Enter continue")
        }
        try pane.keys("Enter")
        await pane.waitFor("the add-remote form") { $0.contains("Skip if unavailable") }
        try await enter(pane, 2)
        await pane.waitFor("the settings request") {
            $0.contains("PUT /_cluster/settings") && $0.contains("Enter send it")
        }
        try pane.keys("Enter")
        await pane.waitFor("the remote added", timeout: 60) { $0.contains("added cluster.remote.remote") }
        try pane.keys("Enter")
        screen = await pane.waitFor("the live status", timeout: 60) {
            $0.contains("● CONNECTED") && $0.contains("updated")
        }
        #expect(screen.contains("API key credentials ✓"))

        // q asks; Enter keeps the focused "Stay"; q then q quits.
        try pane.keys("q")
        await pane.waitFor("the quit dialog") { $0.contains("Quit the wizard?") }
        try pane.keys("Enter")
        await pane.waitFor("the dialog to close") { !$0.contains("Quit the wizard?") }
        try pane.keys("q")
        await pane.waitFor("the quit dialog") { $0.contains("Quit the wizard?") }
        try pane.keys("q")
        try await expectTerminalRestored(pane)
    }

    @Test func resizeBelowTheMinimumAndBack() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let pane = try await startDemo()
        defer { pane.close() }
        try pane.resize(width: 40, height: 12)
        await pane.waitFor("the too-small message") { $0.contains("Terminal too small: 40x12.") }
        try pane.resize(width: 100, height: 30)
        let screen = await pane.waitFor("the full screen again") {
            $0.contains("Connect a remote cluster to your ECK cluster") && $0.contains("Steps")
                && !$0.contains("too small")
        }
        #expect(screen.split(separator: "\n").first?.hasPrefix("┌─ remote-cluster-wizard demo ─") == true)
        try pane.resize(width: 80, height: 24)
        await pane.waitFor("the 80-column screen without the rail") {
            $0.contains("Connect a remote cluster to your ECK cluster") && !$0.contains("Steps")
        }
        try pane.keys("C-c")
        await pane.waitFor("the quit dialog") { $0.contains("Quit the wizard?") }
        try pane.keys("y")
        try await expectTerminalRestored(pane)
    }

    @Test func aSecondCtrlCQuitsAtOnce() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let pane = try await startDemo()
        defer { pane.close() }
        try pane.keys("Enter", "Enter")
        await pane.waitFor("the ECK form") { $0.contains("Kube context") }
        try pane.keys("C-c")
        await pane.waitFor("the quit dialog") { $0.contains("Quit the wizard?") }
        try pane.keys("C-c")
        try await expectTerminalRestored(pane)
    }

    @Test func sigtermRestoresTheTerminal() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let pane = try await startDemo()
        defer { pane.close() }
        try pane.keys("Enter")
        await pane.waitFor("the remote type") { $0.contains("Where does the remote cluster run?") }
        let shell = try pane.shellPID()
        let child = try childPID(of: shell)
        #expect(kill(child, SIGTERM) == 0)
        await pane.waitFor("the shell prompt after SIGTERM") { TmuxPane.promptIsBack($0) }
        try pane.typeLine("echo status=$?")
        await pane.waitFor("the exit status") { $0.contains("status=143") }
        try await expectTerminalRestored(pane)
    }

    @Test func sigintFromOutsideRestoresTheTerminal() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let pane = try await startDemo()
        defer { pane.close() }
        let child = try childPID(of: try pane.shellPID())
        #expect(kill(child, SIGINT) == 0)
        try await expectTerminalRestored(pane)
    }

    /// The one child process of the shell (the demo).
    func childPID(of parent: Int32) throws -> Int32 {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let path = "/proc/\(parent)/task/\(parent)/children"
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let pid = text.split(separator: " ").first.flatMap({
                    Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
                })
            {
                return pid
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError(description: "no child process of the shell \(parent)")
    }
}

/// Plain mode: the same flow as line prompts when stdin is not a terminal, to CONNECTED.
@Suite("demo in plain mode")
struct DemoPlainTests {
    /// The answers for the ECK branch with every prefilled value kept: Enter for a field keeps it.
    static let answers: [String] =
        [""]  // welcome
        + [""]  // remote type: ECK
        + ["", "", "", "", "a", ""]  // the ECK remote: four fields, apply, continue
        + ["", "", "", "", ""]  // connection details, then continue after the preflight
        + ["", "", "", "", "", "", "", "", "", "", "", "", ""]  // the key: mode, ten fields, create, continue
        + ["", "", "", "", "", "", "", ""]  // the local cluster, continue after the check
        + ["a", ""]  // apply the manifests, continue
        + ["", "", "", ""]  // add the remote: alias, skip_unavailable, send, continue
        + [""]  // live status: continue
        + ["", ""]  // data access: search, continue
        + [""]  // no role
        + [""]  // finish

    /// Runs `demo` with its input from a pipe (so in plain mode) and returns the exit status and output.
    func runPiped(environment: [String: String], answers: [String]) async throws -> (status: Int32, text: String) {
        guard let binary = WizardBinary.path else {
            throw TmuxError(description: "remote-cluster-wizard is not built; run swift build first")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["demo"]
        process.environment = environment.merging(["TERM": "xterm", "XDG_STATE_HOME": DemoEndToEndTests.stateHome()]) {
            $1
        }
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(answers.map { $0 + "\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        // Read on a thread of its own: the run takes a while and must not hold a test thread.
        let reader = output.fileHandleForReading
        let data = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: reader.readDataToEndOfFile()) }
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func linePromptsToConnectedWhenInputIsNotATerminal() async throws {
        let (status, text) = try await runPiped(environment: ["LANG": "C.UTF-8"], answers: Self.answers)
        #expect(status == 0, "\(text)")
        #expect(text.contains("== Step 1 of 11: Remote type =="))
        #expect(text.contains("Choose 1-4 [3]: "))
        #expect(text.contains("✓ enabled the remote cluster server of Elasticsearch remote"))
        #expect(text.contains("✓ Name  certificate is valid for remote-es-remote-cluster.default.svc"))
        #expect(text.contains("Password (input hidden, Enter keeps it): "))
        #expect(text.contains("✓ created Secret"))
        #expect(text.contains("● CONNECTED"))
        #expect(text.contains("== Step 11 of 11: Summary =="))
        // Secrets appear only as mask marks or redacted.
        #expect(text.contains("'::redacted::'"))
        #expect(!text.contains("\"encoded\""))
    }

    /// LC_ALL wins over LANG, as in the C library: a C locale gets ASCII marks everywhere.
    @Test func anASCIILocaleGetsASCIIMarks() async throws {
        let (status, text) = try await runPiped(
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C"], answers: Array(Self.answers.prefix(12)))
        #expect(status == 0, "\(text)")
        #expect(text.contains("[ok] TCP"))
        #expect(!text.contains("●") && !text.contains("✓") && !text.contains("✗"))
        #expect(text.contains("Input ended"))
    }
}

/// Colours, NO_COLOR and an ASCII-only locale, seen through tmux's copy of the screen with escapes.
@Suite("demo looks", .serialized)
struct DemoLookTests {
    func firstScreen(environment: String) async throws -> (plain: String, escaped: String) {
        guard let binary = WizardBinary.path else {
            throw TmuxError(description: "remote-cluster-wizard is not built; run swift build first")
        }
        let pane = try TmuxPane(width: 80, height: 24)
        defer { pane.close() }
        try pane.typeLine("\(environment) XDG_STATE_HOME='\(DemoEndToEndTests.stateHome())' '\(binary)' demo")
        let plain = await pane.waitFor("the first screen") {
            $0.contains("Connect a remote cluster to your ECK cluster") && $0.contains("q quit")
        }
        let escaped = try pane.run(["capture-pane", "-p", "-e", "-t", pane.session])
        try pane.keys("q")
        await pane.waitFor("the quit dialog") { $0.contains("Quit the wizard?") }
        try pane.keys("y")
        await pane.waitFor("the shell prompt") { TmuxPane.promptIsBack($0) }
        return (plain, escaped)
    }

    /// SGR colour parameters (30-37, 38;..., 90-97) in the escaped screen.
    func usesColour(_ escaped: String) -> Bool {
        escaped.range(of: "\u{1B}\\[([0-9]+;)*(3[0-8]|9[0-7])[;m]", options: .regularExpression) != nil
    }

    @Test func coloursByDefaultAndNoneWithNO_COLOR() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let coloured = try await firstScreen(environment: "")
        #expect(usesColour(coloured.escaped))
        let monochrome = try await firstScreen(environment: "NO_COLOR=1")
        #expect(!usesColour(monochrome.escaped))
        // Headings still show, as bold.
        #expect(monochrome.escaped.contains("\u{1B}[1m"))
        #expect(monochrome.plain.contains("What happens:"))
    }

    @Test func asciiLocaleDrawsWithASCII() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let screen = try await firstScreen(environment: "LANG=C LC_ALL=C").plain
        #expect(screen.hasPrefix("+- remote-cluster-wizard demo ---"))
        #expect(screen.contains("Enter start - F1 help - q quit"))
        #expect(!screen.contains("─") && !screen.contains("│"))
    }
}

/// TERM=dumb on a real terminal: line prompts, the secret read without echo, Ctrl-D ends it cleanly.
@Suite("demo with TERM=dumb or --plain")
struct DemoDumbTerminalTests {
    /// On a real terminal, TERM=dumb and --plain both give line prompts; a password is read
    /// without echo; Ctrl-D ends the run and says the answers are saved.
    @Test(arguments: ["TERM=dumb XDG_STATE_HOME='%s' '%@' demo", "XDG_STATE_HOME='%s' '%@' demo --plain"])
    func linePromptsOnARealTerminal(commandLine: String) async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        guard let binary = WizardBinary.path else { Issue.record("remote-cluster-wizard is not built"); return }
        let pane = try TmuxPane(width: 100, height: 30)
        defer { pane.close() }
        try pane.typeLine(
            commandLine.replacingOccurrences(of: "%@", with: binary)
                .replacingOccurrences(of: "%s", with: DemoEndToEndTests.stateHome()))
        await pane.waitFor("the welcome prompt") { $0.contains("[Enter start]:") }
        try pane.typeLine("")
        await pane.waitFor("the remote type prompt") { $0.contains("Choose 1-4 [3]:") }
        try pane.typeLine("1")
        await pane.waitFor("the ECH notes") { $0.contains("[Enter continue, b back]:") }
        try pane.typeLine("")
        await pane.waitFor("the proxy address prompt") { $0.contains("Proxy address [127.0.0.1:") }
        for _ in 0..<4 { try pane.typeLine("") }
        // The simulated proxy is not publicly trusted: the preflight fails and asks.
        await pane.waitFor("the preflight") { $0.contains("continue anyway") }
        try pane.typeLine("")
        await pane.waitFor("the question") { $0.contains("[c Continue, f Fix it, Enter Fix it]:") }
        try pane.typeLine("c")
        await pane.waitFor("the key form") { $0.contains("Choose 1-2 [1]:") }
        for _ in 0..<3 { try pane.typeLine("") }
        await pane.waitFor("the password prompt") { $0.contains("Password (input hidden, Enter keeps it):") }
        try pane.typeLine("hunter2-secret")
        let screen = await pane.waitFor("the next prompt") { $0.contains("REST CA file [") }
        #expect(!screen.contains("hunter2-secret"))
        try pane.keys("C-d")
        await pane.waitFor("the end message") { $0.contains("Input ended; your answers are saved") }
        await pane.waitFor("the shell prompt") { TmuxPane.promptIsBack($0) }
    }
}
