import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

@Suite("Remote cluster REST API")
struct RemoteClusterRESTTests {
    @Test("GET / as elastic; 401 bodies match Elasticsearch's exactly")
    func rootAndAuthentication() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let root = try await fixture.call("GET", "/")
            #expect(root.status == 200)
            #expect(root.json?["cluster_name"] == "remote")
            #expect(root.json?[path: ["version", "number"]] == "9.1.0")
            #expect(root.json?["tagline"] == "You Know, for Search")

            let anonymous = try await fixture.call("GET", "/_remote/info", auth: CurlAuth.none)
            #expect(anonymous.status == 401)
            // A path the remote does not route still authenticates first, like Elasticsearch.
            let expected = try RepositoryPaths.sharedJSON(
                "es-reference/errors/reconstructed/401.missing-authentication-credentials.json")
            let anonymousRoot = try await fixture.call("GET", "/_security/_authenticate", auth: CurlAuth.none)
            #expect(
                anonymousRoot.json == Self.replacing(expected, "[/_remote/info]", with: "[/_security/_authenticate]"))
            #expect(anonymousRoot.headerValues("WWW-Authenticate") == RESTAuthenticator.challenges)

            let wrong = try await fixture.call(
                "GET", "/_security/_authenticate?pretty", auth: .basic("elastic", "nope"))
            #expect(wrong.status == 401)
            #expect(
                wrong.json?[path: ["error", "reason"]]
                    == "unable to authenticate user [elastic] for REST request [/_security/_authenticate?pretty]")

            let me = try await fixture.call("GET", "/_security/_authenticate")
            #expect(me.json?["username"] == "elastic")
            #expect(me.json?["roles"] == ["superuser"])
            #expect(me.json?["authentication_type"] == "realm")
        }
    }

    @Test("unknown API key: 401 with additional_unsuccessful_credentials")
    func unknownAPIKey() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let encoded = Data("VuaCfGcBCdbkQm-e5aOx:secret".utf8).base64EncodedString()
            let response = try await fixture.call("GET", "/_remote/info", auth: .apiKey(encoded))
            let expected = try RepositoryPaths.sharedJSON(
                "es-reference/errors/reconstructed/401.api-key-not-accepted.json")
            #expect(response.status == 401)
            #expect(response.json == expected)
        }
    }

    @Test("license: trial by default, basic under the fault")
    func license() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            #expect(try await fixture.call("GET", "/_license").json?[path: ["license", "type"]] == "trial")
            await fixture.faults.set(.basicLicense, true)
            #expect(try await fixture.call("GET", "/_license").json?[path: ["license", "type"]] == "basic")
            fixture.cluster.setLicense(.enterprise)
            await fixture.faults.set(.basicLicense, false)
            #expect(try await fixture.call("GET", "/_license").json?[path: ["license", "type"]] == "enterprise")
        }
    }

    @Test(
        "cross-cluster key validation messages",
        arguments: [
            (#"{"name":"my-key"}"#, "illegal_argument_exception", "Required [access]"),
            (#"{"access":{"search":[{"names":["a"]}]}}"#, "illegal_argument_exception", "Required [name]"),
            (
                #"{"name": "my-key", "access": null}"#, "x_content_parse_exception",
                "[1:30] [cross_cluster_api_key_request_payload] access doesn't support values of type: VALUE_NULL"
            ),
            (
                #"{"name":"my-key","access":{}}"#, "illegal_argument_exception",
                "must specify non-empty access for either [search] or [replication]"
            ),
            (
                #"{"name":"my-key","access":{"search":[],"replication":[]}}"#, "illegal_argument_exception",
                "must specify non-empty access for either [search] or [replication]"
            ),
            (
                #"{"name":"k","access":{"replication":[{"names":["a"],"field_security":{"grant":["x"]}}]}}"#,
                "illegal_argument_exception", "replication does not support document or field level security"
            ),
            (
                #"{"name":"k","access":{"replication":[{"names":["a"],"query":"{\"match_all\":{}}"}]}}"#,
                "illegal_argument_exception", "replication does not support document or field level security"
            ),
            (
                #"{"name":"k","access":{"search":[{"names":["a"],"query":{"term":{"x":1}}}],"replication":[{"names":["b"]}]}}"#,
                "illegal_argument_exception",
                "search does not support document or field level security if replication is assigned"
            ),
            (
                #"{"name":"k","access":{"search":[{"names":["a"],"privileges":["read"]}]}}"#, "parse_exception",
                "failed to parse indices privileges for role [cross_cluster]. field [privileges] must not present"
            ),
            (
                #"{"name":"","access":{"search":[{"names":["a"]}]}}"#, "action_request_validation_exception",
                "Validation Failed: 1: api key name is required;"
            ),
            (
                #"{"name":"_k","access":{"search":[{"names":["a"]}]}}"#, "action_request_validation_exception",
                "Validation Failed: 1: api key name may not begin with an underscore;"
            ),
            (
                #"{"name":"_k ","access":{"search":[{"names":["a"]}]}}"#, "action_request_validation_exception",
                "Validation Failed: 1: api key name may not begin or end with whitespace;2: api key name may not begin with an underscore;"
            ),
            (
                "{\"name\":\"\(String(repeating: "k", count: 257))\",\"access\":{\"search\":[{\"names\":[\"a\"]}]}}",
                "action_request_validation_exception",
                "Validation Failed: 1: api key name may not be more than 256 characters long;"
            ),
            (
                #"{"name":"k","expiration":"soon","access":{"search":[{"names":["a"]}]}}"#, "parse_exception",
                "failed to parse setting [expiration] with value [soon] as a time value: unit is missing or unrecognized"
            ),
        ])
    func validation(body: String, type: String, reason: String) async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let response = try await fixture.call("POST", "/_security/cross_cluster/api_key", body: body)
            #expect(response.status == 400, "curl exit \(response.exitCode): \(response.stderr) \(response.body)")
            let rootCause = response.json?[path: ["error", "root_cause"]]?.arrayValue?.first
            #expect(rootCause?["type"]?.stringValue == type)
            #expect(rootCause?["reason"]?.stringValue == reason)
            #expect(response.json?["status"] == 400)
            #expect(fixture.cluster.apiKeys.all.isEmpty)
        }
    }

    @Test("parse failures inside a field are wrapped the way Elasticsearch's object parser wraps them")
    func wrappedParseFailures() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let privileges = try await fixture.call(
                "POST", "/_security/cross_cluster/api_key",
                body: #"{"name":"k","access":{"search":[{"names":["a"],"privileges":["read"]}]}}"#)
            #expect(privileges.json?[path: ["error", "type"]] == "x_content_parse_exception")
            #expect(
                privileges.json?[path: ["error", "reason"]]
                    == "[1:22] [cross_cluster_api_key_request_payload] failed to parse field [access]")
            #expect(
                privileges.json?[path: ["error", "caused_by", "reason"]]
                    == "[1:32] [cross_cluster_api_key_request_access] failed to parse field [search]")
            #expect(privileges.json?[path: ["error", "caused_by", "caused_by", "type"]] == "parse_exception")

            let expiration = try await fixture.call(
                "POST", "/_security/cross_cluster/api_key",
                body: #"{"name":"k","expiration":"soon","access":{"search":[{"names":["a"]}]}}"#)
            #expect(
                expiration.json?[path: ["error", "reason"]]
                    == "Failed to build [cross_cluster_api_key_request_payload] after last required field arrived")
            #expect(expiration.json?[path: ["error", "caused_by", "type"]] == "parse_exception")
        }
    }

    @Test("no manage_security: 403; API key credential: 400; Basic license: 403")
    func refusals() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let body = #"{"name":"k","access":{"search":[{"names":["logs*"]}]}}"#
            let limited = try await fixture.call(
                "POST", "/_security/cross_cluster/api_key", body: body, auth: fixture.limited)
            #expect(limited.status == 403)
            #expect(
                limited.json?[path: ["error", "reason"]]
                    == "action [cluster:admin/xpack/security/cross_cluster/api_key/create] is unauthorized for user [limited_user] with effective roles [limited_role], this action is granted by the cluster privileges [manage_security,all]"
            )

            let rest = try await fixture.call("POST", "/_security/api_key", body: #"{"name":"admin-rest-key"}"#)
            #expect(rest.status == 200)
            let restEncoded = try #require(rest.json?["encoded"]?.stringValue)
            let viaKey = try await fixture.call(
                "POST", "/_security/cross_cluster/api_key", body: body, auth: .apiKey(restEncoded))
            let expected = try RepositoryPaths.sharedJSON(
                "es-reference/errors/reconstructed/400.create-cross-cluster-api-key-with-api-key-credential.json")
            #expect(viaKey.status == 400)
            #expect(viaKey.json == expected)

            await fixture.faults.set(.basicLicense, true)
            let basic = try await fixture.call("POST", "/_security/cross_cluster/api_key", body: body)
            #expect(basic.status == 403)
            #expect(basic.json?[path: ["error", "type"]] == "security_exception")
            #expect(
                basic.json?[path: ["error", "reason"]]
                    == "current license is non-compliant for [advanced-remote-cluster-security]")
        }
    }

    @Test("create, get, update, invalidate a cross-cluster key")
    func lifecycle() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let created = try await fixture.call(
                "POST", "/_security/cross_cluster/api_key",
                body: """
                    {"name":"wizard","expiration":"1d","access":{"search":[{"names":["logs*"]}]},"metadata":{"by":"test"}}
                    """)
            #expect(created.status == 200)
            let id = try #require(created.json?["id"]?.stringValue)
            let secret = try #require(created.json?["api_key"]?.stringValue)
            #expect(created.json?["encoded"]?.stringValue == Data("\(id):\(secret)".utf8).base64EncodedString())
            #expect(created.json?["expiration"]?.intValue != nil)

            let got = try await fixture.call("GET", "/_security/api_key?id=\(id)")
            let key = try #require(got.json?["api_keys"]?.arrayValue?.first)
            #expect(key["type"] == "cross_cluster")
            #expect(key["invalidated"] == false)
            #expect(key["access"] == ["search": [["names": ["logs*"], "allow_restricted_indices": false]]])
            #expect(
                key[path: ["role_descriptors", "cross_cluster", "cluster"]] == [
                    "cross_cluster_search", "monitor_enrich",
                ])
            #expect(
                key[path: ["role_descriptors", "cross_cluster", "indices"]]?.arrayValue?.first?["privileges"]
                    == ["read", "read_cross_cluster", "view_index_metadata"])

            let emptyUpdate = try await fixture.call("PUT", "/_security/cross_cluster/api_key/\(id)", body: "{}")
            #expect(
                emptyUpdate.json?[path: ["error", "reason"]]
                    == "must update either [access] or [metadata] for cross-cluster API keys")
            let noBody = try await fixture.call("PUT", "/_security/cross_cluster/api_key/\(id)")
            #expect(noBody.json?[path: ["error", "reason"]] == "request body is required")
            let updated = try await fixture.call(
                "PUT", "/_security/cross_cluster/api_key/\(id)",
                body: #"{"access":{"replication":[{"names":["archive*"]}]}}"#)
            #expect(updated.json == ["updated": true])
            let after = try await fixture.call("GET", "/_security/api_key?id=\(id)")
            #expect(
                after.json?["api_keys"]?.arrayValue?.first?[path: ["role_descriptors", "cross_cluster", "cluster"]]
                    == ["cross_cluster_replication"])

            let invalidated = try await fixture.call("DELETE", "/_security/api_key", body: #"{"ids":["\#(id)"]}"#)
            #expect(invalidated.json?["invalidated_api_keys"] == [.string(id)])
            let again = try await fixture.call("DELETE", "/_security/api_key", body: #"{"ids":["\#(id)"]}"#)
            #expect(again.json?["previously_invalidated_api_keys"] == [.string(id)])
            let late = try await fixture.call(
                "PUT", "/_security/cross_cluster/api_key/\(id)", body: #"{"metadata":{"a":1}}"#)
            #expect(late.json?[path: ["error", "reason"]]?.stringValue == "cannot update invalidated API key [\(id)]")
            let missing = try await fixture.call(
                "PUT", "/_security/cross_cluster/api_key/nope", body: #"{"metadata":{"a":1}}"#)
            #expect(missing.status == 404)
        }
    }

    @Test("a cross-cluster key cannot authenticate REST requests")
    func crossClusterKeyOnREST() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let key = try await fixture.createCrossClusterKey()
            let response = try await fixture.call("GET", "/", auth: .apiKey(key.encoded))
            #expect(response.status == 401)
            #expect(
                response.json?[path: ["error", "additional_unsuccessful_credentials"]]?.stringValue
                    == "API key: authentication expected API key type of [rest], but API key [\(key.id)] has type [cross_cluster]"
            )
        }
    }

    @Test("unknown paths and methods answer like Elasticsearch")
    func routing() async throws {
        try await RemoteClusterFixture.with { (fixture: RemoteClusterFixture) async throws in
            let unknown = try await fixture.call("GET", "/_nothing_here")
            #expect(unknown.status == 400)
            #expect(unknown.json == ["error": "no handler found for uri [/_nothing_here] and method [GET]"])
            let method = try await fixture.call("DELETE", "/_license")
            #expect(method.status == 405)
        }
    }

    static func replacing(_ value: JSONValue, _ old: String, with new: String) -> JSONValue {
        switch value {
        case .string(let text): return .string(text.replacingOccurrences(of: old, with: new))
        case .array(let items): return .array(items.map { replacing($0, old, with: new) })
        case .object(let members): return .object(members.mapValues { replacing($0, old, with: new) })
        default: return value
        }
    }
}
