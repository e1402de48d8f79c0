import Foundation
import Testing

/// A screen autoplay can stop at: its `--autoplay-until` name, its name in the progress file, and
/// its name in the step rail (which the autoplay line uses).
struct StopScreen: Sendable, Hashable, CustomStringConvertible {
    var option: String
    var saved: String
    var shortTitle: String
    var description: String { option }

    static let all = [
        StopScreen(option: "welcome", saved: "welcome", shortTitle: "Welcome"),
        StopScreen(option: "remote-type", saved: "remoteType", shortTitle: "Remote type"),
        StopScreen(option: "remote-preparation", saved: "remotePreparation", shortTitle: "Prepare remote"),
        StopScreen(option: "connection", saved: "connection", shortTitle: "Connection"),
        StopScreen(option: "api-key", saved: "apiKey", shortTitle: "API key"),
        StopScreen(option: "local-cluster", saved: "localCluster", shortTitle: "Local cluster"),
        StopScreen(option: "manifests", saved: "manifests", shortTitle: "Manifests"),
        StopScreen(option: "add-remote", saved: "addRemote", shortTitle: "Add remote"),
        StopScreen(option: "live-status", saved: "liveStatus", shortTitle: "Live status"),
        StopScreen(option: "data-access", saved: "dataAccess", shortTitle: "Data access"),
        StopScreen(option: "role", saved: "role", shortTitle: "Role"),
        StopScreen(option: "summary", saved: "summary", shortTitle: "Summary"),
    ]

    static func named(_ option: String) -> StopScreen { all.first { $0.option == option }! }
}

/// A run killed with SIGKILL on a screen, and where the next run resumes.
struct KilledRun: Sendable, CustomStringConvertible {
    var type: String
    var killedOn: StopScreen
    /// The screen the resumed run shows: where it stopped, or, when the new simulated clusters lack
    /// what the killed run changed on them, the first screen that changed something.
    var resumesOn: StopScreen
    var resumedTitle: String
    var description: String { "\(type) killed on \(killedOn)" }

    static let cases = [
        KilledRun(
            type: "ech", killedOn: .named("connection"), resumesOn: .named("connection"),
            resumedTitle: "Connection details"),
        KilledRun(
            type: "ece", killedOn: .named("api-key"), resumesOn: .named("api-key"),
            resumedTitle: "Cross-cluster API key"),
        // The key was made on the remote of the killed run: the new one has to make it again.
        KilledRun(
            type: "ech", killedOn: .named("manifests"), resumesOn: .named("api-key"),
            resumedTitle: "Cross-cluster API key"),
    ]
}

/// The demo interrupted: Ctrl-C on every screen, SIGKILL and resume, Ctrl-C while autoplay plays,
/// and resizing during the live view. Each case checks that the terminal settings are as before
/// (`stty -g`) and that the progress file is intact.
@Suite("demo interrupted under tmux")
struct InterruptionEndToEndTests {
    @Test(arguments: StopScreen.all)
    func ctrlCTwiceQuitsOnEveryScreen(screen: StopScreen) async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        try await DemoPane.with(.small) { demo in
            try demo.start("--autoplay --type ech --autoplay-delay 0 --autoplay-until \(screen.option)")
            await demo.waitFor("autoplay stopped at \(screen.shortTitle)")
            try await demo.quitWithCtrlC()
            if screen.option == "welcome" {
                // Nothing is saved before the first step.
                #expect(!FileManager.default.fileExists(atPath: demo.progressPath))
            } else {
                #expect(demo.savedScreen == screen.saved, "progress file: \(String(describing: demo.progress()))")
                if !["welcome", "remote-type"].contains(screen.option) {
                    #expect((demo.progress()?["answers"] as? [String: Any])?["remoteType"] as? String == "ech")
                }
            }
        }
    }

    @Test(arguments: KilledRun.cases)
    func resumesAfterSIGKILL(run: KilledRun) async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        try await DemoPane.with(.large) { demo in
            try demo.start("--autoplay --type \(run.type) --autoplay-delay 0 --autoplay-until \(run.killedOn.option)")
            await demo.waitFor("autoplay stopped at \(run.killedOn.shortTitle)")
            #expect(kill(try await demo.demoPID(), SIGKILL) == 0)
            #expect(await demo.waitForEnd().status == 137)
            // The progress file was written whole before the kill.
            #expect(demo.savedScreen == run.killedOn.saved, "progress file: \(String(describing: demo.progress()))")
            // The killed program could not give the terminal back; do it as a person would.
            try demo.pane.typeLine("stty \"$S0\"; tput rmcup")

            try demo.start("")
            await demo.waitFor("it resumes at \(run.resumesOn.shortTitle)", "r resume")
            try demo.keys("r")
            let screen = await demo.waitFor(run.resumedTitle, "F1 help")
            demo.expectFullFrame(screen)
            #expect(screen.contains(AutoplayEndToEndTests.branch(run.type)), "\(screen)")
            try await demo.quitWithCtrlC()
            #expect(demo.savedScreen == run.resumesOn.saved)
        }
    }

    @Test func ctrlCWhileAutoplayPlaysAsksToQuit() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        try await DemoPane.with(.small) { demo in
            // Each screen stays 2 s: at 400 ms a loaded run looked for the connection screen
            // between two of its looks and found the live status instead.
            try demo.start("--autoplay --type ech --autoplay-delay 2000")
            await demo.waitFor("Connection details", "autoplay · any key takes over")
            try demo.keys("C-c")
            let screen = await demo.waitForHandOver("Quit the wizard?")
            #expect(screen.contains("Connection details"))
            try demo.keys("C-c")
            let end = await demo.waitForEnd()
            #expect(end.status == 0 && end.sameTerminal, "\(end)")
            #expect(demo.savedScreen == "connection")
        }
    }

    @Test func resizingDuringTheLiveView() async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        try await DemoPane.with(PaneSize(width: 100, height: 30)) { demo in
            try demo.start("--autoplay --type ech --autoplay-delay 0")
            await demo.waitFor("autoplay finished", "● CONNECTED")
            for size in [PaneSize.small, .large, PaneSize(width: 60, height: 18), PaneSize(width: 100, height: 30)] {
                try demo.pane.resize(width: size.width, height: size.height)
                let screen = await demo.waitFor("the live view at \(size)") { screen in
                    let lines = screen.components(separatedBy: "\n").filter { !$0.isEmpty }
                    return lines.count == size.height && lines.first?.count == size.width
                        && screen.contains("● CONNECTED") && screen.contains("autoplay finished")
                }
                demo.expectFullFrame(screen, size: size)
            }
            try demo.pane.resize(width: 50, height: 15)
            await demo.waitFor("Terminal too small: 50x15.")
            try demo.pane.resize(width: 80, height: 24)
            let back = await demo.waitFor("the live view again") {
                $0.contains("● CONNECTED") && $0.contains("updated")
            }
            demo.expectFullFrame(back, size: .small)
            // Still refreshing: the age of the last look changes.
            let age = { (screen: String) in screen.components(separatedBy: "\n").first { $0.contains("updated") } }
            await demo.waitFor("the next refresh") { age($0) != age(back) && $0.contains("● CONNECTED") }
            try demo.keys("x")
            await demo.waitForHandOver()
            try await demo.quitWithQ()
        }
    }
}
