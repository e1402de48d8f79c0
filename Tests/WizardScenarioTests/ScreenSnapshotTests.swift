import Foundation
import RemoteClusterKit
import Testing
import WizardCore
import WizardTerminal
import WizardTestSupport

/// Whole-screen snapshots of every screen, at 80x24 and 120x40, taken through the run loop on the
/// headless terminal with canned engine answers (`ScriptedEngine`).
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    static var answers: SetupAnswers {
        var answers = SetupAnswers()
        answers.remoteType = "eck"
        answers.remoteECKName = "logs"
        answers.remoteECKNamespace = "logs"
        answers.remoteECKContext = "remote-ctx"
        answers.proxyAddress = "lb.example.net:9443"
        answers.remoteURL = "https://logs.example.net:9200"
        answers.remoteHTTPCAFile = "certs/logs-http-ca.crt"
        answers.searchPatterns = "logs-*"
        answers.localName = "central"
        answers.localNamespace = "search"
        answers.localContext = "local-ctx"
        answers.localURL = "https://central.example.net:9200"
        answers.localHTTPCAFile = "certs/central-http-ca.crt"
        answers.manifestsDirectory = "out"
        return answers
    }

    static let secrets = SetupSecrets(remotePassword: Secret("remote-secret"), localPassword: Secret("local-secret"))

    func session(_ size: Size, saved: SavedProgress? = nil, connected: Bool = true) -> HeadlessSession<SetupWizard> {
        let configuration = WizardConfiguration(
            prefill: Self.answers, prefilledSecrets: Self.secrets, statePath: "state/progress.json",
            savedProgress: saved)
        return HeadlessSession(
            program: SetupWizard(configuration), size: size, files: InMemoryFileSystem(),
            jobs: ScriptedEngine.jobs(connected: connected))
    }

    func snap(
        _ session: HeadlessSession<SetupWizard>, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let size = session.terminal.size
        assertSnapshot(session.screen, named: "\(name)-\(size.width)x\(size.height)", sourceLocation: sourceLocation)
    }

    /// Presses Enter until the current screen changes (at most `limit` times).
    func enterUntilNextScreen(_ session: HeadlessSession<SetupWizard>, limit: Int = 20) {
        let start = session.program.current
        for _ in 0..<limit where session.program.current == start && session.program.dialog == nil {
            session.press(.enter)
        }
    }

    @Test(arguments: sizes)
    func theECKBranchScreenByScreen(size: Size) {
        let s = session(size)
        snap(s, "welcome")
        s.press(.enter)
        snap(s, "remote-type")
        s.press(.enter)
        snap(s, "prepare-eck-form")
        s.press(.enter, .enter, .enter, .enter)
        snap(s, "prepare-eck-review")
        s.press(.character("c"))
        snap(s, "prepare-eck-checked")
        s.press(.enter)
        #expect(s.program.current == .connection)
        #expect(s.program.context.answers.caFile == "out/logs-remote-ca.crt")
        snap(s, "connection-form")
        s.press(.enter, .enter, .enter, .enter)
        snap(s, "connection-preflight")
        s.press(.function(1))
        snap(s, "connection-help")
        s.press(.escape)
        s.press(.enter)
        #expect(s.program.current == .apiKey)
        snap(s, "api-key-form")
        for _ in 0..<11 { s.press(.enter) }
        snap(s, "api-key-review")
        s.press(.enter)
        snap(s, "api-key-created")
        s.press(.enter)
        #expect(s.program.current == .localCluster)
        snap(s, "local-cluster-form")
        for _ in 0..<7 { s.press(.enter) }
        snap(s, "local-cluster-checked")
        s.press(.enter)
        #expect(s.program.current == .manifests)
        snap(s, "manifests")
        s.press(.character("a"))
        snap(s, "manifests-applied")
        s.press(.enter)
        #expect(s.program.current == .addRemote)
        snap(s, "add-remote-form")
        s.press(.escape)
        snap(s, "back-over-applied")
        s.press(.character("n"))
        s.press(.enter, .enter)
        snap(s, "add-remote-review")
        s.press(.enter)
        snap(s, "add-remote-sent")
        s.press(.enter)
        #expect(s.program.current == .liveStatus)
        snap(s, "live-connected")
        s.press(.enter)
        #expect(s.program.current == .dataAccess)
        s.press(.enter)
        snap(s, "data-access")
        s.press(.enter)
        #expect(s.program.current == .role)
        snap(s, "role-form")
        s.press(.character("y"), .enter, .enter, .enter)
        snap(s, "role-review")
        s.press(.enter)
        s.press(.enter)
        #expect(s.program.current == .summary)
        snap(s, "summary")
        s.press(.character("q"))
        snap(s, "quit-dialog")
    }

    @Test(arguments: sizes)
    func liveStatusWhenNotConnectedShowsTheDiagnosis(size: Size) {
        var answers = Self.answers
        answers.alias = "logs"
        let applied = [
            AppliedChange(screen: .manifests, what: "Secret remote-api-keys applied", place: "local cluster")
        ]
        let s = session(
            size, saved: SavedProgress(screen: .liveStatus, answers: answers, applied: applied), connected: false)
        s.press(.character("r"))
        #expect(s.program.current == .liveStatus)
        snap(s, "live-not-connected")
    }

    @Test(arguments: sizes)
    func preparationOfTheOtherRemoteTypes(size: Size) {
        for type in ["ech", "ece", "self-managed"] {
            var answers = Self.answers
            answers.remoteType = type
            let s = session(size, saved: SavedProgress(screen: .remotePreparation, answers: answers))
            s.press(.character("r"))
            snap(s, "prepare-\(type)")
            s.press(.enter)
            snap(s, "prepare-\(type)-next")
        }
    }

    @Test(arguments: sizes)
    func welcomeOffersToResume(size: Size) {
        let s = session(size, saved: SavedProgress(screen: .apiKey, answers: Self.answers))
        snap(s, "welcome-resume")
    }
}
