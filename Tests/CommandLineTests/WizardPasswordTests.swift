import CommandLineSupport
import Foundation
import Testing
import WizardCore

/// The wizard takes the local cluster's password from ES_PASSWORD (or ELASTIC_PASSWORD): a run
/// resumed past the local cluster screen goes back to where it stopped instead of asking for the
/// password again (answers are saved, passwords never). Line-prompt mode, the real binary.
@Suite struct WizardPasswordTests {
    /// A state folder holding a run interrupted on the live status screen, after the key was applied.
    static func stateFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wizard-state-\(UUID().uuidString)")
        let progressFolder = folder.appendingPathComponent("remote-cluster-wizard")
        try FileManager.default.createDirectory(at: progressFolder, withIntermediateDirectories: true)
        var answers = SetupAnswers()
        answers.remoteType = "eck"
        answers.remoteECKName = "logs"
        answers.remoteECKContext = "remote-ctx"
        answers.proxyAddress = "127.0.0.1:9443"
        answers.alias = "logs"
        answers.localName = "central"
        answers.localContext = "local-ctx"
        // Nothing listens there: the live screen reports that it cannot ask, which is enough here.
        answers.localURL = "https://127.0.0.1:1"
        let progress = SavedProgress(
            screen: .liveStatus, answers: answers,
            applied: [AppliedChange(screen: .manifests, what: "Secret applied", place: "local cluster")])
        try progress.encoded().write(
            to: progressFolder.appendingPathComponent("wizard-progress.json"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Runs `wizard --plain`, answers "r" (resume) and then ends its input; returns what it printed
    /// (standard output, then standard error).
    static func resume(environment: [String: String]) async throws -> String {
        let folder = try stateFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Pipe()
        let run = try WizardProcess(
            ["wizard", "--plain", "--ascii"],
            environment: ["XDG_STATE_HOME": folder.path].merging(environment) { $1 }, input: input)
        input.fileHandleForWriting.write(Data("r\n".utf8))
        try input.fileHandleForWriting.close()
        let finished = try await run.finish(timeout: 60)
        return finished.standardOutput + finished.standardError
    }

    @Test func withESPasswordAResumedRunGoesBackToTheLiveStatus() async throws {
        let text = try await Self.resume(environment: ["ES_PASSWORD": "local-pw-5678"])
        #expect(text.contains("Live status of logs"))
        #expect(!text.contains("give the local cluster's password again"))
        #expect(!text.contains("local-pw-5678"))
    }

    @Test func withElasticPasswordOnlyItIsReadToo() async throws {
        let text = try await Self.resume(environment: ["ELASTIC_PASSWORD": "local-pw-5678"])
        #expect(text.contains("Live status of logs"))
    }

    @Test func withoutAPasswordTheResumedRunAsksForItOnTheLocalClusterScreen() async throws {
        let text = try await Self.resume(environment: [:])
        #expect(text.contains("Passwords are never saved: give the local cluster's password again."))
        #expect(!text.contains("Live status of logs"))
    }

    @Test func aPasswordOfSeveralLinesIsLeftOutWithAWarning() async throws {
        let text = try await Self.resume(environment: ["ES_PASSWORD": "line one\nline two"])
        #expect(text.contains("warning: ES_PASSWORD"))
        #expect(text.contains("give the local cluster's password again"))
        #expect(!text.contains("line two"))
    }
}
