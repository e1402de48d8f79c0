import Foundation
import RemoteClusterKit
import Testing
import WizardCore
import WizardTerminal
import WizardTestSupport

/// An engine call that never answers cannot freeze a screen: its deadline ends it with a message,
/// and Esc stops it (leaving a screen cancels its jobs too: see the router tests).
@Suite("Job deadlines on the screens")
struct JobDeadlineTests {
    func session() -> HeadlessSession<SetupWizard> {
        var answers = ScreenSnapshotTests.answers
        answers.alias = "logs"
        let configuration = WizardConfiguration(
            prefill: answers, prefilledSecrets: ScreenSnapshotTests.secrets,
            savedProgress: SavedProgress(screen: .connection, answers: answers))
        // No responder: every job waits for an answer that never comes.
        return HeadlessSession(program: SetupWizard(configuration), jobs: ScriptedJobs())
    }

    @Test func aPreflightThatNeverAnswersEndsAtItsDeadline() {
        let s = session()
        s.press(.character("r"))
        #expect(s.program.current == .connection)
        s.press(.enter, .enter, .enter, .enter)
        #expect(s.jobs.pending.count == 1)
        #expect(s.text.contains("Preflight: TLS handshake with lb.example.net:9443…"))
        // Keys still work while it runs: the help opens and closes.
        s.press(.function(1))
        #expect(s.program.isHelpOpen)
        s.press(.escape)
        s.advance(milliseconds: 45_000)
        #expect(s.jobs.pending.isEmpty)
        #expect(s.jobs.cancelled.count == 1)
        #expect(s.text.contains("The step did not finish within 45 s."), "\(s.text)")
        #expect(s.text.contains("Enter continue anyway"))
    }

    @Test func escStopsTheRunningPreflight() {
        let s = session()
        s.press(.character("r"))
        s.press(.enter, .enter, .enter, .enter)
        #expect(s.jobs.pending.count == 1)
        s.press(.escape)  // stops the preflight
        #expect(s.jobs.pending.isEmpty)
        #expect(s.jobs.cancelled.count == 1)
        s.press(.escape)  // back to the preparation
        #expect(s.program.current == .remotePreparation)
    }
}
