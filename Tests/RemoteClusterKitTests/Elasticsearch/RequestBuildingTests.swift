import Foundation
import Testing
@testable import RemoteClusterKit

@Suite struct RequestBuildingTests {
    @Test func addsAProxyRemoteWithTheSniffKeysNulled() {
        let request = ElasticsearchRequests.putRemote(
            RemoteClusterSettings(
                alias: "central", mode: .proxy(address: "central.example.net:9443", serverName: "central.example.net")))
        #expect(request.method == .put)
        #expect(request.path == "/_cluster/settings")
        #expect(
            request.body?.jsonString()
                == #"{"persistent":{"cluster":{"remote":{"central":{"mode":"proxy","proxy_address":"central.example.net:9443","server_name":"central.example.net","proxy_socket_connections":null,"seeds":null,"node_connections":null,"proxy":null,"skip_unavailable":true}}}}}"#
        )
    }

    @Test func sendsNullServerNameWhenThereIsNone() {
        let request = ElasticsearchRequests.putRemote(
            RemoteClusterSettings(
                alias: "logs", mode: .proxy(address: "[2001:db8::1]:9443", serverName: "", socketConnections: 6),
                skipUnavailable: false))
        #expect(
            request.body?.jsonString()
                == #"{"persistent":{"cluster":{"remote":{"logs":{"mode":"proxy","proxy_address":"[2001:db8::1]:9443","server_name":null,"proxy_socket_connections":6,"seeds":null,"node_connections":null,"proxy":null,"skip_unavailable":false}}}}}"#
        )
    }

    @Test func addsASniffRemoteWithTheProxyKeysNulled() {
        let request = ElasticsearchRequests.putRemote(
            RemoteClusterSettings(
                alias: "eck-remote", mode: .sniff(seeds: ["a.svc:9443", "b.svc:9443"], nodeConnections: 3)))
        #expect(
            request.body?.jsonString()
                == #"{"persistent":{"cluster":{"remote":{"eck-remote":{"mode":"sniff","seeds":["a.svc:9443","b.svc:9443"],"node_connections":3,"proxy_address":null,"proxy_socket_connections":null,"server_name":null,"proxy":null,"skip_unavailable":true}}}}}"#
        )
    }

    @Test func removesEveryKeyOfOneAliasInOneRequest() {
        let request = ElasticsearchRequests.removeRemote(alias: "central")
        #expect(request.method == .put)
        #expect(request.path == "/_cluster/settings")
        #expect(
            request.body?.jsonString()
                == #"{"persistent":{"cluster":{"remote":{"central":{"skip_unavailable":null,"mode":null,"proxy_address":null,"proxy_socket_connections":null,"server_name":null,"seeds":null,"node_connections":null,"proxy":null,"transport.ping_schedule":null,"transport.compress":null,"transport.compression_scheme":null}}}}}"#
        )
    }

    @Test func showsTheRequestAsInDevTools() {
        let request = ElasticsearchRequests.removeRemote(alias: "a")
        #expect(request.description.hasPrefix("PUT /_cluster/settings\n{\n  \"persistent\": {\n    \"cluster\": {"))
    }

    @Test func buildsTheSpecsCreateCrossClusterAPIKeyExample() throws {
        let example = try SharedReference.example(
            "examples/security.create_cross_cluster_api_key/request/CreateCrossClusterApiKeyRequestExample1.yaml")
        let request = ElasticsearchRequests.createCrossClusterAPIKey(
            CrossClusterAPIKeyRequest(
                name: "my-cross-cluster-api-key",
                access: CrossClusterAccess(
                    search: [.init(names: ["logs*"])], replication: [.init(names: ["archive*"])]),
                expiration: "1d",
                metadata: [
                    "description": "phase one",
                    "environment": ["level": 1, "trusted": true, "tags": ["dev", "staging"]],
                ]))
        #expect(example.methodRequest == "POST /_security/cross_cluster/api_key")
        #expect("\(request.method.rawValue) \(request.path)" == example.methodRequest)
        #expect(request.body == example.value)
    }

    @Test func buildsTheDocsCreateExample() throws {
        let expected = try SharedReference.json(
            "examples/security.create_cross_cluster_api_key/request/es-docs-update-cc-api-key-examples.create-request.json"
        )
        let request = ElasticsearchRequests.createCrossClusterAPIKey(
            CrossClusterAPIKeyRequest(
                name: "my-cross-cluster-api-key", access: CrossClusterAccess(search: [.init(names: ["logs*"])]),
                metadata: ["application": "search"]))
        #expect(request.body == expected)
    }

    @Test func buildsSearchAccessWithDocumentAndFieldSecurity() {
        let access = CrossClusterAccess(search: [
            .init(
                names: ["logs-*"], fieldSecurity: .init(grant: ["@timestamp", "message"], except: ["secret"]),
                query: ["term": ["team": "ops"]], allowRestrictedIndices: false)
        ])
        #expect(
            access.json.jsonString()
                == #"{"search":[{"names":["logs-*"],"field_security":{"grant":["@timestamp","message"],"except":["secret"]},"query":{"term":{"team":"ops"}},"allow_restricted_indices":false}]}"#
        )
    }

    @Test func buildsTheUpdateExamples() throws {
        let yaml = try SharedReference.example(
            "examples/security.update_cross_cluster_api_key/request/UpdateCrossClusterApiKeyRequestExample1.yaml")
        let json = try SharedReference.json(
            "examples/security.update_cross_cluster_api_key/request/es-docs-update-cc-api-key-examples.update-request.json"
        )
        let request = ElasticsearchRequests.updateCrossClusterAPIKey(
            id: "VuaCfGcBCdbkQm-e5aOx",
            CrossClusterAPIKeyUpdate(
                access: CrossClusterAccess(replication: [.init(names: ["archive"])]),
                metadata: ["application": "replication"]))
        #expect("\(request.method.rawValue) \(request.path)" == yaml.methodRequest)
        #expect(request.body == yaml.value)
        #expect(request.body == json)
    }

    @Test func setsOrClearsTheCertificateIdentity() {
        let set = ElasticsearchRequests.updateCrossClusterAPIKey(
            id: "k", .init(certificateIdentity: .set("CN=local-cluster")))
        let clear = ElasticsearchRequests.updateCrossClusterAPIKey(
            id: "k", .init(expiration: "30d", certificateIdentity: .clear))
        #expect(set.body?.jsonString() == #"{"certificate_identity":"CN=local-cluster"}"#)
        #expect(clear.body?.jsonString() == #"{"expiration":"30d","certificate_identity":null}"#)
    }

    @Test func buildsTheInvalidateExamples() throws {
        let byIDs = try SharedReference.example(
            "examples/security.invalidate_api_key/request/SecurityInvalidateApiKeyRequestExample1.yaml")
        let byName = try SharedReference.example(
            "examples/security.invalidate_api_key/request/SecurityInvalidateApiKeyRequestExample2.yaml")
        let idsRequest = ElasticsearchRequests.invalidateAPIKeys(.ids(["VuaCfGcBCdbkQm-e5aOx"]))
        #expect("\(idsRequest.method.rawValue) \(idsRequest.path)" == byIDs.methodRequest)
        #expect(idsRequest.body == byIDs.value)
        #expect(ElasticsearchRequests.invalidateAPIKeys(.name("my-api-key")).body == byName.value)
    }

    @Test func buildsTheRemoteRoleExample() throws {
        let example = try SharedReference.example(
            "examples/security.put_role/request/SecurityPutRoleRequestExample3.yaml")
        let role = RoleDefinition(
            remoteIndices: [
                .init(clusters: ["my_remote"], names: ["logs*"], privileges: RoleDefinition.searchPrivileges)
            ],
            remoteCluster: [.init(clusters: ["my_remote"], privileges: ["monitor_stats"])])
        let request = ElasticsearchRequests.putRole(name: "only_remote_access_role", role)
        #expect(request.method == .put)
        #expect(request.path == "/_security/role/only_remote_access_role")
        #expect(request.body == example.value)
    }

    @Test func encodesPathsAndQueries() {
        #expect(ElasticsearchRequests.resolveCluster(aliases: ["central"]).path == "/_resolve/cluster/central:*")
        #expect(ElasticsearchRequests.resolveCluster(aliases: []).path == "/_resolve/cluster")
        #expect(ElasticsearchRequests.resolveCluster(aliases: ["a", "b_2"]).path == "/_resolve/cluster/a:*,b_2:*")
        #expect(
            ElasticsearchRequests.resolveCluster(aliases: ["we ird/ä"]).path == "/_resolve/cluster/we%20ird%2F%C3%A4:*")
        #expect(
            ElasticsearchRequests.putRole(name: "remote search/x", .init()).path
                == "/_security/role/remote%20search%2Fx")
        #expect(
            ElasticsearchRequests.updateCrossClusterAPIKey(id: "a/b", .init(metadata: [:])).path
                == "/_security/cross_cluster/api_key/a%2Fb")
        #expect(
            ElasticsearchRequests.getAPIKeys(APIKeyQuery(name: "eck-ns-name-central*", activeOnly: true)).path
                == "/_security/api_key?name=eck-ns-name-central%2A&active_only=true")
        #expect(
            ElasticsearchRequests.getAPIKeys(APIKeyQuery(id: "VuaCfGcBCdbkQm-e5aOx")).path
                == "/_security/api_key?id=VuaCfGcBCdbkQm-e5aOx")
        #expect(
            ElasticsearchRequests.getAPIKeys(APIKeyQuery(name: "a&b=c")).path == "/_security/api_key?name=a%26b%3Dc")
        #expect(
            ElasticsearchRequests.clusterSettings(includeDefaults: true).path
                == "/_cluster/settings?include_defaults=true")
    }

    /// Every builder uses a method and path that the REST API specification lists.
    @Test func matchesTheRESTAPISpecification() throws {
        let requests: [(String, HTTPRequest)] = [
            ("info", ElasticsearchRequests.info()),
            ("cluster.remote_info", ElasticsearchRequests.remoteInfo()),
            ("cluster.get_settings", ElasticsearchRequests.clusterSettings()),
            ("cluster.put_settings", ElasticsearchRequests.removeRemote(alias: "a")),
            ("security.authenticate", ElasticsearchRequests.authenticate()),
            (
                "security.create_cross_cluster_api_key",
                ElasticsearchRequests.createCrossClusterAPIKey(.init(name: "k", access: .init()))
            ),
            (
                "security.update_cross_cluster_api_key",
                ElasticsearchRequests.updateCrossClusterAPIKey(id: "abc", .init())
            ),
            ("security.get_api_key", ElasticsearchRequests.getAPIKeys(.init(name: "k", activeOnly: true))),
            ("security.invalidate_api_key", ElasticsearchRequests.invalidateAPIKeys(.name("k"))),
            ("security.put_role", ElasticsearchRequests.putRole(name: "r", .init())),
            ("nodes.reload_secure_settings", ElasticsearchRequests.reloadSecureSettings()),
        ]
        for (api, request) in requests {
            let spec = try SharedReference.json("rest-api-spec/\(api).json")[api]
            let paths = spec?["url"]?["paths"]?.arrayValue ?? []
            let path = String(request.path.split(separator: "?").first ?? "")
            let matches = paths.contains { entry in
                let methods = entry.strings("methods") ?? []
                return methods.contains(request.method.rawValue)
                    && Self.path(path, matchesTemplate: entry.text("path") ?? "")
            }
            #expect(matches, "\(api): \(request.method.rawValue) \(path) is not in the spec")
            let parameters =
                request.path.split(separator: "?").dropFirst().first?.split(separator: "&").map {
                    String($0.split(separator: "=")[0])
                } ?? []
            let known = spec?["params"]?.objectValue.map { Array($0.keys) } ?? []
            #expect(parameters.allSatisfy(known.contains), "\(api): unknown query parameter in \(request.path)")
        }
    }

    static func path(_ path: String, matchesTemplate template: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let templateParts = template.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == templateParts.count else { return false }
        return zip(parts, templateParts).allSatisfy { part, templatePart in
            (templatePart.hasPrefix("{") && !part.isEmpty) || part == templatePart
        }
    }
}
