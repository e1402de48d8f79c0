import ClusterSimulator
import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

/// The remote cluster driven through the engine's `ElasticsearchClient` over libcurl (`CurlTransport`).
@Suite("Remote cluster through ElasticsearchClient and CurlTransport")
struct RemoteClusterEngineTests {
    static func client(_ fixture: RemoteClusterFixture, auth: ClusterAuth? = nil) -> ElasticsearchClient {
        var endpoint = fixture.cluster.adminEndpoint
        if let auth { endpoint.auth = auth }
        return ElasticsearchClient(transport: CurlTransport(), endpoint: endpoint)
    }

    @Test("info, license, authenticate")
    func basics() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let client = Self.client(fixture)
            let info = try await client.info()
            #expect(info.clusterName == "remote")
            #expect(info.versionNumber == "9.1.0")
            let license = try await client.license()
            #expect(license.type == "trial")
            #expect(license.allowsAPIKeyRemoteClusters)
            let user = try await client.authenticate()
            #expect(user.username == "elastic")
        }
    }

    @Test("create, list, update and invalidate a cross-cluster key; the key connects")
    func keyLifecycle() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let client = Self.client(fixture)
            let key = try await client.createCrossClusterAPIKey(
                CrossClusterAPIKeyRequest(
                    name: "wizard", access: CrossClusterAccess(search: [.init(names: ["logs-*"])]), expiration: "30d"))
            #expect(key.expiration != nil)
            let listed = try await client.apiKeys(APIKeyQuery(id: key.id))
            #expect(listed.first?.isCrossCluster == true)
            #expect(
                listed.first?.access
                    == CrossClusterAccess(search: [.init(names: ["logs-*"], allowRestrictedIndices: false)]))

            let connection = try await RemoteClusterHandshakeClient().connect(
                fixture.rcsTarget(key: key.encoded.revealed))
            #expect(connection.identity.clusterName == "remote")
            await connection.close()

            let updated = try await client.updateCrossClusterAPIKey(
                id: key.id,
                CrossClusterAPIKeyUpdate(access: CrossClusterAccess(replication: [.init(names: ["archive"])])))
            #expect(updated)
            let result = try await client.invalidateAPIKeys(.ids([key.id]))
            #expect(result.invalidated == [key.id])
            await #expect(throws: RemoteClusterConnectionError.rejected(.unableToAuthenticate(id: key.id))) {
                _ = try await RemoteClusterHandshakeClient().connect(fixture.rcsTarget(key: key.encoded.revealed))
            }
        }
    }

    @Test("validation and refusals arrive as ElasticsearchError with Elasticsearch's reasons")
    func errors() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let empty = CrossClusterAPIKeyRequest(name: "k", access: CrossClusterAccess())
            do throws(ElasticsearchClientError) {
                _ = try await Self.client(fixture).createCrossClusterAPIKey(empty)
                Issue.record("an empty access was accepted")
            } catch {
                guard case .server(let server) = error else { Issue.record("\(error)"); return }
                #expect(server.status == 400)
                #expect(server.reason == "must specify non-empty access for either [search] or [replication]")
            }
            let limited = Self.client(
                fixture,
                auth: .basic(
                    user: fixture.cluster.limitedUser.username,
                    password: fixture.cluster.limitedUser.password))
            do throws(ElasticsearchClientError) {
                _ = try await limited.createCrossClusterAPIKey(
                    CrossClusterAPIKeyRequest(name: "k", access: CrossClusterAccess(search: [.init(names: ["a"])])))
                Issue.record("a user without manage_security created a key")
            } catch {
                guard case .server(let server) = error else { Issue.record("\(error)"); return }
                #expect(server.status == 403)
                #expect(server.type == "security_exception")
                #expect(
                    server.reason?.hasPrefix(
                        "action [cluster:admin/xpack/security/cross_cluster/api_key/create] is unauthorized") == true)
            }
            let wrongPassword = Self.client(fixture, auth: .basic(user: "elastic", password: Secret("wrong")))
            do throws(ElasticsearchClientError) {
                _ = try await wrongPassword.info()
                Issue.record("a wrong password was accepted")
            } catch {
                guard case .server(let server) = error else { Issue.record("\(error)"); return }
                #expect(server.status == 401)
                #expect(server.reason == "unable to authenticate user [elastic] for REST request [/]")
            }
        }
    }

    @Test("remote-down surfaces as a transport error; http-500 as a server error")
    func faults() async throws {
        try await RemoteClusterFixture.with(faults: [.remoteDown]) { (fixture: RemoteClusterFixture) async throws in
            do throws(ElasticsearchClientError) {
                _ = try await Self.client(fixture).info()
                Issue.record("reached a remote that is down")
            } catch {
                guard case .transport(.connectionRefused) = error else { Issue.record("\(error)"); return }
            }
            await fixture.faults.setAll([.http500])
            do throws(ElasticsearchClientError) {
                _ = try await Self.client(fixture).info()
                Issue.record("no error under http-500")
            } catch {
                guard case .server(let server) = error else { Issue.record("\(error)"); return }
                #expect(server.status == 500)
            }
        }
    }
}
