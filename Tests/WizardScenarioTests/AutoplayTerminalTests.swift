import RemoteClusterKit
import Testing
import WizardCore
import WizardTerminal

/// The autoplay driver on the headless terminal with a clock that moves only when the test says:
/// the pace between keys, typing at a sixteenth of it, any key taking over, Ctrl-C reaching the
/// wizard, and the state in the frame's bottom line.
@MainActor
@Suite struct AutoplayTerminalTests {
    final class Rig {
        let terminal = HeadlessTerminal(size: Size(width: 80, height: 24))
        let clock = ManualClock()
        let device: AutoplayTerminal
        let loop: ProgramLoop<SetupWizard>

        init(_ type: RemoteClusterType, pace: Int64) {
            let values = AutoplayValues(
                remoteClusterCAFile: "/certs/transport-ca.crt", restCAFile: "/certs/http-ca.crt",
                transportAddress: "127.0.0.1:9300", wrongServerName: "remote-es-http.default.svc")
            weak var running: ProgramLoop<SetupWizard>?
            device = AutoplayOptions(AutoplayPlan(type: type, values: values), paceMilliseconds: pace) { _ in }
                .terminal(wrapping: terminal, clock: clock, wizard: { running?.program })
            loop = ProgramLoop(
                program: SetupWizard(), terminal: device, clock: clock, files: InMemoryFileSystem(),
                jobs: ScriptedJobs<WizardJob, WizardReply>())
            running = loop
            loop.start()
            loop.runOnce(waitMilliseconds: 0)
        }

        var wizard: SetupWizard { loop.program }
        var bottomLine: String { terminal.lastDrawn.map { $0.text.components(separatedBy: "\n")[23] } ?? "" }

        /// Moves the clock on in 10 ms steps, running the loop, until `condition` holds; returns when.
        func advance(until condition: (Rig) -> Bool, limit: Int64 = 20_000) -> Moment? {
            var moved: Int64 = 0
            while !condition(self) {
                guard moved < limit else { return nil }
                clock.advance(milliseconds: 10)
                moved += 10
                loop.runOnce(waitMilliseconds: 0)
            }
            return clock.now
        }
    }

    @Test func keysComeAtThePace() {
        let rig = Rig(.ech, pace: 500)
        #expect(rig.wizard.current == .welcome)
        #expect(rig.bottomLine.contains("› autoplay · any key takes over"), "\(rig.bottomLine)")
        // The welcome screen is left to be read for two paces, then Enter.
        let left = rig.advance { $0.wizard.current == .remoteType }
        #expect(left == Moment(milliseconds: 1000))
        // A pace after Enter, one to read the list, Home, a pace, one to look, Enter.
        let chosen = rig.advance { $0.wizard.current == .remotePreparation }
        #expect(chosen == Moment(milliseconds: 3000))
        #expect(rig.wizard.context.answers.type == .ech)
    }

    @Test func typingGoesAtASixteenthOfThePace() {
        let rig = Rig(.ece, pace: 800)
        _ = rig.advance { $0.wizard.current == .remotePreparation }
        let caFile = { (rig: Rig) in
            (rig.wizard.screen as? RemotePreparationScreen)?.parts.form.answers.text("caFile") ?? ""
        }
        let first = rig.advance { caFile($0).count == 1 }
        let second = rig.advance { caFile($0).count == 2 }
        #expect(first != nil && second != nil)
        if let first, let second { #expect(second.milliseconds(since: first) == 50) }
        #expect(rig.advance { caFile($0) == "/certs/transport-ca.crt" } != nil)
    }

    @Test func aKeyTakesOverWithoutReachingTheWizard() {
        let rig = Rig(.ech, pace: 500)
        _ = rig.advance { $0.wizard.current == .remoteType }
        let highlighted = (rig.wizard.screen as? RemoteTypeScreen)?.list.highlighted
        rig.terminal.enqueue([.key(.down)])
        rig.loop.runOnce(waitMilliseconds: 0)
        #expect(!rig.device.isPlaying)
        #expect((rig.wizard.screen as? RemoteTypeScreen)?.list.highlighted == highlighted)
        #expect(rig.bottomLine.contains("you have control"), "\(rig.bottomLine)")
        // The script presses nothing more; the notice goes after three seconds.
        #expect(rig.advance(until: { _ in false }, limit: 5000) == nil)
        #expect(rig.wizard.current == .remoteType)
        #expect(!rig.bottomLine.contains("you have control") && !rig.bottomLine.contains("autoplay"))
        // From now on keys are the person's.
        rig.terminal.enqueue([.key(.down)])
        rig.loop.runOnce(waitMilliseconds: 0)
        #expect((rig.wizard.screen as? RemoteTypeScreen)?.list.highlighted == (highlighted ?? 0) + 1)
    }

    @Test func ctrlCTakesOverAndAsksToQuit() {
        let rig = Rig(.ech, pace: 500)
        rig.terminal.enqueue([.key(.control("c"))])
        rig.loop.runOnce(waitMilliseconds: 0)
        #expect(rig.device.badge == .handedOver)
        #expect(rig.wizard.dialog?.title == "Quit")
        rig.terminal.enqueue([.key(.control("c"))])
        rig.loop.runOnce(waitMilliseconds: 0)
        #expect(rig.loop.ending == .quit)
    }

    @Test func resizingDoesNotTakeOver() {
        let rig = Rig(.ech, pace: 500)
        rig.terminal.size = Size(width: 100, height: 30)
        rig.terminal.enqueue([.resize(Size(width: 100, height: 30))])
        rig.loop.runOnce(waitMilliseconds: 0)
        #expect(rig.device.isPlaying)
        #expect(rig.advance { $0.wizard.current == .remoteType } != nil)
    }
}
