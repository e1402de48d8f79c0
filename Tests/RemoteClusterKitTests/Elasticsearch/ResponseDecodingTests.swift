import Foundation
import Testing
@testable import RemoteClusterKit

/// Decoding against the examples in `../shared/es-reference`, through the client, so the whole
/// path from HTTP body to model is covered.
@Suite struct ResponseDecodingTests {
    func client(answering value: JSONValue?) -> (ElasticsearchClient, RecordingTransport) {
        let transport = RecordingTransport(status: 200, json: value ?? [:])
        return (ElasticsearchClient.recording(transport), transport)
    }

    @Test func decodesRemoteInfoInBothModes() async throws {
        let proxy = try SharedReference.json(
            "examples/cluster.remote_info/response/es-test-RemoteClusterConnectionTests.proxy-with-cluster-credentials.json"
        )
        let sniff = try SharedReference.json(
            "examples/cluster.remote_info/response/es-test-RemoteClusterConnectionTests.sniff.json")
        var combined: JSONValue = ["zeta": sniff["test_cluster"]!]
        combined["alpha"] = proxy["test_cluster"]!
        let (client, transport) = client(answering: combined)
        let remotes = try await client.remoteInfo()
        #expect(await transport.requests.map(\.path) == ["/_remote/info"])
        #expect(remotes.map(\.alias) == ["alpha", "zeta"])
        let alpha = remotes[0]
        #expect(alpha.connected)
        #expect(alpha.mode == .proxy)
        #expect(alpha.proxyAddress == "seed:1")
        #expect(alpha.serverName == "the_server_name")
        #expect(alpha.proxySocketsConnected == 16)
        #expect(alpha.maxProxySocketConnections == 18)
        #expect(alpha.initialConnectTimeout == "30m")
        #expect(alpha.skipUnavailable == true)
        #expect(alpha.hasClusterCredentials)
        #expect(alpha.addressSummary == "seed:1")
        #expect(alpha.connections == (16, 18))
        #expect(alpha.raw == proxy["test_cluster"])
        #expect(RemoteInfo.jsonObject(remotes) == ["alpha": proxy["test_cluster"]!, "zeta": sniff["test_cluster"]!])
        let zeta = remotes[1]
        #expect(zeta.mode == .sniff)
        #expect(zeta.seeds == ["seed:1", "seed:2"])
        #expect(zeta.nodesConnected == 2)
        #expect(zeta.maxConnectionsPerCluster == 3)
        #expect(!zeta.hasClusterCredentials)
        #expect(zeta.addressSummary == "seed:1, seed:2")
        #expect(zeta.connections == (2, 3))
    }

    @Test func remoteInfoTreatsAnEmptyServerNameAsNone() async throws {
        let (client, _) = client(answering: [
            "c": [
                "connected": false, "mode": "proxy", "proxy_address": "h:9443", "server_name": "",
                "num_proxy_sockets_connected": 0,
                "max_proxy_socket_connections": 18, "initial_connect_timeout": "30s", "skip_unavailable": false,
                "new_field": [1, 2],
            ]
        ])
        let remote = try #require(try await client.remoteInfo().first)
        #expect(remote.serverName == nil)
        #expect(!remote.connected)
        #expect(remote.skipUnavailable == false)
        #expect(try await client.remoteInfo().count == 1)
    }

    @Test func decodesResolveCluster() async throws {
        let (client, transport) = client(answering: [
            "central": [
                "connected": true, "skip_unavailable": true, "matching_indices": true,
                "version": [
                    "number": "9.1.0", "build_flavor": "default", "minimum_wire_compatibility_version": "8.19.0",
                ],
            ],
            "broken": ["connected": false, "skip_unavailable": false, "error": "Unable to connect to [broken]"],
        ])
        let clusters = try await client.resolveCluster(aliases: ["central", "broken"])
        #expect(await transport.requests.map(\.path) == ["/_resolve/cluster/central:*,broken:*"])
        #expect(clusters.map(\.alias) == ["broken", "central"])
        #expect(clusters[0].error == "Unable to connect to [broken]")
        #expect(clusters[0].matchingIndices == nil)
        #expect(clusters[1].connected && clusters[1].matchingIndices == true)
        #expect(clusters[1].versionNumber == "9.1.0")
    }

    @Test func decodesNestedAndFlatClusterSettings() async throws {
        let (client, _) = client(answering: [
            "persistent": [
                "cluster": [
                    "remote": [
                        "central": [
                            "mode": "proxy", "proxy_address": "central.example.net:9443",
                            "server_name": "central.example.net",
                            "skip_unavailable": "false", "proxy_socket_connections": "6",
                            "transport": ["compress": "true"],
                        ],
                        "initial_connect_timeout": "60s",
                    ]
                ],
                "indices": ["recovery": ["max_bytes_per_sec": "50mb"]],
            ],
            "transient": [
                "cluster.remote.legacy.seeds": ["10.0.0.1:9300"], "cluster.remote.legacy.skip_unavailable": "true",
            ],
            "defaults": ["cluster": ["remote": ["node": ["attr": ""], "yml_remote": ["seeds": ["yml:9443"]]]]],
        ])
        let remotes = try await client.configuredRemotes(includeDefaults: true)
        #expect(
            remotes.map { "\($0.scope.rawValue):\($0.alias)" } == [
                "persistent:central", "transient:legacy", "defaults:yml_remote",
            ])
        let central = remotes[0]
        #expect(central.mode == .proxy)
        #expect(central.settings["transport.compress"] == "true")
        #expect(
            central.remoteClusterSettings
                == RemoteClusterSettings(
                    alias: "central",
                    mode: .proxy(
                        address: "central.example.net:9443", serverName: "central.example.net", socketConnections: 6),
                    skipUnavailable: false))
        #expect(remotes[1].mode == .sniff)
        #expect(
            remotes[1].remoteClusterSettings
                == RemoteClusterSettings(alias: "legacy", mode: .sniff(seeds: ["10.0.0.1:9300"])))
        #expect(remotes[2].seeds == ["yml:9443"])
    }

    @Test func decodesTheInfoExamples() async throws {
        let stack = try SharedReference.example("examples/info/response/RootNodeInfoResponseExample1.yaml")
        let (client, _) = client(answering: stack.value)
        let info = try await client.info()
        #expect(info.clusterName == "my_test_cluster")
        #expect(info.nodeName == "instance-0000000000")
        #expect(info.versionNumber == "9.1.0")
        #expect(info.minimumWireCompatibilityVersion == "8.19.0")
        #expect(info.minimumIndexCompatibilityVersion == "8.0.0")
        #expect(info.buildDate == "2025-07-09T22:10:13.578182715Z")
        #expect(info.luceneVersion == "10.2.2")
        #expect(!info.isServerless)
        #expect(info.isAtLeast(8, 14) && info.isAtLeast(9, 1) && !info.isAtLeast(9, 2))

        let serverless = try SharedReference.example("examples/info/response/RootNodeInfoResponseExample2.yaml")
        let serverlessInfo = try await self.client(answering: serverless.value).0.info()
        #expect(serverlessInfo.isServerless)
        #expect(serverlessInfo.buildHash == "6b73650b7c4192d4a7ef1d75a368dad7d28f1ae0")
    }

    @Test func decodesTheAuthenticateExamples() async throws {
        let names = [
            "SecurityAuthenticateResponseExample1.yaml", "SecurityAuthenticateResponseExample2.yaml",
            "SecurityAuthenticateResponseExample3.yaml",
        ]
        var users: [AuthenticatedUser] = []
        for name in names {
            let example = try SharedReference.example("examples/security.authenticate/response/\(name)")
            users.append(try await client(answering: example.value).0.authenticate())
        }
        #expect(users.map(\.username) == ["rdeniro", "0000000001", "elastic/fleet-server"])
        #expect(users[0].roles == ["admin"])
        #expect(users[0].authenticationRealm == "file")
        #expect(users[0].authenticationType == "realm")
        #expect(users[1].fullName == "Peter Parker")
        #expect(users[1].email == "spider-man@marvel.com")
        #expect(users[1].lookupRealm == "cloud-saml-kibana")
        #expect(users[2].authenticationRealmType == "_service_account")
        #expect(users.allSatisfy { !$0.isAPIKey })
    }

    @Test func recognisesAPIKeyAuthentication() async throws {
        let (client, _) = client(answering: [
            "username": "elastic", "roles": [], "enabled": true, "metadata": [:], "authentication_type": "api_key",
            "authentication_realm": ["name": "_es_api_key", "type": "_es_api_key"],
            "lookup_realm": ["name": "_es_api_key", "type": "_es_api_key"],
            "api_key": [
                "id": "VuaCfGcBCdbkQm-e5aOx", "name": "admin-key", "managed_by": "elasticsearch", "internal": false,
            ],
        ])
        let user = try await client.authenticate()
        #expect(user.isAPIKey)
        #expect(user.apiKeyID == "VuaCfGcBCdbkQm-e5aOx")
    }

    @Test func decodesACreatedKeyAndKeepsItSecret() async throws {
        let response = try SharedReference.json(
            "examples/security.create_cross_cluster_api_key/response/es-docs-update-cc-api-key-examples.create-response.json"
        )
        let (client, _) = client(answering: response)
        let key = try await client.createCrossClusterAPIKey(
            .init(name: "my-cross-cluster-api-key", access: .init(search: [.init(names: ["logs*"])])))
        #expect(key.id == "VuaCfGcBCdbkQm-e5aOx")
        #expect(key.name == "my-cross-cluster-api-key")
        #expect(key.apiKey.revealed == "ui2lp2axTNmsyakw9tvNnw")
        #expect(key.encoded.revealed == "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==")
        #expect(key.expiration == nil)
        #expect(!"\(key)".contains("ui2lp2axTNmsyakw9tvNnw"))
        #expect(!"\(key)".contains("VnVhQ2ZHY0JDZGJrUW0"))
        #expect(Validators.encodedAPIKey(key.encoded.revealed).isEmpty)
    }

    @Test func decodesAnExpiration() async throws {
        let (client, _) = client(answering: [
            "id": "i", "name": "n", "api_key": "k", "encoded": "aTpr", "expiration": 1_700_000_000_000,
        ])
        #expect(
            try await client.createCrossClusterAPIKey(.init(name: "n", access: .init())).expiration
                == Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func refusesTheSpecsWrongCreateResponseExample() async throws {
        // The specification's example is a service-token answer; decoding must fail clearly.
        let wrong = try SharedReference.example(
            "examples/security.create_cross_cluster_api_key/response/CreateCrossClusterApiKeyResponseExample1.yaml")
        let (client, _) = client(answering: wrong.value)
        await #expect(throws: ElasticsearchClientError.self) {
            _ = try await client.createCrossClusterAPIKey(.init(name: "n", access: .init()))
        }
        do {
            _ = try await client.createCrossClusterAPIKey(.init(name: "n", access: .init()))
        } catch {
            guard case .undecodable(let problem) = error else { Issue.record("unexpected \(error)"); return }
            #expect(problem.detail.contains("\"api_key\""))
        }
    }

    @Test func decodesTheUpdateResponses() async throws {
        for file in [
            "UpdateCrossClusterApiKeyResponseExample1.yaml", "es-docs-update-cc-api-key-examples.update-response.json",
        ] {
            let example = try SharedReference.example("examples/security.update_cross_cluster_api_key/response/\(file)")
            let (client, _) = client(answering: example.value)
            #expect(try await client.updateCrossClusterAPIKey(id: "VuaCfGcBCdbkQm-e5aOx", .init(metadata: [:])))
        }
    }

    @Test func decodesEveryGetAPIKeyExample() async throws {
        let folder = "examples/security.get_api_key/response"
        var decoded: [String: [APIKeyInfo]] = [:]
        for file in try SharedReference.files(in: folder) {
            let example = try SharedReference.example(file)
            decoded[file] = try await client(answering: example.value).0.apiKeys(.init(name: "x"))
        }
        #expect(decoded.count == 4)
        let two = try #require(decoded["\(folder)/SecurityGetApiKeyResponseExample2.yaml"])
        #expect(two.map(\.id) == ["0GF5GXsBCXxz2eDxWwFN", "6wHJmcQpReKBa42EHV5SBw"])
        #expect(two[0].expiration == Date(timeIntervalSince1970: 1_548_551_550.158))
        #expect(two[1].expiration == nil)
        #expect(two[0].realm == "native1")
        #expect(two[0].realmType == "native")
        let after = try #require(
            decoded["\(folder)/es-docs-update-cc-api-key-examples.get-cross-cluster-key-after-update.json"]?.first)
        #expect(after.isCrossCluster)
        #expect(after.expiration == nil)
        #expect(
            after.access == CrossClusterAccess(replication: [.init(names: ["archive*"], allowRestrictedIndices: false)])
        )
        #expect(after.metadata == ["application": "replication"])
        #expect(after.isActive())
        let before = try #require(
            decoded["\(folder)/es-docs-update-cc-api-key-examples.get-cross-cluster-key-before-update.json"]?.first)
        #expect(before.access?.search.first?.names == ["logs*"])
        #expect(before.roleDescriptors?["cross_cluster"]?.strings("cluster") == ["cross_cluster_search"])
        let one = try #require(decoded["\(folder)/SecurityGetApiKeyResponseExample1.yaml"]?.first)
        #expect(one.type == nil && !one.isCrossCluster)
        #expect(!one.isActive(at: Date(timeIntervalSince1970: 1_600_000_000)))
    }

    @Test func decodesTheInvalidateExample() async throws {
        let example = try SharedReference.example(
            "examples/security.invalidate_api_key/response/SecurityInvalidateApiKeyResponseExample1.yaml")
        let result = try await client(answering: example.value).0.invalidateAPIKeys(.ids(["api-key-id-1"]))
        #expect(result.invalidated == ["api-key-id-1"])
        #expect(result.previouslyInvalidated == ["api-key-id-2", "api-key-id-3"])
        #expect(result.errorCount == 2)
        #expect(
            result.errors.map(\.reason) == [
                "error occurred while invalidating api keys", "error occurred while invalidating api keys",
            ])
        #expect(result.errors.first?.causedByChain.first?.reason == "invalid api key id")
    }

    @Test func decodesTheReloadExample() async throws {
        let example = try SharedReference.example(
            "examples/nodes.reload_secure_settings/response/ReloadSecureSettingsResponseExample1.yaml")
        let (client, transport) = client(answering: example.value)
        let reload = try await client.reloadSecureSettings()
        #expect(await transport.requests.first?.method == .post)
        #expect(await transport.requests.first?.body == nil)
        #expect(reload.clusterName == "my_cluster")
        #expect(reload.nodes.map(\.name) == ["node-0"])
        #expect(reload.nodes.first?.id == "pQHNt5rXTTWNvUgOrdynKg")
        #expect(reload.failedNodes.isEmpty)
        #expect(reload.nodes.first?.secureSettingNames.count == 3)
        #expect(!reload.reloadedCredentials(forAlias: "central"))
    }

    @Test func reportsNodesThatFailedToReload() async throws {
        let (client, _) = client(answering: [
            "_nodes": ["total": 2, "successful": 2, "failed": 0], "cluster_name": "c",
            "nodes": [
                "b": ["name": "node-b", "secure_setting_names": ["cluster.remote.central.credentials"]],
                "a": [
                    "name": "node-a",
                    "reload_exception": [
                        "type": "illegal_state_exception", "reason": "keystore is password protected",
                    ],
                ],
            ],
        ])
        let reload = try await client.reloadSecureSettings()
        #expect(reload.failedNodes.map(\.name) == ["node-a"])
        #expect(reload.failedNodes.first?.reloadError?.reason == "keystore is password protected")
        #expect(reload.reloadedCredentials(forAlias: "central"))
    }

    @Test func decodesThePutRoleAndSettingsAnswers() async throws {
        let role = try SharedReference.example(
            "examples/security.put_role/response/SecurityPutRoleResponseExample1.yaml")
        #expect(try await client(answering: role.value).0.putRole(name: "r", .init()))
        let (settingsClient, transport) = client(answering: ["acknowledged": true, "persistent": [:], "transient": [:]])
        #expect(try await settingsClient.removeRemote(alias: "central"))
        #expect(await transport.requests.first == ElasticsearchRequests.removeRemote(alias: "central"))
    }

    @Test func decodesALicense() async throws {
        let (client, _) = client(answering: [
            "license": [
                "status": "active", "uid": "u", "type": "trial", "issue_date_in_millis": 1_700_000_000_000,
                "expiry_date_in_millis": 1_702_592_000_000, "max_nodes": 1000, "issued_to": "cluster",
                "issuer": "elasticsearch",
            ]
        ])
        let license = try await client.license()
        #expect(license.allowsAPIKeyRemoteClusters)
        #expect(license.expiry == Date(timeIntervalSince1970: 1_702_592_000))
        #expect(!LicenseInfo(type: "basic", status: "active").allowsAPIKeyRemoteClusters)
        #expect(!LicenseInfo(type: "enterprise", status: "expired").allowsAPIKeyRemoteClusters)
    }
}
