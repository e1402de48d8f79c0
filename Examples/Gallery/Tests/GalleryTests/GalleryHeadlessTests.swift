import Foundation
import Testing
import WizardCore
import WizardTerminal
import WizardTestSupport

@testable import Gallery

/// Scripted runs of the widget gallery on the headless terminal: the same run loop as the real
/// terminal, a fake clock, and assertions after every step.
@Suite("Headless scenarios")
struct HeadlessScenarioTests {
    static let rows = [
        LiveTable.Row(["logs", "● connected", "proxy", "lb.example.net:9443", "18/18"], style: .success)
    ]

    func session(files: InMemoryFileSystem = InMemoryFileSystem()) -> HeadlessSession<Gallery> {
        HeadlessSession(program: Gallery(), files: files)
    }

    /// Fills the form with valid answers, from the remote-type list to the viewer.
    func fillForm(_ s: HeadlessSession<Gallery>) {
        s.press(.enter)
        s.type("logs")
        s.press(.enter)
        s.type("lb.example.net:9443")
        s.press(.enter, .enter)
        s.paste("aWQxOmtleTE=")
        s.press(.enter, .enter, .enter, .enter, .enter)
    }

    @Test func typingEditingAndValidationOnTheForm() {
        let s = session()
        #expect(s.text.contains("› Elastic Cloud Hosted (ECH)"))
        s.press(.enter)
        #expect(s.program.wizard.currentStep.id == "form")
        #expect(s.screen.text(row: 1).contains("Connection details"))
        s.type("logz")
        s.press(.backspace)
        s.type("s")
        #expect(
            s.screen.text(row: 3) == "│ Alias                logs                                                    │")
        #expect(s.screen.cursor == Point(column: 27, row: 3))
        s.press(.control("a"))
        #expect(s.screen.cursor == Point(column: 23, row: 3))
        s.press(.control("k"), .enter)
        #expect(
            s.screen.text(row: 4) == "│                      ✗ Alias is empty. Enter a short name such as            │")
        #expect(
            s.screen.text(row: 5)
                == "│                        \"central-logs\"; it becomes part of the keystore       │")
        s.press(.up)
        s.type("logs")
        #expect(!s.text.contains("Alias is empty"))
    }

    @Test func secretIsMaskedUntilCtrlR() {
        let s = session()
        s.press(.enter, .enter, .enter, .enter)
        #expect(s.program.wizard.currentStep.focusedField?.id == "apiKey")
        s.paste("aWQxOmtleTE=")
        #expect(s.text.contains("API key              ••••••••••••"))
        #expect(!s.text.contains("aWQxOmtleTE="))
        #expect(s.text.contains("^R show"))
        s.press(.control("r"))
        #expect(s.text.contains("API key              aWQxOmtleTE="))
        #expect(s.text.contains("^R hide"))
    }

    @Test func pathCompletionGoesThroughTheFileSystem() {
        let files = InMemoryFileSystem(files: [
            "certs/logs-ca.crt": TestCertificates.ca + "\n",
            "certs/logs-key.pem": "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n",
        ])
        let s = session(files: files)
        s.press(.enter, .enter, .enter, .enter, .enter)
        #expect(s.program.wizard.currentStep.focusedField?.id == "caFile")
        s.type("certs/l")
        s.press(PathField.completionKey)
        #expect(s.text.contains("CA file              certs/logs-"))
        #expect(s.text.contains("logs-ca.crt  logs-key.pem"))
        s.type("c")
        s.press(PathField.completionKey)
        #expect(s.text.contains("CA file              certs/logs-ca.crt"))
        #expect(s.text.contains("CN=Wizard Test CA · CA · expires 2126-11-05 (in "))
    }

    @Test func viewerScrollsAndSavesToAFile() {
        let files = InMemoryFileSystem()
        let s = session(files: files)
        fillForm(s)
        #expect(s.program.wizard.currentStep.id == "viewer")
        #expect(s.text.contains("1-15/46 ▼"))
        s.press(.pageDown)
        #expect(s.text.contains("15-29/46 ▼"))
        s.press(.end)
        #expect(s.text.contains("32-46/46 ▲"))
        s.press(.character("s"))
        #expect(s.text.contains("Save to: manifests.yaml"))
        #expect(s.text.contains("Enter save · Esc cancel · ^C quit"))
        s.press(.enter)
        #expect(s.text.contains("✓ Saved to manifests.yaml"))
        #expect(files.saved["manifests.yaml"]?.contents.contains("cluster.remote.logs.mode: proxy") == true)
        #expect(files.saved["manifests.yaml"]?.secret == false)
    }

    @Test func liveTableFollowsTheFakeClock() {
        let s = session()
        fillForm(s)
        s.press(.enter)
        #expect(s.program.wizard.currentStep.id == "live")
        #expect(s.jobs.pending == [.fetchStatus])
        #expect(s.text.contains("waiting for the first update"))
        s.advance(milliseconds: 250)
        #expect(s.text.contains("Fetching GET /_remote/info…"))
        s.answerJob(with: .status(Self.rows))
        #expect(s.text.contains("logs        ● connected     proxy  lb.example.net:9443"))
        #expect(s.text.contains("updated 0.0 s ago · every 1 s"))
        s.advance(milliseconds: 500)
        #expect(s.text.contains("updated 0.5 s ago"))
        #expect(s.jobs.pending.isEmpty)
        s.advance(milliseconds: 500)
        #expect(s.jobs.pending == [.fetchStatus])
        // One request in flight: time passes, no second request; the data turns stale after 4 s.
        s.advance(milliseconds: 3000)
        #expect(s.jobs.pending == [.fetchStatus])
        #expect(s.text.contains("│ updated 4.0 s ago"))
        s.advance(milliseconds: 1000)
        #expect(s.text.contains("⚠ stale: updated 5.0 s ago"))
        s.answerJob(with: .failed("GET /_remote/info timed out after 2 s (simulated)"))
        #expect(s.text.contains("✗ GET /_remote/info timed out after 2 s (simulated)"))
        #expect(s.text.contains("Retrying in 2 s (backing off after 1 failure)."))
        s.advance(milliseconds: 1999)
        #expect(s.jobs.pending.isEmpty)
        s.advance(milliseconds: 1)
        #expect(s.jobs.pending == [.fetchStatus])
        s.answerJob(with: .status(Self.rows))
        #expect(!s.text.contains("stale"))
    }

    @Test func staleRepliesAfterPauseAreDropped() {
        let s = session()
        fillForm(s)
        s.press(.enter)
        s.press(.character("p"))
        #expect(s.text.contains("Polling paused. Press p to resume."))
        s.answerJob(with: .status(Self.rows))
        // The answer to the request in flight still counts; nothing new is scheduled while paused.
        s.advance(milliseconds: 5000)
        #expect(s.jobs.pending.isEmpty)
        s.press(.character("p"))
        #expect(s.jobs.pending == [.fetchStatus])
    }

    @Test func resizeRedrawsAndTooSmallShowsAMessage() {
        let s = session()
        s.resize(to: Size(width: 40, height: 12))
        #expect(s.text.contains("Terminal too small: 40x12."))
        s.resize(to: Size(width: 120, height: 40))
        #expect(s.screen.size == Size(width: 120, height: 40))
        #expect(s.text.contains("› Remote type"))
        #expect(s.text.contains("Where does the remote cluster run?"))
    }

    @Test func quitAsksAndEndsTheLoop() {
        let s = session()
        s.press(.character("q"))
        #expect(s.text.contains("Quit the demo?"))
        s.press(.escape)
        #expect(!s.text.contains("Quit the demo?"))
        #expect(s.ended == nil)
        s.press(.character("q"), .left, .enter)
        #expect(s.ended == .quit)
    }

    @Test func aSignalEndsTheLoop() {
        let s = session()
        s.interrupt(signal: 15)
        #expect(s.ended == .signal(15))
    }

    @Test func drawsOnlyWhenTheScreenChanges() {
        let s = session()
        let frames = s.loop.framesDrawn
        s.press(.up)
        #expect(s.loop.framesDrawn == frames)
        s.press(.down)
        #expect(s.loop.framesDrawn == frames + 1)
    }
}

@Suite("Mailbox")
struct MailboxTests {
    @Test func collectsFromManyThreads() async {
        let mailbox = Mailbox<Int>()
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<100 { group.addTask { mailbox.post(n) } }
        }
        #expect(mailbox.drain().sorted() == Array(0..<100))
        #expect(mailbox.isEmpty)
    }

    @Test func asyncJobRepliesReachTheLoop() async {
        let terminal = HeadlessTerminal()
        let clock = ManualClock()
        let jobs = AsyncJobRunner<GalleryJob, GalleryReply> { _, _ in
            try? await Task.sleep(for: .milliseconds(10))
            return .failed("no cluster")
        }
        let loop = ProgramLoop(
            program: Gallery(), terminal: terminal, clock: clock, files: InMemoryFileSystem(), jobs: jobs)
        loop.start()
        // Drive the loop to the live step, where a request starts as a task.
        for key: Key in [
            .enter, .character("l"), .enter, .paste("lb.example.net:9443"), .enter,
            .enter, .paste("aWQxOmtleTE="), .enter, .enter, .enter, .enter, .enter, .enter,
        ] {
            terminal.enqueue([.key(key)])
            loop.runOnce(waitMilliseconds: 0)
        }
        #expect(loop.program.wizard.currentStep.id == "live")
        // Generous: on a loaded machine the task may wait long for a thread; a pass never waits for it.
        let deadline = ContinuousClock.now + .seconds(120)
        while loop.program.table.lastError == nil && ContinuousClock.now < deadline {
            loop.runOnce(waitMilliseconds: 0)
            // Waiting without holding a thread: the job's task needs one.
            try? await Task.sleep(for: .milliseconds(5))
        }
        #expect(loop.program.table.lastError == "no cluster")
    }
}
