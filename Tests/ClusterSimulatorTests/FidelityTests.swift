import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// Behaviours where the simulator once differed from Elasticsearch, each checked against
/// Elasticsearch's source or tests (named per test).
@Suite(.serialized, .stopsResources) struct FidelityTests {
    /// `RestController.dispatchRequest` adds `X-elastic-product: Elasticsearch` before any handler
    /// runs, so 200s, 401s and the "no handler" 400 all carry it.
    @Test func everyResponseNamesTheProduct() async throws {
        try await RemoteClusterFixture.with { fixture in
            for (path, auth, status) in [
                ("/", fixture.elastic, 200), ("/", CurlAuth.none, 401), ("/nothing/here/at/all", fixture.elastic, 400),
            ] {
                let response = try await fixture.call("GET", path, auth: auth)
                #expect(response.status == status)
                #expect(response.headerValues("X-elastic-product") == ["Elasticsearch"], "\(path) \(status)")
            }
        }
    }

    /// `RestController.handleBadRequest` writes only `error`; the 405 (`createSimpleErrorResponse`)
    /// has `error` and `status`, with the methods in `RestRequest.Method` order.
    @Test func unknownPathsAndMethodsAnswerLikeTheRestController() async throws {
        try await RemoteClusterFixture.with { fixture in
            let none = try await fixture.call("GET", "/_no_such_api")
            #expect(none.status == 400)
            #expect(none.json == ["error": "no handler found for uri [/_no_such_api] and method [GET]"])
            let wrongMethod = try await fixture.call("PATCH", "/_security/api_key")
            #expect(wrongMethod.status == 405)
            #expect(
                wrongMethod.json == [
                    "error":
                        "Incorrect HTTP method for uri [/_security/api_key] and method [PATCH], allowed: [GET, POST, PUT, DELETE]",
                    "status": 405,
                ])
            #expect(wrongMethod.headerValues("Allow") == ["GET,POST,PUT,DELETE"])
        }
    }

    /// XContent parsers stop after the first object, so trailing text is ignored (issue #28995);
    /// `_search` alone refuses it (`SearchSourceBuilder.parseXContent`, PR #29428).
    @Test func trailingTextAfterTheBodyIsIgnoredExceptBySearch() async throws {
        try await RemoteClusterFixture.with { fixture in
            let created = try await fixture.call(
                "POST", "/_security/cross_cluster/api_key",
                body: #"{"name":"k","access":{"search":[{"names":["logs*"]}]}} and then some text"#)
            #expect(created.status == 200)
            #expect(created.json?["name"] == "k")
            let search = try await fixture.call("POST", "/logs-*/_search", body: "{\"size\":0}\n{\"size\":2}")
            #expect(search.status == 400)
            #expect(
                search.json?[path: ["error", "root_cause"]] == [
                    [
                        "type": "parsing_exception",
                        "reason": "Unexpected token [START_OBJECT] found after the main object.",
                        "line": 2, "col": 1,
                    ]
                ])
        }
    }

    /// `ApiKeyService.getApiKeys` answers `GetApiKeyResponse.EMPTY` when nothing matches, and
    /// `ApiKey.innerToXContent` leaves `expiration` out when there is none and adds `realm_type`.
    @Test func keyListingsMatchApiKeyToXContent() async throws {
        try await RemoteClusterFixture.with { fixture in
            let unknown = try await fixture.call("GET", "/_security/api_key?id=no-such-id")
            #expect(unknown.status == 200)
            #expect(unknown.json == ["api_keys": []])
            let key = try await fixture.createCrossClusterKey()
            let listed = try await fixture.call("GET", "/_security/api_key?id=\(key.id)")
            let info = try #require(listed.json?["api_keys"]?.arrayValue?.first?.objectValue)
            #expect(info["expiration"] == nil)
            #expect(
                Array(info.keys.prefix(9)) == [
                    "id", "name", "type", "creation", "invalidated", "username", "realm", "realm_type", "metadata",
                ])
            #expect(info["realm_type"] == "reserved")
        }
    }

    /// Any node answers `_remote/info`; a cluster without remotes answers `{}`.
    @Test func theRemoteClusterAnswersRemoteInfo() async throws {
        try await RemoteClusterFixture.with { fixture in
            let info = try await fixture.call("GET", "/_remote/info")
            #expect(info.status == 200)
            #expect(info.json == [:])
        }
    }

    /// ECK sets `cluster.name` to the resource name, so `GET /` and the settings defaults agree.
    @Test func clusterNameIsTheSameInRootAndInTheDefaults() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let auth = CurlAuth.basic("elastic", pair.local.elasticPassword.revealed)
        let root = try await CurlClient.send("GET", pair.local.restURL + "/", auth: auth, cacert: pair.local.httpCAFile)
        let settings = try await CurlClient.send(
            "GET", pair.local.restURL + "/_cluster/settings?include_defaults=true&flat_settings=true", auth: auth,
            cacert: pair.local.httpCAFile)
        #expect(root.json?["cluster_name"] == "local")
        #expect(settings.json?[path: ["defaults", "cluster.name"]] == root.json?["cluster_name"])
        #expect(settings.json?[path: ["defaults", "node.name"]] == root.json?["name"])
    }

    /// `TransportNodesReloadSecureSettingsAction`: a password that does not decrypt the keystore is
    /// the node's `reload_exception` (`security_exception`, "Provided keystore password was
    /// incorrect", asserted by `ReloadSecureSettingsWithPasswordProtectedKeystoreRestIT`), and
    /// nothing is reloaded.
    @Test func aWrongKeystorePasswordIsAReloadException() async throws {
        let pair = try await LocalRemotePair.start(keystoreAlias: nil)
        TestCleanup.add { await pair.shutdown() }
        pair.local.modifyKeystoreOnDisk { $0.set(SimulatedKeystore.credentialsSetting("a"), to: pair.encodedKey) }
        let auth = CurlAuth.basic("elastic", pair.local.elasticPassword.revealed)
        let wrong = try await CurlClient.send(
            "POST", pair.local.restURL + "/_nodes/reload_secure_settings", auth: auth, cacert: pair.local.httpCAFile,
            body: #"{"secure_settings_password":"not-the-password"}"#)
        #expect(wrong.status == 200)
        let node = try #require(wrong.json?["nodes"]?.objectValue?.values.first)
        #expect(
            node == [
                "name": "local-es-default-0",
                "reload_exception": [
                    "type": "security_exception", "reason": "Provided keystore password was incorrect",
                ],
            ])
        #expect(pair.local.loadedKeystore.credentials(for: "a") == nil)
        let right = try await CurlClient.send(
            "POST", pair.local.restURL + "/_nodes/reload_secure_settings", auth: auth, cacert: pair.local.httpCAFile,
            body: #"{"secure_settings_password":""}"#)
        #expect(right.json?["nodes"]?.objectValue?.values.first?["reload_exception"] == nil)
        #expect(pair.local.loadedKeystore.credentials(for: "a") != nil)
    }

    /// Transport TLS requires client certificates by default, so a remote cluster client that trusts
    /// the transport CA (a shared CA) is refused during TLS: FACTS §5 row 6 (`Received fatal alert:
    /// bad_certificate`), not the handshake's wrong-profile error.
    @Test func theTransportPortRequiresAClientCertificate() async throws {
        try await RemoteClusterFixture.with { fixture in
            let key = try await fixture.createCrossClusterKey()
            let target = fixture.rcsTarget(
                key: key.encoded, serverName: "localhost", ca: fixture.cluster.files.internodeCA,
                port: fixture.cluster.transportPort)
            do throws(RemoteClusterConnectionError) {
                _ = try await RemoteClusterHandshakeClient().connect(target)
                Issue.record("connected to the transport port without a client certificate")
            } catch {
                #expect(error == .tlsFailed("Received fatal alert: bad_certificate"))
            }
        }
    }
}
