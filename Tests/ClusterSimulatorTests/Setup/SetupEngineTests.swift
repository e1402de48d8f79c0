import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

extension SetupSimulatorSuite {
    /// The setup engine against the simulated local and remote clusters: the whole procedure, many
    /// remotes with one rollout, repeat runs, undo.
    @Suite("Setup engine against the simulator", .stopsResources)
    struct SetupEngineTests {
        @Test(
            "one ECK remote: the server is enabled, the CA saved, the key created, the local cluster rolled once, connected"
        )
        func oneRemote() async throws {
            let fixture = try await SetupFixture.start(remoteClusterServerEnabled: false)
            let settingsBefore = try await fixture.persistentSettings()
            let keysBefore = try await fixture.activeKeys()
            let context = fixture.context([fixture.eckRemote("eu")])

            let report = await fixture.runner.apply(context)
            #expect(report.allConnected, "\(report.trace)")
            #expect(fixture.remote.isRemoteClusterServerEnabled)
            #expect(FileManager.default.fileExists(atPath: "\(fixture.folder)/eu-ca.crt"))
            #expect(fixture.localStarts == 2)
            let outputs = report.context.outputs(for: "eu")
            #expect(outputs.keyCreated)
            #expect(outputs.dataAccess?.hits == 20)
            #expect(outputs.connection?.remoteInfo?.hasClusterCredentials == true)

            // Twice: nothing changes, every step says so.
            fixture.log.clear()
            let again = await fixture.runner.apply(report.context)
            #expect(again.allConnected, "\(again.trace)")
            #expect(fixture.log.changing.isEmpty, "\(fixture.log.changing)")
            for result in again.results {
                switch result.outcome {
                case .alreadyDone, .passed, .skipped: break
                default: Issue.record("\(result.id) did \(result.outcome) on the second run")
                }
            }
            #expect(fixture.localStarts == 2)

            // Undo: the settings and the remote's active keys are as before.
            let undone = await fixture.runner.undo(report.context)
            let undoStopped = undone.anyStopped
            #expect(!undoStopped, "\(undone.trace)")
            #expect(try await fixture.persistentSettings() == settingsBefore)
            #expect(try await fixture.activeKeys() == keysBefore)
            #expect(undone.leftBehind.contains { $0.contains("remote cluster server of remote stays enabled") })
            let resource = try await fixture.environment.kubernetes.get(
                kind: "elasticsearch", name: "local", in: fixture.localLocation)
            #expect(resource[path: ["spec", "secureSettings"]] == nil)
            #expect(
                fixture.environment.kubernetes.object(
                    kind: "secret", name: "local-remote-cluster-credentials", in: fixture.localLocation) == nil)
        }

        @Test("three remotes reach connected with one local rollout, and undo removes all three")
        func threeRemotes() async throws {
            let fixture = try await SetupFixture.start()
            let settingsBefore = try await fixture.persistentSettings()
            let keysBefore = try await fixture.activeKeys()
            let role = RemoteRoleSetup(name: "remote-logs-reader", indexNames: ["logs-*"])
            let context = fixture.context(["a", "b", "c"].map { fixture.eckRemote($0) }, role: role)

            let report = await fixture.runner.apply(context)
            #expect(report.allConnected, "\(report.trace)")
            #expect(report.remotes.map(\.alias) == ["a", "b", "c"])
            #expect(fixture.localStarts == 2, "one rollout for the three remotes")
            let secretReads = fixture.log.entries.filter {
                if case .kubernetes("get", "secret", _, _) = $0 { return true } else { return false }
            }
            #expect(
                Set(secretReads).count == secretReads.count,
                "remotes that share a Secret (the remote's CA, the local credentials) read it once: \(secretReads)")
            let localApplies = fixture.log.changing.filter {
                if case .kubernetes("apply", _, _, "sim-local") = $0 { return true } else { return false }
            }
            #expect(localApplies.count == 1, "one apply of the Secret, the ConfigMap and the resource: \(localApplies)")
            let secret = try #require(
                fixture.environment.kubernetes.object(
                    kind: "secret", name: "local-remote-cluster-credentials", in: fixture.localLocation))
            #expect(
                secret["data"]?.objectValue?.keys.sorted()
                    == ["a", "b", "c"].map { "cluster.remote.\($0).credentials" })
            let configMap = try #require(
                fixture.environment.kubernetes.object(
                    kind: "configmap", name: "local-remote-cluster-cas", in: fixture.localLocation))
            #expect(configMap["data"]?.objectValue?.keys.sorted() == ["a-ca.crt", "b-ca.crt", "c-ca.crt"])
            #expect(try await fixture.activeKeys().count == keysBefore.count + 3)
            let stored = try await fixture.localClient.role(name: "remote-logs-reader")
            #expect(stored?["remote_indices"]?.arrayValue?.first?["clusters"] == ["a", "b", "c"])

            let undone = await fixture.runner.undo(report.context)
            let undoStopped = undone.anyStopped
            #expect(!undoStopped, "\(undone.trace)")
            #expect(try await fixture.persistentSettings() == settingsBefore)
            #expect(try await fixture.activeKeys() == keysBefore)
            #expect(try await fixture.localClient.role(name: "remote-logs-reader") == nil)
            #expect(
                fixture.environment.kubernetes.object(
                    kind: "configmap", name: "local-remote-cluster-cas", in: fixture.localLocation) == nil)
        }

        @Test("a remote pointed at the transport port fails with its diagnosis; the other two connect")
        func failingRemoteDoesNotStopTheOthers() async throws {
            let fixture = try await SetupFixture.start()
            let wrong = fixture.eckRemote("wrong", proxyAddress: fixture.remote.transportAddress)
            let context = fixture.context([fixture.eckRemote("a"), wrong, fixture.eckRemote("c")])

            let report = await fixture.runner.apply(context)
            #expect(report.remotes.map(\.connected) == [true, false, true], "\(report.trace)")
            let failed = try #require(report.remotes.first { $0.alias == "wrong" })
            #expect(failed.stoppedAt == SetupStepID(.preflight, alias: "wrong"))
            #expect(failed.diagnosis?.cause == .transportPort)
            #expect(!report.allConnected)
            #expect(fixture.localStarts == 2)
        }

        @Test("previews of every step contact nothing")
        func dryRunContactsNothing() async throws {
            let fixture = try await SetupFixture.start(remoteClusterServerEnabled: false)
            // The simulator's own account: every request its REST APIs answer.
            let served = ServedRequestLog()
            fixture.environment.observeRequests { served.append($0) }
            let context = fixture.context(
                [fixture.eckRemote("a"), fixture.eckRemote("b")],
                role: RemoteRoleSetup(name: "r", indexNames: ["logs-*"]))
            let previews =
                SetupRunner.previews(of: context)
                + SetupRunner.undoPreviews(of: context).map { ($0.step as Any, $0.preview) }
                .map { (step: SetupSteps.local(aliases: []), preview: $0.1) }
            let text = previews.flatMap(\.preview.lines).joined(separator: "\n")
            #expect(text.contains("POST /_security/cross_cluster/api_key"))
            #expect(text.contains("PUT /_cluster/settings"))
            #expect(text.contains("kubectl --context sim-remote --namespace default patch elasticsearch remote"))
            #expect(!text.contains(fixture.local.elasticPassword.revealed))
            #expect(fixture.log.entries.isEmpty)
            #expect(served.requests.isEmpty, "\(served.requests.map(\.traceLine))")
            #expect(fixture.remote.observedServerNames.isEmpty)
            #expect(try await fixture.activeKeys().isEmpty)
            // The account works: the key listing just made is in it.
            #expect(served.requests.contains { $0.server == "remote" && $0.method == "GET" })
        }
    }
}
