import Foundation
import RemoteClusterKit
import Testing

/// How `apply` and `undo` print the engine's events, as text and as JSON lines.
@Suite struct SetupEventFormatTests {
    static let key = SetupStepID(.apiKey, alias: "eu")

    @Test func aFinishedStepIsOneLineWithItsNumberAndOutcome() {
        let done = SetupEvent(
            step: Self.key, title: "Create or reuse the cross-cluster API key",
            kind: .finished(.done(changes: ["created key k (id1) on eu"])))
        #expect(
            SetupEventFormat.line(for: done, symbols: .ascii)
                == "[eu] 4/9 Create or reuse the cross-cluster API key: [ok] done: created key k (id1) on eu")
        let local = SetupEvent(
            step: SetupStepID(.localCluster, alias: "ignored"), title: "Configure the local ECK cluster",
            kind: .finished(.alreadyDone("nothing to change")))
        #expect(
            SetupEventFormat.line(for: local, symbols: .ascii)
                == "[local] 5/9 Configure the local ECK cluster: [ok] already done: nothing to change")
        #expect(
            SetupEventFormat.line(for: SetupEvent(step: Self.key, title: "t", kind: .started), symbols: .ascii) == nil)
        #expect(
            SetupEventFormat.progressLine(for: SetupEvent(step: Self.key, title: "t", kind: .progress("waiting")))
                == "[eu] 4/9 waiting")
    }

    @Test func aFailureCarriesItsDiagnosisInJSON() throws {
        let diagnosis = Diagnosis(
            cause: .invalidKey, summary: "The remote does not accept the key.",
            evidence: "unable to authenticate user [x]", fix: "Re-issue it.")
        let event = SetupEvent(step: Self.key, title: "t", kind: .finished(.failed(diagnosis)))
        let json = SetupEventFormat.json(for: event)
        #expect(json["step"] == "apiKey")
        #expect(json["number"] == 4)
        #expect(json["alias"] == "eu")
        #expect(json["event"] == "finished")
        #expect(json[path: ["outcome", "result"]] == "failed")
        #expect(json[path: ["outcome", "diagnosis", "cause"]] == "invalidKey")
        #expect(json[path: ["outcome", "diagnosis", "catalogue_row"]] == 11)
        #expect(json[path: ["outcome", "diagnosis", "fix"]] == "Re-issue it.")
        #expect(try JSONValue.parse(json.jsonString()) == json, "one line of valid JSON")
        #expect(!json.jsonString().contains("\n"))
    }

    @Test func theSummarySaysWhereEachRemoteStopped() {
        let diagnosis = Diagnosis(cause: .transportPort, summary: "Wrong port.", fix: "Use 9443.")
        let context = SetupContext(
            local: LocalClusterTarget(
                eck: ECKClusterReference(name: "l", namespace: "n"),
                endpoint: ClusterEndpoint(baseURL: "https://l:9200")),
            remotes: [])
        let report = SetupReport(
            context: context, results: [],
            remotes: [
                RemoteRunSummary(alias: "a", connected: true, stoppedAt: nil, diagnosis: nil, confirmation: nil),
                RemoteRunSummary(
                    alias: "b", connected: false, stoppedAt: SetupStepID(.preflight, alias: "b"), diagnosis: diagnosis,
                    confirmation: nil),
                RemoteRunSummary(
                    alias: "c", connected: false, stoppedAt: SetupStepID(.remotePreparation, alias: "c"),
                    diagnosis: nil, confirmation: "Confirm it."),
            ], leftBehind: [])
        #expect(
            SetupEventFormat.summary(of: report, symbols: .ascii) == [
                "[ok] a: connected",
                "[x] b: not connected at step 3 (preflight): Wrong port. Fix: Use 9443.",
                "[!] c: stopped at step 2 (remotePreparation): Confirm it.",
            ])
        #expect(SetupEventFormat.json(for: report)[path: ["remotes", "b", "diagnosis", "cause"]] == "transportPort")
    }
}
