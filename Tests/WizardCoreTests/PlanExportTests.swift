import Foundation
import RemoteClusterKit
import Testing

@testable import WizardCore

/// "Save as plan" writes what the engine's plan parser reads back, without secrets.
@Suite("Plan export")
struct PlanExportTests {
    static var answers: SetupAnswers {
        var answers = SetupAnswers()
        answers.remoteType = "eck"
        answers.remoteECKName = "logs"
        answers.remoteECKNamespace = "logs"
        answers.remoteECKContext = "remote-ctx"
        answers.proxyAddress = "lb.example.net:9443"
        answers.serverName = "logs-es-remote-cluster.logs.svc"
        answers.alias = "logs"
        answers.remoteURL = "https://logs.example.net:9200"
        answers.keyName = "central-to-logs"
        answers.searchPatterns = "logs-*, metrics-*"
        answers.replicationPatterns = "archive-*"
        answers.localName = "central"
        answers.localNamespace = "search"
        answers.localContext = "local-ctx"
        answers.localURL = "https://central.example.net:9200"
        answers.roleName = "logs-reader"
        answers.rolePatterns = "logs-*"
        return answers
    }

    @Test func thePlanParsesBackToTheSameSetup() throws {
        let yaml = PlanExport.yaml(Self.answers)
        #expect(
            yaml.hasPrefix(
                "# Made by remote-cluster-wizard. Secrets are not in this file: set LOCAL_PASSWORD and REMOTE_PASSWORD."
            ))
        let parsed = try Plan.parse(yaml: yaml, folder: URL(fileURLWithPath: "/"))
        let plan = parsed.plan
        #expect(plan.remotes.count == 1)
        let remote = try #require(plan.remotes.first)
        #expect(remote.setup.alias == "logs")
        #expect(remote.setup.type == .eck)
        #expect(remote.setup.proxyAddress == "lb.example.net:9443")
        #expect(remote.setup.serverName == "logs-es-remote-cluster.logs.svc")
        #expect(remote.setup.eck?.context == "remote-ctx")
        #expect(plan.local.eck.name == "central")
        #expect(plan.role?.name == "logs-reader")
    }

    @Test func noSecretIsWritten() {
        var answers = Self.answers
        answers.apiKeyMode = "paste"
        let yaml = PlanExport.yaml(answers)
        #expect(yaml.contains("encodedEnv: REMOTE_API_KEY"))
        #expect(!yaml.contains("password:"))
    }
}

/// A demo resumed with new simulated clusters starts at the first screen that changed them.
@Suite("Demo resume")
struct DemoResumeTests {
    @Test func resumesAtTheFirstChangeWithTheNewEndpoints() {
        var answers = PlanExportTests.answers
        answers.proxyAddress = "127.0.0.1:1111"
        let saved = SavedProgress(
            screen: .addRemote, answers: answers,
            applied: [
                AppliedChange(screen: .manifests, what: "Secret applied", place: "local"),
                AppliedChange(screen: .remotePreparation, what: "remote enabled", place: "remote"),
            ])
        var endpoints = SetupAnswers()
        endpoints.proxyAddress = "127.0.0.1:2222"
        let (progress, explanation) = DemoAnswers.resumable(saved, endpoints: endpoints)
        #expect(progress.screen == .remotePreparation)
        #expect(progress.applied.isEmpty)
        #expect(progress.answers.proxyAddress == "127.0.0.1:2222")
        #expect(progress.answers.alias == "logs")
        #expect(explanation?.contains("resumes at Prepare remote") == true)
        #expect(explanation?.contains("stopped at Add remote") == true)
    }
}
