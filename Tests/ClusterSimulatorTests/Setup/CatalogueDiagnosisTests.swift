import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

extension SetupSimulatorSuite {
    /// Each row of the troubleshooting catalogue (FACTS.md §5) that the simulator can produce, made by
    /// a fault or a wrong input, and diagnosed by the setup engine and by `status`.
    @Suite("Catalogue rows produced by the simulator and diagnosed", .stopsResources)
    struct CatalogueDiagnosisTests {
        /// Pushes through a failed preflight so that the connection itself is diagnosed.
        static let continuing = RemoteDecisions(continuePastFailedPreflight: true)

        /// Applies one remote; returns its summary and the status entry of the alias.
        static func applyAndStatus(
            _ fixture: SetupFixture, _ remote: RemoteTarget, apply mode: ManifestApplyMode = .kubectl
        )
            async throws -> (RemoteRunSummary, RemoteStatus?)
        {
            let report = await fixture.runner.apply(fixture.context([remote], apply: mode))
            let summary = try #require(report.remotes.first)
            let status = try await fixture.status().first { $0.info.alias == remote.alias }
            return (summary, status)
        }

        @Test("row 1: nothing listens on the proxy address")
        func unreachable() async throws {
            let fixture = try await SetupFixture.start(faults: [.remoteClusterServerOff], deadline: .seconds(10))
            let (summary, status) = try await Self.applyAndStatus(
                fixture, fixture.eckRemote("down", decisions: Self.continuing))
            #expect(summary.diagnosis?.cause == .unreachable)
            #expect(summary.diagnosis?.catalogueRow == 1)
            #expect(status?.diagnosis?.cause == .unreachable)
            #expect(status?.isConnected == false)
        }

        @Test("row 2: no seed answers (a self-managed remote in sniff mode)")
        func seedsUnreachable() async throws {
            let fixture = try await SetupFixture.start(faults: [.remoteClusterServerOff], deadline: .seconds(10))
            var remote = SetupPathsTests.remote(
                fixture, "dc3", type: .selfManaged,
                decisions: RemoteDecisions(remotePrepared: true, continuePastFailedPreflight: true))
            remote.setup.mode = .sniff
            remote.setup.seeds = [fixture.remote.proxyAddress]
            remote.setup.proxyAddress = nil
            remote.setup.serverName = nil
            let (summary, status) = try await Self.applyAndStatus(fixture, remote)
            #expect(summary.diagnosis?.cause == .seedsUnreachable, "\(String(describing: summary.diagnosis))")
            #expect(summary.diagnosis?.catalogueRow == 2)
            #expect(summary.diagnosis?.fix.contains("publish addresses") == true)
            #expect(status?.info.mode == .sniff)
            #expect(status?.diagnosis?.cause == .seedsUnreachable, "\(String(describing: status?.diagnosis))")
            #expect(status?.isConnected == false)
        }

        @Test("row 3: the network drops the connection when a search is sent on it")
        func droppedConnection() async throws {
            let fixture = try await SetupFixture.start(faults: [.dropOnSearch], deadline: .seconds(10))
            let (summary, status) = try await Self.applyAndStatus(fixture, fixture.eckRemote("flaky"))
            #expect(summary.stoppedAt == SetupStepID(.dataAccess, alias: "flaky"))
            #expect(summary.diagnosis?.cause == .unreliableConnection, "\(String(describing: summary.diagnosis))")
            #expect(summary.diagnosis?.catalogueRow == 3)
            #expect(summary.diagnosis?.evidence?.contains("disconnected") == true)
            #expect(summary.diagnosis?.fix.contains("cluster.remote.flaky.transport.ping_schedule") == true)
            // The local cluster reconnects after each drop, so status (which does not search a
            // connected remote) sees it connected, as Elasticsearch reports it.
            #expect(status?.isConnected == true)
        }

        @Test("row 4: the CA file is not the one that signed the remote's certificate")
        func untrusted() async throws {
            let fixture = try await SetupFixture.start()
            var remote = fixture.eckRemote("wrongca")
            let caFile = fixture.folder + "/wrong-ca.crt"
            try FileManager.default.copyItem(atPath: fixture.remote.files.httpCA, toPath: caFile)
            remote.setup.certificateAuthority = RemoteCertificateAuthority(path: caFile, pem: nil)
            let report = await fixture.runner.apply(fixture.context([remote]))
            #expect(report.remotes.first?.stoppedAt == SetupStepID(.preflight, alias: "wrongca"))
            #expect(report.remotes.first?.diagnosis?.cause == .untrustedCertificate)

            // Past the preflight the local cluster trusts the wrong CA; status from here can only say
            // that the server answers but the cluster cannot connect.
            remote.decisions = Self.continuing
            let (summary, status) = try await Self.applyAndStatus(fixture, remote)
            #expect(summary.diagnosis?.cause == .untrustedCertificate)
            #expect(status?.diagnosis?.cause == .unknown)
            #expect(status?.diagnosis?.fix.contains("certificate_authorities") == true)
        }

        @Test(
            "row 4: the certificate's name or validity",
            arguments: [
                (SimulatorFault.certificateWrongName, Diagnosis.Cause.serverNameMismatch),
                (SimulatorFault.certificateExpired, Diagnosis.Cause.certificateExpired),
            ])
        func certificate(fault: SimulatorFault, cause: Diagnosis.Cause) async throws {
            let fixture = try await SetupFixture.start(faults: [fault], deadline: .seconds(10))
            let (summary, status) = try await Self.applyAndStatus(
                fixture, fixture.eckRemote("cert", decisions: Self.continuing))
            #expect(summary.diagnosis?.cause == cause)
            #expect(summary.diagnosis?.catalogueRow == 4)
            #expect(status?.diagnosis?.cause == cause)
        }

        @Test("row 5: the proxy address is the transport port")
        func transportPort() async throws {
            let fixture = try await SetupFixture.start(deadline: .seconds(10))
            let remote = fixture.eckRemote(
                "transport", proxyAddress: fixture.remote.transportAddress, decisions: Self.continuing)
            let (summary, status) = try await Self.applyAndStatus(fixture, remote)
            #expect(summary.diagnosis?.cause == .transportPort)
            #expect(status?.diagnosis?.cause == .transportPort)
            #expect(status?.diagnosis?.evidence?.contains("Elastic Auto Transport CA") == true)
        }

        @Test("row 9: the local keystore has no key for the alias")
        func missingCredentials() async throws {
            let fixture = try await SetupFixture.start(deadline: .seconds(10))
            let (summary, status) = try await Self.applyAndStatus(fixture, fixture.eckRemote("nokey"), apply: .none)
            #expect(summary.diagnosis?.cause == .missingCredentials)
            #expect(summary.diagnosis?.catalogueRow == 9)
            #expect(status?.diagnosis?.cause == .missingCredentials)
        }

        @Test("row 10: creating the key made a REST key")
        func restKey() async throws {
            let fixture = try await SetupFixture.start(faults: [.restKeyInsteadOfCrossCluster], deadline: .seconds(10))
            let (summary, status) = try await Self.applyAndStatus(fixture, fixture.eckRemote("rest"))
            #expect(summary.diagnosis?.cause == .restKeyInsteadOfCrossCluster)
            #expect(summary.stoppedAt == SetupStepID(.connection, alias: "rest"))
            #expect(status?.diagnosis?.cause == .restKeyInsteadOfCrossCluster)
        }

        @Test(
            "rows 11 and 14: the key is invalidated, or the remote's license drops to Basic, after the setup",
            arguments: [
                (SimulatorFault.keyInvalidated, Diagnosis.Cause.invalidKey),
                (SimulatorFault.basicLicense, Diagnosis.Cause.licenseTooLow),
            ])
        func afterSetup(fault: SimulatorFault, cause: Diagnosis.Cause) async throws {
            let fixture = try await SetupFixture.start(deadline: .seconds(10))
            let report = await fixture.runner.apply(fixture.context([fixture.eckRemote("later")]))
            #expect(report.allConnected, "\(report.trace)")
            await fixture.environment.faults.set(fault, true)
            await fixture.remote.dropRemoteClusterConnections()

            let status = try #require(try await fixture.status().first)
            #expect(status.diagnosis?.cause == cause)
            // The engine's own observation (the wizard's live status) says the same.
            let observation = await ConnectionObserver.observe("later", in: report.context, services: fixture.services)
            #expect(Diagnosis.diagnose(observation).cause == cause)
            // And a new apply stops where the fault shows.
            let again = await fixture.runner.apply(report.context)
            #expect(again.remotes.first?.diagnosis?.cause == cause, "\(again.trace)")
        }

        @Test("row 16: node.roles of the local nodes leaves out remote_cluster_client")
        func nodeWithoutClientRole() async throws {
            let fixture = try await SetupFixture.start(deadline: .seconds(10))
            let report = await fixture.runner.apply(fixture.context([fixture.eckRemote("roles")]))
            #expect(report.allConnected, "\(report.trace)")
            // The operator narrows the roles of the only nodeSet; ECK rolls the node.
            let resource = try await fixture.environment.kubernetes.get(
                kind: "elasticsearch", name: "local", in: fixture.localLocation)
            var nodeSets = try #require(resource[path: ["spec", "nodeSets"]]?.arrayValue)
            nodeSets[0]["config"]?["node.roles"] = ["master", "data"]
            try await fixture.environment.kubernetes.mergePatch(
                kind: "elasticsearch", name: "local", patch: ["spec": ["nodeSets": .array(nodeSets)]],
                in: fixture.localLocation)
            try await fixture.environment.kubernetes.waitForElasticsearchReady(
                name: "local", in: fixture.localLocation, timeoutSeconds: 20)
            let local = try #require(fixture.local as? LocalElasticsearchCluster)
            #expect(!local.hasRemoteClusterClientRole)

            let observation = await ConnectionObserver.observe("roles", in: report.context, services: fixture.services)
            #expect(!observation.isConnected)
            let diagnosis = Diagnosis.diagnose(observation)
            #expect(diagnosis.cause == .nodeLacksRemoteClusterClientRole, "\(diagnosis)")
            #expect(diagnosis.catalogueRow == 16)
            // _remote/info of such a node lists nothing; status finds the alias in the settings.
            #expect(try await fixture.localClient.remoteInfo().isEmpty)
            let status = try #require(try await fixture.status().first)
            #expect(status.info.alias == "roles")
            #expect(!status.isConnected)
            #expect(status.diagnosis?.cause == .nodeLacksRemoteClusterClientRole, "\(String(describing: status.diagnosis))")
            // Elasticsearch's own words, on the search across the remote.
            do {
                let answer = try await fixture.localClient.countAcross(alias: "roles", pattern: "logs-*")
                Issue.record("the search across the remote was answered: \(answer)")
            } catch {
                #expect("\(error)".contains("this node does not have the remote_cluster_client role"), "\(error)")
            }
        }

        @Test("row 17: after the setup, the proxy address leads to a second cluster")
        func proxyReachesAnotherCluster() async throws {
            let fixture = try await SetupFixture.start(deadline: .seconds(10))
            // skip_unavailable: false, so that a search carries the connection's own error.
            var remote = fixture.eckRemote("lb")
            remote.setup.skipUnavailable = false
            let report = await fixture.runner.apply(fixture.context([remote]))
            #expect(report.allConnected, "\(report.trace)")
            await fixture.environment.faults.set(.twoClusters, true)

            let status = try #require(try await fixture.status().first)
            #expect(!status.isConnected)
            #expect(status.diagnosis?.cause == .proxyReachesSeveralClusters, "\(String(describing: status.diagnosis))")
            #expect(status.diagnosis?.catalogueRow == 17)
            #expect(status.diagnosis?.evidence?.contains("unexpected remote cluster name Cluster [remote-b]") == true)
            let again = await fixture.runner.apply(report.context)
            #expect(again.remotes.first?.diagnosis?.cause == .proxyReachesSeveralClusters, "\(again.trace)")

            // Back to one cluster: the local cluster's strategy still expects the first name, and connects.
            await fixture.environment.faults.set(.twoClusters, false)
            let healed = await fixture.runner.apply(report.context)
            #expect(healed.allConnected, "\(healed.trace)")
        }

        @Test("row 12: the search asks for an index outside the key's access")
        func outsideTheKeysAccess() async throws {
            let fixture = try await SetupFixture.start()
            var remote = fixture.eckRemote("narrow")
            remote.searchPattern = "audit-2025.06.01"
            let report = await fixture.runner.apply(fixture.context([remote]))
            let summary = try #require(report.remotes.first)
            #expect(summary.stoppedAt == SetupStepID(.dataAccess, alias: "narrow"))
            #expect(summary.diagnosis?.cause == .insufficientPrivileges)
            #expect(summary.diagnosis?.catalogueRow == 12)
            #expect(report.context.outputs(for: "narrow").dataAccess?.clusterStatus == "skipped")
        }

        @Test("row 13: the local user has no remote_indices for the alias")
        func noRemoteIndices() async throws {
            let fixture = try await SetupFixture.start()
            let report = await fixture.runner.apply(fixture.context([fixture.eckRemote("eu")]))
            #expect(report.allConnected, "\(report.trace)")
            let password = "bob-password-1"
            _ = try await fixture.localClient.putRole(name: "operator", RoleDefinition(cluster: ["all"]))
            _ = try await fixture.localClient.send(
                HTTPRequest(
                    method: .put, path: "/_security/user/bob",
                    body: ["password": .string(password), "roles": ["operator"]])
            ) { $0 }
            var context = report.context
            context.local.endpoint.auth = .basic(user: "bob", password: Secret(password))

            let result = await DataAccessStep(alias: "eu").run(in: context, services: fixture.services, events: .ignore)
            guard case .failed(let diagnosis) = result.outcome else {
                Issue.record("searched without remote_indices: \(result.outcome)")
                return
            }
            #expect(diagnosis.cause == .noRemoteIndicesPrivileges)
            #expect(diagnosis.catalogueRow == 13)
        }

        @Test("row 15: an alias the local cluster does not know")
        func unknownAlias() async throws {
            let fixture = try await SetupFixture.start()
            let context = fixture.context([fixture.eckRemote("ghost")])
            let observation = await ConnectionObserver.observe("ghost", in: context, services: fixture.services)
            #expect(observation.resolveError?.hasType("no_such_remote_cluster_exception") == true)
            let diagnosis = Diagnosis.diagnose(observation)
            #expect(diagnosis.cause == .unknownAlias)
            #expect(diagnosis.catalogueRow == 15)
        }
    }
}
