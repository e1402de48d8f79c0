import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

extension SetupSimulatorSuite {
    /// The other branches of the steps against the simulator: remote types, `files` mode, ECK before
    /// 3.3, and the key step's reuse rules.
    @Suite("Setup engine branches against the simulator", .stopsResources)
    struct SetupPathsTests {
        /// The simulated remote described as another type, trusting its CA file.
        static func remote(
            _ fixture: SetupFixture, _ alias: String, type: RemoteClusterType,
            decisions: RemoteDecisions = RemoteDecisions()
        )
            -> RemoteTarget
        {
            var target = fixture.eckRemote(alias, decisions: decisions)
            target.setup.type = type
            target.setup.eck = nil
            let pem = try? String(contentsOfFile: fixture.remote.files.transportCA, encoding: .utf8)
            target.setup.certificateAuthority = RemoteCertificateAuthority(
                path: fixture.remote.files.transportCA, pem: pem)
            return target
        }

        @Test("an ECH remote has nothing to prepare and connects")
        func cloudRemote() async throws {
            let fixture = try await SetupFixture.start()
            let report = await fixture.runner.apply(fixture.context([Self.remote(fixture, "cloud", type: .ech)]))
            #expect(report.allConnected, "\(report.trace)")
            let preparation = try #require(
                report.results.first { $0.id == SetupStepID(.remotePreparation, alias: "cloud") })
            guard case .skipped = preparation.outcome else {
                Issue.record("\(preparation.outcome)")
                return
            }
        }

        @Test("a self-managed remote waits for the operator's confirmation, then connects")
        func selfManagedRemote() async throws {
            let fixture = try await SetupFixture.start()
            let first = await fixture.runner.apply(fixture.context([Self.remote(fixture, "dc2", type: .selfManaged)]))
            let stopped = try #require(first.remotes.first)
            #expect(stopped.stoppedAt == SetupStepID(.remotePreparation, alias: "dc2"))
            #expect(stopped.confirmation?.contains("prepared: true") == true)
            #expect(fixture.log.changing.isEmpty, "nothing is changed before the remote is prepared")

            let confirmed = Self.remote(
                fixture, "dc2", type: .selfManaged, decisions: RemoteDecisions(remotePrepared: true))
            let second = await fixture.runner.apply(fixture.context([confirmed]))
            #expect(second.allConnected, "\(second.trace)")
        }

        @Test("files mode writes the local objects with the key (0600); applied by hand, the next run connects")
        func filesMode() async throws {
            let fixture = try await SetupFixture.start(deadline: .seconds(10))
            let context = fixture.context([fixture.eckRemote("eu")], apply: .files)
            let first = await fixture.runner.apply(context)
            #expect(first.remotes.first?.diagnosis?.cause == .missingCredentials, "\(first.trace)")
            let folder = fixture.folder + "/manifests"
            let secretPath = folder + "/local-remote-cluster-credentials-secret.yaml"
            let mode = try FileManager.default.attributesOfItem(atPath: secretPath)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            let key = try #require(first.context.outputs(for: "eu").credentials)
            #expect(try String(contentsOfFile: secretPath, encoding: .utf8).contains(key.revealed))
            #expect(
                fixture.log.changing.allSatisfy {
                    if case .kubernetes(_, _, _, "sim-local") = $0 { return false } else { return true }
                })

            // The operator applies the files; the next run reuses the key from the written Secret.
            var objects: [JSONValue] = []
            for file in [
                "local-remote-cluster-credentials-secret.yaml", "local-remote-cluster-cas-configmap.yaml",
                "local-elasticsearch.yaml",
            ] {
                objects.append(try JSONValue.parseYAML(String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)))
            }
            try await fixture.environment.kubernetes.apply(objects, in: fixture.localLocation)
            try await fixture.environment.kubernetes.waitForElasticsearchReady(
                name: "local", in: fixture.localLocation, timeoutSeconds: 20)
            let keys = try await fixture.activeKeys()
            let second = await fixture.runner.apply(first.context)
            #expect(second.allConnected, "\(second.trace)")
            #expect(try await fixture.activeKeys() == keys, "the key was reused, not replaced")
        }

        @Test("ECK 3.2: the remote cluster Service is exposed with a LoadBalancer of its own, once")
        func olderECKRemote() async throws {
            let fixture = try await SetupFixture.start()
            var remote = fixture.eckRemote("old")
            remote.setup.eck?.version = ECKVersion(3, 2, 0)
            let report = await fixture.runner.apply(fixture.context([remote]))
            #expect(report.allConnected, "\(report.trace)")
            let service = try #require(
                fixture.environment.kubernetes.object(
                    kind: "service", name: "remote-es-remote-cluster-lb", in: fixture.remoteLocation))
            #expect(service[path: ["spec", "type"]] == "LoadBalancer")
            #expect(service[path: ["spec", "ports"]]?.arrayValue?.first?["targetPort"] == 9443)
            fixture.log.clear()
            _ = await fixture.runner.apply(report.context)
            #expect(fixture.log.changing.isEmpty, "\(fixture.log.changing)")
        }

        @Test("the key step replaces a key whose encoded value is lost, and updates a key whose access changed")
        func keyReuseRules() async throws {
            let fixture = try await SetupFixture.start()
            let report = await fixture.runner.apply(fixture.context([fixture.eckRemote("eu")]))
            #expect(report.allConnected, "\(report.trace)")
            let original = try #require(report.context.outputs(for: "eu").keyID)

            var wider = report.context
            wider.remotes[0].setup.keyToCreate?.access = CrossClusterAccess(search: [
                .init(names: ["logs-*", "metrics-*"])
            ])
            let updated = await CrossClusterKeyStep(alias: "eu").run(
                in: wider, services: fixture.services, events: .ignore)
            #expect(updated.outcome == .done(changes: ["updated the access of key eu-from-local (\(original)) on eu"]))
            let stored = try await fixture.remoteClient.apiKeys(APIKeyQuery(id: original)).first?.access
            #expect(stored?.search.first?.names == ["logs-*", "metrics-*"])

            fixture.environment.kubernetes.delete(
                kind: "secret", name: "local-remote-cluster-credentials", in: fixture.localLocation)
            let replaced = await CrossClusterKeyStep(alias: "eu").run(
                in: wider, services: fixture.services, events: .ignore)
            let newID = try #require(replaced.context.outputs(for: "eu").keyID)
            #expect(newID != original)
            let named = try await fixture.remoteClient.apiKeys(APIKeyQuery(name: "eu-from-local", activeOnly: true))
                .filter { $0.isActive() }
            #expect(named.map(\.id) == [newID], "never two active keys for one plan")
        }

        @Test("ECK remote already enabled, change not to be applied: the CA is read and the step is already done")
        func fetchTheCAWithoutApplying() async throws {
            let fixture = try await SetupFixture.start()
            var remote = fixture.eckRemote("eu", decisions: RemoteDecisions(applyRemoteChange: false))
            remote.setup.certificateAuthority = RemoteCertificateAuthority(path: "", pem: nil)
            let context = fixture.context([remote])
            let result = await RemotePreparationStep(alias: "eu").run(
                in: context, services: fixture.services, events: .ignore)
            guard case .alreadyDone = result.outcome else {
                Issue.record("\(result.outcome)")
                return
            }
            let transportCA = try String(contentsOfFile: fixture.remote.files.transportCA, encoding: .utf8)
            #expect(result.context.outputs(for: "eu").certificateAuthorityPEM == transportCA)
            #expect(fixture.log.changing.isEmpty)
        }

        @Test("the search step checks the connection again when it closed just before the search")
        func searchAfterTheConnectionClosed() async throws {
            let fixture = try await SetupFixture.start()
            let report = await fixture.runner.apply(fixture.context([fixture.eckRemote("eu")]))
            #expect(report.allConnected, "\(report.trace)")
            // The remote closes its connections, and reconnecting takes a while (each handshake
            // answer is 400 ms late): the search meets no open connection and skips the remote.
            fixture.environment.faults.setSlowDelay(.milliseconds(400))
            await fixture.environment.faults.set(.slowResponses, true)
            await fixture.remote.dropRemoteClusterConnections()
            fixture.log.clear()
            let result = await DataAccessStep(alias: "eu").run(
                in: report.context, services: fixture.services, events: .ignore)
            guard case .passed = result.outcome else {
                Issue.record("\(result.outcome)")
                return
            }
            #expect(result.context.outputs(for: "eu").dataAccess?.clusterStatus == "successful")
            let requests = fixture.log.entries.map(\.description)
            #expect(requests.filter { $0.contains("_search") }.count == 2, "\(requests)")
            #expect(requests.contains { $0.contains("_resolve/cluster") }, "\(requests)")
        }
    }
}
