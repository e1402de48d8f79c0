import ClusterSimulator
import Foundation
import RemoteClusterKit

/// A started remote cluster in a temporary directory, with helpers to call it as `elastic`.
struct RemoteClusterFixture {
    let directory: TemporaryDirectory
    let cluster: SimulatedRemoteCluster
    let faults: FaultSwitchboard

    static func start(
        faults: Set<SimulatorFault> = [], remoteClusterServerEnabled: Bool = true,
        slowDelay: Duration = .seconds(3)
    ) async throws -> RemoteClusterFixture {
        let directory = try TemporaryDirectory()
        let switchboard = FaultSwitchboard(faults, slowDelay: slowDelay)
        let cluster = try SimulatedRemoteCluster(
            .init(remoteClusterServerEnabled: remoteClusterServerEnabled, directory: directory.path),
            faults: switchboard)
        try await cluster.start()
        return RemoteClusterFixture(directory: directory, cluster: cluster, faults: switchboard)
    }

    func stop() async {
        await cluster.shutdown()
        directory.remove()
    }

    var elastic: CurlAuth { .basic("elastic", cluster.elasticPassword.revealed) }
    var limited: CurlAuth { .basic(cluster.limitedUser.username, cluster.limitedUser.password.revealed) }

    func call(
        _ method: String, _ path: String, body: String? = nil, auth: CurlAuth? = nil,
        maxTime: Double = 20
    ) async throws -> CurlResponse {
        try await CurlClient.send(
            method, cluster.restURL + path, auth: auth ?? elastic, cacert: cluster.files.httpCA,
            body: body, maxTime: maxTime)
    }

    /// Creates a cross-cluster key for `logs*` search and returns (id, encoded).
    func createCrossClusterKey(name: String = "wizard-key") async throws -> (id: String, encoded: String) {
        let response = try await call(
            "POST", "/_security/cross_cluster/api_key",
            body: #"{"name":"\#(name)","access":{"search":[{"names":["logs*"]}]}}"#)
        guard response.status == 200, let id = response.json?["id"]?.stringValue,
            let encoded = response.json?["encoded"]?.stringValue
        else { throw FixtureError(description: "create failed: \(response.status) \(response.body)") }
        return (id, encoded)
    }

    /// A handshake target for the remote cluster server with the right CA and server name.
    func rcsTarget(key: String?, serverName: String? = nil, ca: String? = nil, port: Int? = nil)
        -> RemoteClusterHandshakeClient.Target
    {
        RemoteClusterHandshakeClient.Target(
            host: "127.0.0.1", port: port ?? cluster.remoteClusterServerPort,
            serverName: serverName ?? cluster.identity.remoteClusterServiceName,
            trust: .caFile(ca ?? cluster.files.transportCA), credentials: key.map { Secret($0) }, timeoutSeconds: 5)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

extension RemoteClusterFixture {
    /// Starts a remote cluster, runs `body`, and always stops the cluster and removes its files.
    static func with(
        faults: Set<SimulatorFault> = [], remoteClusterServerEnabled: Bool = true, slowDelay: Duration = .seconds(3),
        _ body: (RemoteClusterFixture) async throws -> Void
    ) async throws {
        let fixture = try await start(
            faults: faults, remoteClusterServerEnabled: remoteClusterServerEnabled, slowDelay: slowDelay)
        do {
            try await body(fixture)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }
}
