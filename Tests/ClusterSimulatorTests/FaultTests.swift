import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

@Suite("Faults")
struct FaultTests {
    let client = RemoteClusterHandshakeClient()

    @Test("fault lists parse; unknown names are refused with the list of valid ones")
    func parsing() throws {
        #expect(
            try SimulatorFault.parseList("remote-down, http-500,,reset") == [.remoteDown, .http500, .resetMidResponse])
        #expect(try SimulatorFault.parseList("") == [])
        do {
            _ = try SimulatorFault.parseList("remote-down,explode")
            Issue.record("accepted an unknown fault")
        } catch {
            #expect(error.description.contains("\"explode\""))
            #expect(error.description.contains("cert-wrong-name"))
        }
    }

    @Test("remote-down: every port refuses, and comes back on the same ports")
    func remoteDown() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let key = try await fixture.createCrossClusterKey()
            let ports = (
                fixture.cluster.restPort, fixture.cluster.remoteClusterServerPort, fixture.cluster.transportPort
            )
            await fixture.faults.set(.remoteDown, true)
            #expect(try await fixture.call("GET", "/").exitCode == 7)
            await #expect(
                throws: RemoteClusterConnectionError.connectFailed(
                    address: fixture.cluster.proxyAddress, detail: "Connection refused")
            ) {
                _ = try await client.connect(fixture.rcsTarget(key: key.encoded))
            }
            await fixture.faults.set(.remoteDown, false)
            #expect(try await fixture.call("GET", "/").status == 200)
            #expect(
                (fixture.cluster.restPort, fixture.cluster.remoteClusterServerPort, fixture.cluster.transportPort)
                    == ports)
            let connection = try await client.connect(fixture.rcsTarget(key: key.encoded))
            await connection.close()
        }
    }

    @Test("rcs-off stops only the remote cluster server")
    func rcsOff() async throws {
        try await RemoteClusterFixture.with(faults: [.remoteClusterServerOff]) {
            (fixture: RemoteClusterFixture) async throws in
            #expect(try await fixture.call("GET", "/").status == 200)
            do throws(RemoteClusterConnectionError) {
                _ = try await client.connect(fixture.rcsTarget(key: nil))
                Issue.record("connected")
            } catch {
                guard case .connectFailed = error else { Issue.record("\(error)"); return }
            }
        }
    }

    @Test("certificate faults: expired, and for another name")
    func certificates() async throws {
        try await RemoteClusterFixture.with(faults: [.certificateExpired]) {
            (fixture: RemoteClusterFixture) async throws in
            let key = try await fixture.createCrossClusterKey()
            do throws(RemoteClusterConnectionError) {
                _ = try await client.connect(fixture.rcsTarget(key: key.encoded))
                Issue.record("connected to an expired certificate")
            } catch {
                guard case .certificateExpired = error else { Issue.record("\(error)"); return }
            }
            await fixture.faults.setAll([.certificateWrongName])
            do throws(RemoteClusterConnectionError) {
                _ = try await client.connect(fixture.rcsTarget(key: key.encoded))
                Issue.record("connected to a certificate for another name")
            } catch {
                guard case .nameMismatch(let detail) = error else { Issue.record("\(error)"); return }
                #expect(detail.contains("other-cluster.example.com"))
            }
            await fixture.faults.setAll([])
            let connection = try await client.connect(fixture.rcsTarget(key: key.encoded))
            await connection.close()
        }
    }

    @Test("key faults: invalidated, expired, REST key instead of cross-cluster, Basic license")
    func keys() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let key = try await fixture.createCrossClusterKey()
            for fault in [SimulatorFault.keyInvalidated, .keyExpired] {
                await fixture.faults.setAll([fault])
                await #expect(throws: RemoteClusterConnectionError.rejected(.unableToAuthenticate(id: key.id))) {
                    _ = try await client.connect(fixture.rcsTarget(key: key.encoded))
                }
            }
            await fixture.faults.setAll([.keyInvalidated])
            let shown = try await fixture.call("GET", "/_security/api_key?id=\(key.id)")
            #expect(shown.json?["api_keys"]?.arrayValue?.first?["invalidated"] == true)

            await fixture.faults.setAll([.restKeyInsteadOfCrossCluster])
            let wrong = try await fixture.createCrossClusterKey(name: "made-as-rest")
            await #expect(throws: RemoteClusterConnectionError.rejected(.wrongKeyType(id: wrong.id, actual: "rest"))) {
                _ = try await client.connect(fixture.rcsTarget(key: wrong.encoded))
            }

            await fixture.faults.setAll([.basicLicense])
            do throws(RemoteClusterConnectionError) {
                _ = try await client.connect(fixture.rcsTarget(key: key.encoded))
                Issue.record("connected under a Basic license")
            } catch {
                guard case .rejected(let rejection) = error else { Issue.record("\(error)"); return }
                #expect(rejection.reason == "current license is non-compliant for [advanced-remote-cluster-security]")
            }
        }
    }

    @Test("HTTP faults: 500, malformed JSON, reset mid-response, slow")
    func httpFaults() async throws {
        try await RemoteClusterFixture.with(slowDelay: .seconds(5)) { (fixture: RemoteClusterFixture) async throws in
            await fixture.faults.setAll([.http500])
            let failed = try await fixture.call("GET", "/")
            #expect(failed.status == 500)
            #expect(failed.json?[path: ["error", "type"]] == "exception")

            await fixture.faults.setAll([.malformedJSON])
            let malformed = try await fixture.call("GET", "/")
            #expect(malformed.status == 200)
            #expect(!malformed.body.isEmpty)
            #expect(malformed.json == nil)

            await fixture.faults.setAll([.resetMidResponse])
            let reset = try await fixture.call("GET", "/")
            #expect([18, 56].contains(reset.exitCode), "curl exit \(reset.exitCode) \(reset.stderr)")

            await fixture.faults.setAll([.slowResponses])
            let slow = try await fixture.call("GET", "/", maxTime: 0.5)
            #expect(slow.exitCode == 28)

            await fixture.faults.setAll([])
            #expect(try await fixture.call("GET", "/").status == 200)
        }
    }
}
