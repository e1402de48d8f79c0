import Foundation
import Testing

/// The real `remote-cluster-wizard demo` in a tmux pane: keys, resize, and the terminal state after
/// it ends by `q` and by SIGTERM.
@Suite("demo under tmux", .serialized)
struct DemoEndToEndTests {
    /// Starts the demo in a fresh pane and waits for its first screen.
    func startDemo(width: Int = 100, height: Int = 30) throws -> TmuxPane {
        guard let binary = WizardBinary.path else {
            throw TmuxError(description: "remote-cluster-wizard is not built; run swift build first")
        }
        let pane = try TmuxPane(width: width, height: height)
        try pane.typeLine("'\(binary)' demo")
        // The footer is drawn last, so once it shows the whole first screen is there.
        pane.waitFor("the remote-type list") {
            $0.contains("Where does the remote cluster run?") && $0.contains("q quit")
        }
        return pane
    }

    /// Checks that the terminal is back in normal line mode: prompt shown and `stty -a` reports
    /// echo and canonical input on.
    func expectTerminalRestored(_ pane: TmuxPane, sourceLocation: SourceLocation = #_sourceLocation) throws {
        pane.waitFor("the shell prompt after exit", sourceLocation: sourceLocation) { TmuxPane.promptIsBack($0) }
        try pane.typeLine(
            "clear; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(echo|icanon|isig|icrnl)$' | tr '\\n' ' '; printf '%s-%s\\n' STTY DONE"
        )
        let screen = pane.waitFor("stty output", sourceLocation: sourceLocation) { $0.contains("STTY-DONE") }
        let line = screen.components(separatedBy: "\n").first { $0.contains("STTY-DONE") } ?? ""
        let flags = Set(line.split(separator: " ").map(String.init))
        #expect(
            flags.isSuperset(of: ["echo", "icanon", "isig", "icrnl"]), "stty flags: \(line)",
            sourceLocation: sourceLocation)
    }

    @Test func walkThroughAndQuitWithQ() throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let pane = try startDemo()
        defer { pane.close() }
        var screen = pane.capture()
        #expect(screen.contains("› Elastic Cloud Hosted (ECH)"))
        #expect(screen.contains("↑↓ choose · Enter continue · q quit"))
        #expect(screen.contains("Steps"))  // the rail at 100 columns

        // ECK shows its own step; Esc goes back to the list with the answer kept.
        try pane.keys("Down", "Down", "Enter")
        screen = pane.waitFor("the ECK step") { $0.contains("The remote ECK cluster") && $0.contains("Esc back") }
        #expect(screen.contains("ECK local → ECK remote ─ 2/5"))
        try pane.keys("Escape")
        screen = pane.waitFor("the list again") {
            $0.contains("Where does the remote cluster run?") && $0.contains("› ECK") && $0.contains("q quit")
        }
        #expect(screen.contains("› ECK, another operator"))

        // ECH: the form; Next is blocked with messages under the fields.
        try pane.keys("Up", "Up", "Enter")
        pane.waitFor("the form") { $0.contains("Connection details (every field kind)") }
        try pane.literal("Logs")
        try pane.keys("Tab")
        screen = pane.waitFor("the alias message") { $0.contains("contains upper-case letters") }
        try pane.keys("BTab", "C-u")
        try pane.literal("logs")
        try pane.keys("Tab")
        try pane.literal("lb.example.net:9443")
        try pane.keys("Tab", "Tab")
        try pane.paste("aWQxOmtleTE=")
        screen = pane.waitFor("the masked key") { $0.contains("API key              ••••••••••••") }
        #expect(!screen.contains("aWQxOmtleTE="))
        for _ in 0..<5 { try pane.keys("Enter") }
        pane.waitFor("the viewer") { $0.contains("manifests.yaml") && $0.contains("/46") }
        try pane.keys("Enter")
        screen = pane.waitFor("live data") {
            $0.contains("lb.example.net:9443") && $0.contains("updated") && $0.contains("q quit")
        }
        #expect(screen.contains("logs        ● connected"))

        // q asks; Enter keeps the focused "Stay"; q then y quits.
        try pane.keys("q")
        pane.waitFor("the quit dialog") { $0.contains("Quit the demo?") }
        try pane.keys("Enter")
        pane.waitFor("the dialog to close") { !$0.contains("Quit the demo?") }
        try pane.keys("q")
        pane.waitFor("the quit dialog") { $0.contains("Quit the demo?") }
        try pane.keys("q")
        try expectTerminalRestored(pane)
    }

    @Test func resizeBelowTheMinimumAndBack() throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let pane = try startDemo()
        defer { pane.close() }
        try pane.resize(width: 40, height: 12)
        pane.waitFor("the too-small message") { $0.contains("Terminal too small: 40x12.") }
        try pane.resize(width: 100, height: 30)
        let screen = pane.waitFor("the full screen again") {
            $0.contains("Where does the remote cluster run?") && $0.contains("Steps") && !$0.contains("too small")
        }
        #expect(screen.split(separator: "\n").first?.hasPrefix("┌─ remote-cluster-wizard ─") == true)
        try pane.resize(width: 80, height: 24)
        pane.waitFor("the 80-column screen without the rail") {
            $0.contains("Where does the remote cluster run?") && !$0.contains("Steps")
        }
        try pane.keys("C-c")
        pane.waitFor("the quit dialog") { $0.contains("Quit the demo?") }
        try pane.keys("y")
        try expectTerminalRestored(pane)
    }

    @Test func sigtermRestoresTheTerminal() throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let pane = try startDemo()
        defer { pane.close() }
        try pane.keys("Enter")
        pane.waitFor("the form") { $0.contains("Connection details") }
        let shell = try pane.shellPID()
        let child = try childPID(of: shell)
        #expect(kill(child, SIGTERM) == 0)
        pane.waitFor("the shell prompt after SIGTERM") { TmuxPane.promptIsBack($0) }
        try pane.typeLine("echo status=$?")
        pane.waitFor("the exit status") { $0.contains("status=143") }
        try expectTerminalRestored(pane)
    }

    @Test func sigintFromOutsideRestoresTheTerminal() throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let pane = try startDemo()
        defer { pane.close() }
        let child = try childPID(of: try pane.shellPID())
        #expect(kill(child, SIGINT) == 0)
        try expectTerminalRestored(pane)
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

/// Plain mode: the same steps as line prompts when stdin is not a terminal.
@Suite("demo in plain mode")
struct DemoPlainTests {
    static let answers = ["", "Logs", "logs", "lb.example.net:9200", "", "aWQxOmtleTE=", "", "", "", ""]

    /// Runs `demo` with its input from a pipe (so in plain mode) and returns the exit status and output.
    func runPiped(environment: [String: String], answers: [String]) throws -> (status: Int32, text: String) {
        guard let binary = WizardBinary.path else {
            throw TmuxError(description: "remote-cluster-wizard is not built; run swift build first")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["demo"]
        process.environment = environment.merging(["TERM": "xterm"]) { $1 }
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(answers.map { $0 + "\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func promptsWhenInputIsNotATerminal() throws {
        let (status, text) = try runPiped(environment: ["LANG": "C.UTF-8"], answers: Self.answers)
        #expect(status == 0)
        #expect(text.contains("== Step 1 of 4: Remote type =="))
        #expect(text.contains("Alias: Logs\n"))
        #expect(text.contains("✗ Alias: \"Logs\" contains upper-case letters."))
        #expect(text.contains("⚠ Proxy address port 9200 is usually the REST API (HTTP) port"))
        #expect(text.contains("cluster.remote.logs.proxy_address: lb.example.net:9200"))
        #expect(text.contains("logs  ● connected  proxy"))
        #expect(!text.contains("aWQxOmtleTE="))
        #expect(text.contains("Done. Nothing was changed."))
    }

    /// LC_ALL wins over LANG, as in the C library: a C locale gets ASCII marks everywhere, also in
    /// the rows of the live table.
    @Test func anASCIILocaleGetsASCIIMarks() throws {
        let (status, text) = try runPiped(environment: ["LANG": "C.UTF-8", "LC_ALL": "C"], answers: Self.answers)
        #expect(status == 0)
        #expect(text.contains("[x] Alias: \"Logs\" contains upper-case letters."))
        #expect(text.contains("logs  * connected  proxy"))
        #expect(!text.contains("●") && !text.contains("✗") && !text.contains("•"))
    }
}

/// Colours, NO_COLOR and an ASCII-only locale, seen through tmux's copy of the screen with escapes.
@Suite("demo looks", .serialized)
struct DemoLookTests {
    func firstScreen(environment: String) throws -> (plain: String, escaped: String) {
        guard let binary = WizardBinary.path else {
            throw TmuxError(description: "remote-cluster-wizard is not built; run swift build first")
        }
        let pane = try TmuxPane(width: 80, height: 24)
        defer { pane.close() }
        try pane.typeLine("\(environment) '\(binary)' demo")
        let plain = pane.waitFor("the first screen") {
            $0.contains("Where does the remote cluster run?") && $0.contains("q quit")
        }
        let escaped = try pane.run(["capture-pane", "-p", "-e", "-t", pane.session])
        try pane.keys("q")
        pane.waitFor("the quit dialog") { $0.contains("Quit the demo?") }
        try pane.keys("y")
        pane.waitFor("the shell prompt") { TmuxPane.promptIsBack($0) }
        return (plain, escaped)
    }

    /// SGR colour parameters (30-37, 38;..., 90-97) in the escaped screen.
    func usesColour(_ escaped: String) -> Bool {
        escaped.range(of: "\u{1B}\\[([0-9]+;)*(3[0-8]|9[0-7])[;m]", options: .regularExpression) != nil
    }

    @Test func coloursByDefaultAndNoneWithNO_COLOR() throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let coloured = try firstScreen(environment: "")
        #expect(usesColour(coloured.escaped))
        let monochrome = try firstScreen(environment: "NO_COLOR=1")
        #expect(!usesColour(monochrome.escaped))
        // Focus still shows, as bold.
        #expect(monochrome.escaped.contains("\u{1B}[1m"))
        #expect(monochrome.plain.contains("› Elastic Cloud Hosted (ECH)"))
    }

    @Test func asciiLocaleDrawsWithASCII() throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        let screen = try firstScreen(environment: "LANG=C LC_ALL=C").plain
        #expect(screen.hasPrefix("+- remote-cluster-wizard ---"))
        #expect(screen.contains("  > Elastic Cloud Hosted (ECH)"))
        #expect(screen.contains("Up/Down choose - Enter continue - q quit"))
    }
}

/// TERM=dumb on a real terminal: line prompts, the secret read without echo, Ctrl-D ends it cleanly.
@Suite("demo with TERM=dumb or --plain")
struct DemoDumbTerminalTests {
    /// On a real terminal, TERM=dumb and --plain both give line prompts.
    @Test(arguments: ["TERM=dumb '%@' demo", "'%@' demo --plain"])
    func linePromptsOnARealTerminal(commandLine: String) throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        guard let binary = WizardBinary.path else { Issue.record("remote-cluster-wizard is not built"); return }
        let pane = try TmuxPane(width: 100, height: 30)
        defer { pane.close() }
        try pane.typeLine(commandLine.replacingOccurrences(of: "%@", with: binary))
        pane.waitFor("the first prompt") { $0.contains("Choose 1-4 [1]:") }
        try pane.typeLine("1")
        pane.waitFor("the alias prompt") { $0.contains("Alias:") }
        try pane.typeLine("logs")
        try pane.typeLine("lb.example.net:9443")
        try pane.typeLine("")
        pane.waitFor("the secret prompt") { $0.contains("API key (input hidden):") }
        try pane.typeLine("aWQxOmtleTE=")
        let screen = pane.waitFor("the CA prompt") { $0.contains("CA file:") }
        #expect(!screen.contains("aWQxOmtleTE="))
        try pane.keys("C-d")
        pane.waitFor("the end message") { $0.contains("Input ended; nothing was changed.") }
        pane.waitFor("the shell prompt") { TmuxPane.promptIsBack($0) }
    }
}
