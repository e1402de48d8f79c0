import RemoteClusterKit
import Testing
@testable import WizardCore

@Suite("Wizard model")
struct WizardTests {
    static let nameRequired = Validator.required("Name", fix: "Type a name.")

    func makeWizard() -> Wizard {
        Wizard(steps: [
            WizardStep(
                id: "kind", title: "Kind",
                fields: [
                    .choice(
                        "kind", "Kind",
                        options: [
                            ChoiceOption(id: "simple", title: "Simple"),
                            ChoiceOption(id: "detailed", title: "Detailed"),
                        ])
                ]),
            WizardStep(
                id: "details", title: "Details", fields: [.text("detail", "Detail")],
                isVisible: { $0.choice("kind") == "detailed" }),
            WizardStep(
                id: "name", title: "Name",
                fields: [
                    .text("name", "Name", validators: [Self.nameRequired]),
                    .text(
                        "port", "Port", value: "9443",
                        validators: [
                            .text {
                                Int($0) == nil
                                    ? [
                                        FieldProblem(
                                            field: "Port", problem: "\"\($0)\" is not a number",
                                            fix: "Type a port such as 9443.")
                                    ]
                                    : []
                            }
                        ]),
                ]),
        ])
    }

    func press(_ wizard: inout Wizard, _ keys: Key...) -> [Wizard.Outcome] {
        var tokens = TokenSource()
        return keys.map { wizard.handle($0, tokens: &tokens).0 }
    }

    @Test func hiddenStepIsSkippedForwardAndBack() {
        var wizard = makeWizard()
        #expect(wizard.progress == StepProgress(1, of: 2))
        #expect(press(&wizard, .enter) == [.movedForward])
        #expect(wizard.currentStep.id == "name")
        #expect(wizard.progress == StepProgress(2, of: 2))
        #expect(press(&wizard, .escape) == [.movedBack])
        #expect(wizard.currentStep.id == "kind")
        #expect(press(&wizard, .escape) == [.atStart])
    }

    @Test func choosingTheOtherBranchShowsTheStep() {
        var wizard = makeWizard()
        _ = press(&wizard, .down)
        #expect(wizard.progress == StepProgress(1, of: 3))
        #expect(press(&wizard, .enter) == [.movedForward])
        #expect(wizard.currentStep.id == "details")
        #expect(wizard.rail.map(\.state) == [.done, .current, .upcoming])
    }

    @Test func validationBlocksNextAndShowsTheProblemUnderTheField() {
        var wizard = makeWizard()
        _ = press(&wizard, .enter)
        #expect(press(&wizard, .enter, .enter) == [.handled, .blocked])
        #expect(wizard.currentStep.id == "name")
        #expect(wizard.currentStep.focus == 0)
        #expect(wizard.currentStep.fields[0].problems.map(\.displayMessage) == ["Name is empty. Type a name."])
        var buffer = ScreenBuffer(size: Size(width: 50, height: 6))
        FormView.render(wizard.currentStep, into: &buffer, rect: buffer.bounds, theme: .unicode)
        #expect(buffer.text(row: 1) == "      ✗ Name is empty. Type a name.")
        // Fixing the field clears the message as soon as it is typed.
        _ = press(&wizard, .character("x"))
        #expect(wizard.currentStep.fields[0].problems.isEmpty)
        #expect(
            press(&wizard, .down, .control("u"), .character("z"), .enter) == [.handled, .handled, .handled, .blocked])
        #expect(wizard.currentStep.focus == 1)
        #expect(wizard.currentStep.fields[1].problems.first?.problem == "\"z\" is not a number")
    }

    @Test func leavingAFieldValidatesIt() {
        var wizard = makeWizard()
        _ = press(&wizard, .enter, .tab)
        #expect(wizard.currentStep.focus == 1)
        #expect(!wizard.currentStep.fields[0].problems.isEmpty)
    }

    @Test func backNeverLosesAnswers() {
        var wizard = makeWizard()
        _ = press(&wizard, .down, .enter, .character("d"), .enter)
        #expect(wizard.currentStep.id == "name")
        _ = press(&wizard, .character("n"), .escape, .escape)
        #expect(wizard.currentStep.id == "kind")
        let answers = wizard.answers
        #expect(answers.choice("kind") == "detailed")
        #expect(answers.text("detail") == "d")
        #expect(answers.text("name") == "n")
        // Switching branch hides the step but keeps its answer for when it comes back.
        _ = press(&wizard, .up, .enter)
        #expect(wizard.currentStep.id == "name")
        #expect(wizard.answers.text("detail") == "d")
    }

    @Test func warningsShowButDoNotBlock() {
        var wizard = Wizard(steps: [
            WizardStep(
                id: "address", title: "Address",
                fields: [
                    .text(
                        "proxy", "Proxy address", value: "lb.example.net:9200",
                        validators: [
                            .text { value in
                                value.hasSuffix(":9200")
                                    ? [
                                        FieldProblem(
                                            field: "Proxy address", problem: "port 9200 is the REST port",
                                            fix: "Use the remote cluster server port, 9443.", severity: .warning)
                                    ]
                                    : []
                            }
                        ])
                ]),
            WizardStep(id: "next", title: "Next"),
        ])
        #expect(wizard.next() == .movedForward)
        #expect(wizard.steps[0].fields[0].problems.map(\.severity) == [.warning])
        _ = wizard.back()
        var buffer = ScreenBuffer(size: Size(width: 70, height: 3))
        FormView.render(wizard.currentStep, into: &buffer, rect: buffer.bounds, theme: .ascii)
        #expect(buffer.text(row: 1) == "               [!] Proxy address port 9200 is the REST port. Use the")
        #expect(buffer.text(row: 2) == "                   remote cluster server port, 9443.")
        #expect(buffer[15, 1].style == .warning)
    }

    @Test func finishedOnTheLastStep() {
        var wizard = makeWizard()
        #expect(
            press(&wizard, .enter, .character("n"), .enter, .enter) == [.movedForward, .handled, .handled, .finished])
    }

    @Test func footerKeysFollowTheFocusedControl() {
        var wizard = makeWizard()
        #expect(wizard.keyHints == [KeyHint("↑↓", "choose"), KeyHint("Enter", "continue")])
        _ = press(&wizard, .enter)
        #expect(wizard.keyHints == [KeyHint("Tab/Enter", "next field"), KeyHint("Esc", "back")])
        #expect(wizard.focusTakesText)
        // Enter does what the footer said: next field first, then (on the last field) finish.
        _ = press(&wizard, .character("x"))
        #expect(press(&wizard, .enter) == [.handled])
        #expect(wizard.currentStep.focusedField?.id == "port")
        #expect(wizard.keyHints == [KeyHint("Enter", "finish"), KeyHint("Esc", "back")])
        #expect(press(&wizard, .enter) == [.finished])
    }

    @Test func fittingTellsOneLineControlsTheirWidth() {
        var wizard = Wizard(steps: [
            WizardStep(
                id: "one", title: "One",
                fields: [
                    .text("name", "Name"), .secret("key", "API key"), .path("ca", "CA file"), .confirm("ok", "OK"),
                ])
        ])
        wizard.fitFields(toBodyWidth: 40)
        let width = FormView.controlWidth(for: wizard.currentStep, bodyWidth: 40)
        #expect(width == 31)
        guard case .text(let text) = wizard.field("name")?.control,
            case .secret(let secret) = wizard.field("key")?.control,
            case .path(let path) = wizard.field("ca")?.control
        else {
            Issue.record("unexpected controls")
            return
        }
        #expect([text.visibleWidth, secret.field.visibleWidth, path.field.visibleWidth] == [width, width, width])
    }

    @Test func tabMovesOnFromAPathFieldAndCtrlTCompletes() {
        var wizard = Wizard(steps: [
            WizardStep(id: "ca", title: "CA", fields: [.path("ca", "CA file"), .text("name", "Name")])
        ])
        #expect(wizard.keyHints == [KeyHint("^T", "complete"), KeyHint("Tab/Enter", "next field")])
        var tokens = TokenSource()
        let (outcome, effects) = wizard.handle(PathField.completionKey, tokens: &tokens)
        #expect(outcome == .handled)
        #expect(effects == [.listDirectory(path: ".", token: Token(1))])
        #expect(wizard.handle(.tab, tokens: &tokens).0 == .handled)
        #expect(wizard.currentStep.focusedField?.id == "name")
    }
}

@Suite("Live poll schedule")
struct LivePollScheduleTests {
    @Test func oneRequestInFlightAndTimerTokens() {
        var policy = LivePollSchedule(timerID: "poll", intervalMilliseconds: 1000)
        var tokens = TokenSource()
        #expect(policy.start(tokens: &tokens) == [.fetch(Token(1))])
        // Refresh while in flight: queued, not a second request.
        #expect(policy.refreshNow(tokens: &tokens) == [])
        let (accepted, actions) = policy.completed(token: Token(1), success: true, tokens: &tokens)
        #expect(accepted)
        #expect(actions == [.fetch(Token(2))])
        #expect(
            policy.completed(token: Token(2), success: true, tokens: &tokens).1
                == [.schedule(token: Token(3), afterMilliseconds: 1000)])
        #expect(policy.timerFired(token: Token(99), tokens: &tokens) == [])
        #expect(policy.timerFired(token: Token(3), tokens: &tokens) == [.fetch(Token(4))])
        #expect(policy.completed(token: Token(1), success: true, tokens: &tokens).accepted == false)
    }

    @Test func failuresBackOffAndSuccessResets() {
        var policy = LivePollSchedule(timerID: "poll", intervalMilliseconds: 1000, maximumBackoffMilliseconds: 5000)
        var tokens = TokenSource()
        var token = policy.start(tokens: &tokens)
        var delays: [Int64] = []
        for _ in 0..<4 {
            guard case .fetch(let t) = token.first else { Issue.record("no fetch"); return }
            let (_, actions) = policy.completed(token: t, success: false, tokens: &tokens)
            guard case .schedule(let timer, let after) = actions.first else { Issue.record("no schedule"); return }
            delays.append(after)
            token = policy.timerFired(token: timer, tokens: &tokens)
        }
        #expect(delays == [2000, 4000, 5000, 5000])
        guard case .fetch(let t) = token.first else { Issue.record("no fetch"); return }
        #expect(
            policy.completed(token: t, success: true, tokens: &tokens).1.first
                == .schedule(token: Token(10), afterMilliseconds: 1000))
    }

    @Test func pauseStopsPollingAndResumeFetches() {
        var policy = LivePollSchedule(timerID: "poll", intervalMilliseconds: 1000)
        var tokens = TokenSource()
        _ = policy.start(tokens: &tokens)
        _ = policy.completed(token: Token(1), success: true, tokens: &tokens)
        policy.pause()
        #expect(policy.timerFired(token: Token(2), tokens: &tokens) == [])
        #expect(policy.refreshNow(tokens: &tokens) == [])
        #expect(policy.resume(tokens: &tokens) == [.fetch(Token(3))])
        // An answer arriving while paused schedules nothing.
        policy.pause()
        let answer = policy.completed(token: Token(3), success: true, tokens: &tokens)
        #expect(answer.accepted)
        #expect(answer.1.isEmpty)
    }
}
