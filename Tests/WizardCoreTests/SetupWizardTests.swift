import Foundation
import RemoteClusterKit
import Testing
import WizardTestSupport

@testable import WizardCore

/// The router: flow, help, quitting, saving progress, resuming, and jobs cancelled on leave,
/// driven by messages with exact effects.
@Suite("Setup wizard router")
struct SetupWizardTests {
    static let statePath = "/state/wizard-progress.json"

    static var answers: SetupAnswers {
        var answers = SetupAnswers()
        answers.remoteType = "eck"
        answers.remoteECKName = "logs"
        answers.remoteECKContext = "remote-ctx"
        answers.proxyAddress = "lb.example.net:9443"
        answers.alias = "logs"
        answers.localName = "central"
        answers.localContext = "local-ctx"
        answers.localURL = "https://central.example.net:9200"
        return answers
    }

    /// A wizard resumed at `screen` with the answers above.
    /// The local cluster got the key already, and the password is known, so a resume stays there.
    static let applied = [AppliedChange(screen: .manifests, what: "Secret applied", place: "local cluster")]
    static let passwords = SetupSecrets(remotePassword: Secret("remote-pw-1"), localPassword: Secret("local-pw-1"))

    static func wizard(at screen: ScreenID, secrets: SetupSecrets = passwords) -> (SetupWizard, [Effect<WizardJob>]) {
        var wizard = SetupWizard(
            WizardConfiguration(
                prefilledSecrets: secrets, statePath: statePath,
                savedProgress: SavedProgress(screen: screen, answers: answers, applied: applied)))
        _ = wizard.update(.resize(Size(width: 80, height: 24)))
        _ = wizard.start(now: .zero)
        let effects = wizard.update(.key(.character("r")))
        return (wizard, effects)
    }

    @Test func welcomeThenRemoteTypeWithTheStepShown() {
        var wizard = SetupWizard(WizardConfiguration(statePath: Self.statePath))
        _ = wizard.update(.resize(Size(width: 80, height: 24)))
        #expect(wizard.current == .welcome)
        let effects = wizard.update(.key(.enter))
        #expect(wizard.current == .remoteType)
        // The progress is saved when a step is entered.
        #expect(effects.count == 1)
        guard case .saveFile(let path, let contents, let secret, _)? = effects.first else {
            Issue.record("no save: \(effects)")
            return
        }
        #expect(path == Self.statePath)
        #expect(!secret)
        #expect(SavedProgress.decode(contents)?.screen == .remoteType)
        let screen = render(wizard, width: 80, height: 24)
        #expect(screen.text(row: 0).hasSuffix("─ 1/11 ─┐"))
        #expect(screen.text(row: 22).contains("↑↓ choose · Enter continue · Esc back · F1 help · q quit"))
    }

    @Test func helpOpensOnF1AndQuestionMarkAndClosesWithEsc() {
        var (wizard, _) = Self.wizard(at: .remoteType)
        _ = wizard.update(.key(.function(1)))
        #expect(wizard.isHelpOpen)
        let screen = render(wizard, width: 80, height: 24).text
        #expect(screen.contains("Help: Remote type"))
        #expect(screen.contains("Elastic Cloud Hosted: the remote cluster server is already"))
        #expect(screen.contains("↑↓ scroll · Esc close help"))
        _ = wizard.update(.key(.escape))
        #expect(!wizard.isHelpOpen)
        #expect(wizard.current == .remoteType)
        _ = wizard.update(.key(.character("?")))
        #expect(wizard.isHelpOpen)
    }

    @Test func questionMarkAndQTypeIntoTextFields() {
        var (wizard, _) = Self.wizard(at: .connection)
        #expect(wizard.screen.takesText)
        _ = wizard.update(.key(.character("?")))
        _ = wizard.update(.key(.character("q")))
        #expect(!wizard.isHelpOpen)
        #expect(wizard.dialog == nil)
        #expect((wizard.screen as? ConnectionScreen)?.form.answers.text("proxyAddress") == "lb.example.net:9443?q")
        // F1 opens the help there too.
        _ = wizard.update(.key(.function(1)))
        #expect(wizard.isHelpOpen)
    }

    @Test func quitAsksAndASecondCtrlCQuitsAtOnce() {
        var (wizard, _) = Self.wizard(at: .remoteType)
        _ = wizard.update(.key(.character("q")))
        #expect(wizard.dialog?.title == "Quit")
        // "Stay" is focused: a stray Enter keeps the wizard open.
        #expect(wizard.update(.key(.enter)) == [])
        #expect(wizard.dialog == nil)
        #expect(wizard.update(.key(.control("c"))) == [])
        #expect(wizard.dialog?.message.contains("1 change was already applied and stays.") == true)
        #expect(wizard.update(.key(.control("c"))) == [.quit])
    }

    @Test func escOnTheFirstScreenAsksToQuit() {
        var wizard = SetupWizard()
        _ = wizard.update(.resize(Size(width: 80, height: 24)))
        _ = wizard.update(.key(.escape))
        #expect(wizard.dialog?.title == "Quit")
    }

    @Test func resumeGoesWhereTheRunStoppedWithTheAnswers() {
        let saved = SavedProgress(screen: .apiKey, answers: Self.answers)
        var wizard = SetupWizard(WizardConfiguration(statePath: Self.statePath, savedProgress: saved))
        _ = wizard.update(.resize(Size(width: 80, height: 24)))
        let welcome = render(wizard, width: 80, height: 24).text
        #expect(welcome.contains("⚠ An interrupted setup was found (ECK remote, alias logs); it resumes at API"))
        #expect(welcome.contains("r resume · Enter start new"))
        _ = wizard.update(.key(.character("r")))
        #expect(wizard.current == .apiKey)
        #expect(wizard.context.answers == Self.answers)
    }

    @Test func secretsNeverReachTheStateFile() {
        let secrets = SetupSecrets(
            remotePassword: Secret("remote-pw-1234"), localPassword: Secret("local-pw-5678"),
            encodedKey: Secret("ZW5jb2RlZDprZXk="))
        var (wizard, _) = Self.wizard(at: .localCluster, secrets: secrets)
        // Through every field to the check; the save on leaving carries no secret.
        var saves: [String] = []
        for _ in 0..<8 {
            for effect in wizard.update(.key(.enter)) {
                if case .saveFile(_, let contents, _, _) = effect { saves.append(contents) }
            }
        }
        _ = wizard.update(.key(.escape))
        for effect in wizard.update(.key(.escape)) {
            if case .saveFile(_, let contents, _, _) = effect { saves.append(contents) }
        }
        #expect(!saves.isEmpty)
        for contents in saves {
            #expect(!contents.contains("remote-pw-1234") && !contents.contains("local-pw-5678"))
            #expect(!contents.contains("ZW5jb2RlZDprZXk="))
        }
    }

    @Test func aResumeWithoutTheKeyOrAPasswordStartsWhereTheyAreAsked() {
        var saved = SavedProgress(screen: .liveStatus, answers: Self.answers)
        #expect(SetupFlow.resumeScreen(saved, secrets: Self.passwords).0 == .apiKey)
        saved.applied = Self.applied
        #expect(SetupFlow.resumeScreen(saved, secrets: Self.passwords) == (.liveStatus, nil))
        let (screen, note) = SetupFlow.resumeScreen(saved, secrets: SetupSecrets())
        #expect(screen == .localCluster)
        #expect(note == "Passwords are never saved: give the local cluster's password again.")
    }

    @Test func leavingAScreenCancelsItsJobs() {
        var (wizard, effects) = Self.wizard(at: .liveStatus)
        guard
            let token = effects.compactMap({ effect -> Token? in
                if case .run(.observe, let token, _) = effect { return token }
                return nil
            }).first
        else {
            Issue.record("the live screen did not ask for the status: \(effects)")
            return
        }
        #expect(wizard.jobOwners[token] == .liveStatus)
        let back = wizard.update(.key(.escape))
        #expect(wizard.current == .addRemote)
        #expect(back.contains(.cancel(token)))
        #expect(wizard.jobOwners[token] == nil)
    }

    @Test func aChangedRemoteTypeRemakesTheLaterScreens() {
        var (wizard, _) = Self.wizard(at: .remoteType)
        _ = wizard.update(.key(.enter))
        #expect((wizard.screen as? RemotePreparationScreen)?.parts.form.step.fields.map(\.id).first == "remoteECKName")
        _ = wizard.update(.key(.escape))
        _ = wizard.update(.key(.down))
        _ = wizard.update(.key(.enter))
        #expect(wizard.context.answers.remoteType == "self-managed")
        #expect((wizard.screen as? RemotePreparationScreen)?.parts.form.step.fields.map(\.id) == ["selfManagedHosts"])
    }

    @Test func plainViewOfAScreenHasItsHeadingAndPrompt() {
        let (wizard, _) = Self.wizard(at: .remoteType)
        let view = wizard.plainView
        #expect(view.heading == "Step 1 of 11: Remote type")
        guard case .field(let field) = view.prompt, case .choice(let options, let selected) = field.kind else {
            Issue.record("not a choice: \(view.prompt)")
            return
        }
        #expect(options.map(\.id) == ["ech", "ece", "eck", "self-managed"])
        #expect(selected == 2)
    }
}
