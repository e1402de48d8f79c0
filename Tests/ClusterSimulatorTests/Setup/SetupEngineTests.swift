import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

/// The setup engine against the simulated local and remote clusters: the whole procedure, many
/// remotes with one rollout, repeat runs, undo.
@Suite("Setup engine against the simulator", .stopsResources)
struct SetupEngineTests {
    @Test("one ECK remote: the server is enabled, the CA saved, the key created, the local cluster rolled once, connected")
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
        #expect(!undone.anyStopped, "\(undone.trace)")
        #expect(try await fixture.persistentSettings() == settingsBefore)
        #expect(try await fixture.activeKeys() == keysBefore)
        #expect(undone.leftBehind.contains { $0.contains("remote cluster server of remote stays enabled") })
        let resource = try await fixture.environment.kubernetes.get(kind: "elasticsearch", name: "local", in: fixture.localLocation)
        #expect(resource[path: ["spec", "secureSettings"]] == nil)
        #expect(fixture.environment.kubernetes.object(kind: "secret", name: "local-remote-cluster-credentials", in: fixture.localLocation) == nil)
    }
}
