import CurlTransport
import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// The local cluster's REST API over real HTTPS (libcurl), as the wizard sees it.
@Suite(.serialized, .stopsResources) struct LocalClusterRESTTests {
    let transport = CurlTransport()

    func send(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil, to endpoint: ClusterEndpoint) async throws
        -> (status: Int, body: JSONValue, response: HTTPResponse)
    {
        let response = try await transport.send(HTTPRequest(method: method, path: path, body: body), to: endpoint)
        return (response.status, (try? JSONValue.parse(response.body)) ?? .null, response)
    }

    /// Released Elasticsearch sends no deprecation `Warning` for transient settings (es-reference
    /// error-messages.md §3.5); every answer names the product in `X-elastic-product`.
    @Test func settingsRoundTripWithoutTransientWarning() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let endpoint = pair.local.adminEndpoint
        let put = try await send(
            .put, "/_cluster/settings", ["transient": ["cluster.remote.t.seeds": "h:9300"]], to: endpoint)
        #expect(put.status == 200)
        #expect(
            put.body == [
                "acknowledged": true, "persistent": [:],
                "transient": ["cluster": ["remote": ["t": ["seeds": "h:9300"]]]],
            ])
        #expect(put.response.header("Warning") == nil)
        let persistent = try await send(
            .put, "/_cluster/settings?flat_settings=true",
            ["persistent": ["cluster.remote.p.mode": "proxy", "cluster.remote.p.proxy_address": "h:9443"]], to: endpoint
        )
        #expect(persistent.response.header("Warning") == nil)
        let bad = try await send(
            .put, "/_cluster/settings", ["persistent": ["cluster.remote.p.seeds": "h:9300"]], to: endpoint)
        #expect(bad.status == 400)
        #expect(
            bad.body[path: ["error", "root_cause"]]?.arrayValue?.first?["reason"]
                == #"Setting "cluster.remote.p.seeds" cannot be used with the configured "cluster.remote.p.mode" [required=SNIFF, configured=PROXY]"#
        )
        let get = try await send(.get, "/_cluster/settings?flat_settings=true", to: endpoint)
        #expect(
            get.body == [
                "persistent": ["cluster.remote.p.mode": "proxy", "cluster.remote.p.proxy_address": "h:9443"],
                "transient": ["cluster.remote.t.seeds": "h:9300"],
            ])
    }

    @Test func remoteInfoReportsTheRealConnectionInElasticsearchFieldOrder() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let serverName = pair.remote.identity.remoteClusterServiceName
        try await pair.configureProxy(serverName: serverName, sockets: 4)
        let info = try await send(.get, "/_remote/info", to: pair.local.adminEndpoint)
        #expect(info.status == 200)
        #expect(
            info.response.text
                == #"{"a":{"connected":true,"mode":"proxy","proxy_address":"\#(pair.remote.proxyAddress)","server_name":"\#(serverName)","num_proxy_sockets_connected":4,"max_proxy_socket_connections":4,"initial_connect_timeout":"30s","skip_unavailable":true,"cluster_credentials":"::es_redacted::"}}"#
        )
        let decoded = try await ElasticsearchClient(transport: transport, endpoint: pair.local.adminEndpoint)
            .remoteInfo()
        #expect(decoded.map(\.alias) == ["a"])
        #expect(decoded.first?.connected == true)
        #expect(decoded.first?.hasClusterCredentials == true)
    }

    @Test func resolveClusterReportsVersionOrTheRemotesError() async throws {
        let pair = try await LocalRemotePair.start(keyType: .rest)
        TestCleanup.add { await pair.shutdown() }
        try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName)
        let resolved = try await send(.get, "/_resolve/cluster/a:*", to: pair.local.adminEndpoint)
        #expect(
            resolved.body == [
                "a": [
                    "connected": false, "skip_unavailable": true,
                    "error": .string(
                        "authentication expected API key type of [cross_cluster], but API key [\(pair.keyID)] has type [rest]"
                    ),
                ]
            ])
        let unknown = try await send(.get, "/_resolve/cluster/nope:*", to: pair.local.adminEndpoint)
        #expect(unknown.status == 404)
        #expect(unknown.body[path: ["error", "reason"]] == "no such remote cluster: [nope]")
    }

    @Test func reloadSecureSettingsLoadsTheKeystoreAndRebuildsTheConnection() async throws {
        let pair = try await LocalRemotePair.start(keystoreAlias: nil)
        TestCleanup.add { await pair.shutdown() }
        let failed = try await pair.configureProxy(serverName: pair.remote.identity.remoteClusterServiceName)
        #expect(!failed.connected)
        pair.local.modifyKeystoreOnDisk { $0.set(SimulatedKeystore.credentialsSetting("a"), to: pair.encodedKey) }
        let before = try await send(.get, "/_remote/info", to: pair.local.adminEndpoint)
        #expect(before.body[path: ["a", "cluster_credentials"]] == nil, "the keystore on disk is not loaded yet")
        let reload = try await send(.post, "/_nodes/reload_secure_settings", to: pair.local.adminEndpoint)
        #expect(reload.status == 200)
        #expect(reload.body[path: ["_nodes", "successful"]] == 1)
        let names = reload.body[path: ["nodes"]]?.objectValue?.values.first?["secure_setting_names"]
        #expect(names == ["cluster.remote.a.credentials", "keystore.seed"])
        let status = await pair.local.connections.waitForIdle("a", timeoutSeconds: 20)
        #expect(status?.connected == true)
        #expect(status?.hasCredentials == true)
    }

    @Test func rolesAndAuthentication() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let role: JSONValue = [
            "remote_indices": [
                [
                    "clusters": ["a"], "names": ["logs-*"],
                    "privileges": ["read", "read_cross_cluster", "view_index_metadata"],
                ]
            ]
        ]
        let put = try await send(.put, "/_security/role/remote-search", role, to: pair.local.adminEndpoint)
        #expect(put.body == ["role": ["created": true]])
        let get = try await send(.get, "/_security/role/remote-search", to: pair.local.adminEndpoint)
        #expect(get.body[path: ["remote-search", "remote_indices"]]?.arrayValue?.first?["clusters"] == ["a"])
        var wrong = pair.local.adminEndpoint
        wrong.auth = .basic(user: "elastic", password: Secret("not-the-password"))
        let denied = try await send(.get, "/_cluster/settings", to: wrong)
        #expect(denied.status == 401)
        #expect(
            denied.body[path: ["error", "reason"]]
                == "unable to authenticate user [elastic] for REST request [/_cluster/settings]")
        let key = pair.local.apiKeys.create(
            name: "wizard", type: .rest, username: "elastic", realm: "reserved", expiration: nil)
        var keyed = pair.local.adminEndpoint
        keyed.auth = .apiKey(key.encoded)
        let authenticated = try await send(.get, "/_security/_authenticate", to: keyed)
        #expect(authenticated.body["authentication_type"] == "api_key")
    }

    @Test func rootAndLicenseDescribeTheLocalCluster() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let root = try await send(.get, "/", to: pair.local.adminEndpoint)
        #expect(root.status == 200)
        #expect(root.body["cluster_name"] == "local")
        #expect(root.body[path: ["version", "number"]] == .string(pair.local.identity.version))
        let license = try await send(.get, "/_license", to: pair.local.adminEndpoint)
        #expect(license.body[path: ["license", "type"]] == "trial")
        #expect(license.body[path: ["license", "status"]] == "active")
        let anonymous = try await transport.send(
            HTTPRequest(method: .get, path: "/"),
            to: ClusterEndpoint(baseURL: pair.local.restURL, auth: .none, trust: .caFile(pair.local.httpCAFile)))
        #expect(anonymous.status == 401)
    }
}
