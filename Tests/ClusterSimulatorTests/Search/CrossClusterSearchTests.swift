import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// A search on the local cluster for `<alias>:<pattern>` travels over the simulated remote cluster
/// connection; the remote enforces the key's `access.search` and the user's `remote_indices`, and
/// the answers have Elasticsearch's shape and exact security errors (FACTS §5 rows 12 and 13).
@Suite(.serialized, .stopsResources) struct CrossClusterSearchTests {
    static let seeded = IndexStore(IndexStore.seededRemoteIndices())

    /// Documents of the seeded indices whose names start with `prefix` and that pass `filter`.
    static func count(_ prefix: String, _ filter: (JSONValue) -> Bool = { _ in true }) -> Int {
        seeded.names.filter { $0.hasPrefix(prefix) }.compactMap(seeded.index)
            .flatMap(\.documents).filter { filter($0.source) }.count
    }

    /// Starts a pair whose key grants `access`, configures alias `a` and waits until it is connected.
    static func connectedPair(
        access: JSONValue = ["search": [["names": ["logs*", "metrics*"]]]], skipUnavailable: Bool? = nil
    ) async throws -> LocalRemotePair {
        let pair = try await LocalRemotePair.start(access: access)
        TestCleanup.add { await pair.shutdown() }
        let status = try await pair.configureProxy(
            serverName: pair.remote.identity.remoteClusterServiceName, skipUnavailable: skipUnavailable)
        #expect(status.connected)
        return pair
    }

    static func search(
        _ pair: LocalRemotePair, _ path: String, body: String? = #"{"size":0}"#, auth: CurlAuth? = nil
    ) async throws -> CurlResponse {
        try await CurlClient.send(
            body == nil ? "GET" : "POST", pair.local.restURL + path,
            auth: auth ?? .basic("elastic", pair.local.elasticPassword.revealed), cacert: pair.local.httpCAFile,
            body: body)
    }

    /// The body with every `took` set to 0, for whole-body comparisons.
    static func withoutTook(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var result = members
            for (key, member) in members { result[key] = key == "took" ? 0 : withoutTook(member) }
            return .object(result)
        case .array(let items): return .array(items.map(withoutTook))
        default: return value
        }
    }

    static func reason(_ response: CurlResponse) -> String? {
        response.json?[path: ["error", "reason"]]?.stringValue
    }

    @Test func aSizeZeroSearchCountsTheRemoteHitsInElasticsearchsShape() async throws {
        let pair = try await Self.connectedPair()
        let response = try await Self.search(pair, "/a:logs-*/_search")
        #expect(response.status == 200)
        #expect(response.headerValues("content-type") == ["application/json"])
        let body = try #require(response.json)
        let expected: JSONValue = [
            "took": 0, "timed_out": false,
            "_shards": ["total": 2, "successful": 2, "skipped": 0, "failed": 0],
            "_clusters": [
                "total": 1, "successful": 1, "skipped": 0, "running": 0, "partial": 0, "failed": 0,
                "details": [
                    "a": [
                        "status": "successful", "indices": "logs-*", "took": 0, "timed_out": false,
                        "_shards": ["total": 2, "successful": 2, "skipped": 0, "failed": 0],
                    ]
                ],
            ],
            "hits": ["total": ["value": .int(Self.count("logs-")), "relation": "eq"], "max_score": .null, "hits": []],
        ]
        #expect(Self.withoutTook(body) == expected)
        #expect(Array(body.objectValue?.keys ?? []) == ["took", "timed_out", "_shards", "_clusters", "hits"])
        #expect(Self.count("logs-") == 20)
    }

    @Test func hitsCarryTheAliasInTheirIndexAndTheQueryCounts() async throws {
        let pair = try await Self.connectedPair()
        let response = try await Self.search(
            pair, "/a:logs-*/_search", body: #"{"size":3,"query":{"term":{"log.level":"error"}}}"#)
        #expect(response.status == 200)
        let errors = Self.count("logs-") { $0[path: ["log", "level"]] == "error" }
        #expect(response.json?[path: ["hits", "total", "value"]]?.intValue == errors)
        let hits = response.json?[path: ["hits", "hits"]]?.arrayValue ?? []
        #expect(hits.count == 3)
        #expect(hits.allSatisfy { $0["_index"]?.stringValue?.hasPrefix("a:logs-2025.06.0") == true })
        #expect(hits.allSatisfy { $0[path: ["_source", "log", "level"]] == "error" })
        #expect(response.json?[path: ["hits", "max_score"]] == 1.0)
    }

    @Test func aConcreteIndexOutsideTheKeysAccessIsRow12WhenTheRemoteIsRequired() async throws {
        let pair = try await Self.connectedPair(skipUnavailable: false)
        let response = try await Self.search(pair, "/a:audit-2025.06.01/_search")
        #expect(response.status == 403)
        #expect(response.json?[path: ["error", "type"]] == "security_exception")
        #expect(
            Self.reason(response)
                == "action [indices:data/read/search] towards remote cluster is unauthorized for user [elastic] with assigned roles [superuser] authenticated by API key id [\(pair.keyID)] of user [elastic] on indices [audit-2025.06.01], this action is granted by the index privileges [read,all]"
        )
        #expect(response.json?["status"] == 403)
    }

    @Test func withSkipUnavailableTheDeniedClusterIsSkippedWithTheSameError() async throws {
        let pair = try await Self.connectedPair()
        let response = try await Self.search(pair, "/a:audit-2025.06.01/_search")
        #expect(response.status == 200)
        let body = try #require(response.json)
        #expect(body["num_reduce_phases"] == 0)
        #expect(body["_shards"] == ["total": 0, "successful": 0, "skipped": 0, "failed": 0])
        #expect(body[path: ["_clusters", "skipped"]] == 1)
        #expect(body[path: ["_clusters", "successful"]] == 0)
        let detail = try #require(body[path: ["_clusters", "details", "a"]])
        #expect(detail["status"] == "skipped")
        #expect(detail["indices"] == "audit-2025.06.01")
        let failure = try #require(detail["failures"]?.arrayValue?.first)
        #expect(failure["shard"] == -1)
        #expect(failure["index"] == .null)
        #expect(failure[path: ["reason", "type"]] == "security_exception")
        #expect(
            failure[path: ["reason", "reason"]]?.stringValue?.hasSuffix(
                "on indices [audit-2025.06.01], this action is granted by the index privileges [read,all]") == true)
        #expect(body[path: ["hits", "total"]] == ["value": 0, "relation": "eq"])
    }

    @Test func aWildcardOnlyExpandsToWhatTheKeyGrants() async throws {
        let pair = try await Self.connectedPair(skipUnavailable: false)
        let all = try await Self.search(pair, "/a:*/_search")
        #expect(all.status == 200)
        #expect(all.json?[path: ["hits", "total", "value"]]?.intValue == Self.count("logs-") + Self.count("metrics-"))
        #expect(all.json?[path: ["_shards", "total"]] == 3)
        let audit = try await Self.search(pair, "/a:audit-*/_search")
        #expect(audit.status == 200)
        #expect(audit.json?[path: ["hits", "total", "value"]] == 0)
        #expect(audit.json?[path: ["_clusters", "details", "a", "status"]] == "successful")
    }

    @Test func theKeysQueryLimitsWhatIsCounted() async throws {
        let pair = try await Self.connectedPair(
            access: ["search": [["names": ["logs*"], "query": ["term": ["service.name": "web"]]]]])
        let response = try await Self.search(pair, "/a:logs-*/_search")
        #expect(response.status == 200)
        let web = Self.count("logs-") { $0[path: ["service", "name"]] == "web" }
        #expect(web > 0 && web < Self.count("logs-"))
        #expect(response.json?[path: ["hits", "total", "value"]]?.intValue == web)
    }

    @Test func aUserWithoutRemoteIndicesForTheAliasIsRow13() async throws {
        let pair = try await Self.connectedPair(skipUnavailable: false)
        try pair.local.state.withLock { state in
            _ = try state.roles.put(name: "local_only", body: ["indices": [["names": ["x"], "privileges": ["read"]]]])
        }
        _ = try LocalClusterRoutes.putUser(
            name: "local_search_user", body: ["password": "secret-password", "roles": ["local_only", "ghost"]],
            authenticator: pair.local.authenticator)
        let response = try await Self.search(
            pair, "/a:logs-*/_search", auth: .basic("local_search_user", "secret-password"))
        #expect(response.status == 403)
        #expect(
            Self.reason(response)
                == "action [indices:data/read/search] towards remote cluster [a] is unauthorized for user [local_search_user] with effective roles [local_only] (assigned roles [ghost] were not found) because no remote indices privileges apply for the target cluster"
        )
    }

    @Test func theUsersRemoteIndicesAndTheKeyAreIntersected() async throws {
        let pair = try await Self.connectedPair(skipUnavailable: false)
        let role = try await CurlClient.send(
            "PUT", pair.local.restURL + "/_security/role/remote_search",
            auth: .basic("elastic", pair.local.elasticPassword.revealed), cacert: pair.local.httpCAFile,
            body:
                #"{"remote_indices":[{"clusters":["a*"],"names":["logs-2025.06.01","audit-*"],"privileges":["read","read_cross_cluster"]}]}"#
        )
        #expect(role.status == 200)
        let user = try await CurlClient.send(
            "PUT", pair.local.restURL + "/_security/user/remote_search_user",
            auth: .basic("elastic", pair.local.elasticPassword.revealed), cacert: pair.local.httpCAFile,
            body: #"{"password":"x-pack-test-password","roles":["remote_search"]}"#)
        #expect(user.status == 200)
        #expect(user.json == ["created": true])
        let auth = CurlAuth.basic("remote_search_user", "x-pack-test-password")
        let wildcard = try await Self.search(pair, "/a:*/_search", auth: auth)
        #expect(wildcard.status == 200)
        #expect(wildcard.json?[path: ["hits", "total", "value"]]?.intValue == Self.count("logs-2025.06.01"))
        let byUser = try await Self.search(pair, "/a:logs-2025.06.02/_search", auth: auth)
        #expect(byUser.status == 403)
        #expect(
            Self.reason(byUser)
                == "action [indices:data/read/search] towards remote cluster is unauthorized for user [remote_search_user] with assigned roles [remote_search] authenticated by API key id [\(pair.keyID)] of user [elastic] on indices [logs-2025.06.02], this action is granted by the index privileges [read,all]"
        )
        let byKey = try await Self.search(pair, "/a:audit-2025.06.01/_search", auth: auth)
        #expect(byKey.status == 403)
        #expect(
            Self.reason(byKey)?.hasSuffix(
                "on indices [audit-2025.06.01], this action is granted by the index privileges [read,all]") == true)
    }

    @Test func localAndRemotePatternsTogetherReportBothClusters() async throws {
        let pair = try await Self.connectedPair()
        let response = try await Self.search(pair, "/local-*,a:metrics-*/_search")
        #expect(response.status == 200)
        let body = try #require(response.json)
        #expect(body["num_reduce_phases"] == 3)
        #expect(body[path: ["_clusters", "total"]] == 2)
        #expect(body[path: ["_clusters", "successful"]] == 2)
        #expect(
            body[path: ["_clusters", "details", "(local)"]] == [
                "status": "successful", "indices": "local-*",
                "took": body[path: ["_clusters", "details", "(local)", "took"]] ?? 0,
                "timed_out": false, "_shards": ["total": 0, "successful": 0, "skipped": 0, "failed": 0],
            ])
        #expect(body[path: ["hits", "total", "value"]]?.intValue == Self.count("metrics-"))
        let missingLocal = try await Self.search(pair, "/nothing-here,a:metrics-*/_search")
        #expect(missingLocal.status == 404)
        #expect(
            missingLocal.json?[path: ["error", "root_cause"]] == [
                [
                    "type": "index_not_found_exception", "reason": "no such index [nothing-here]",
                    "resource.type": "index_or_alias", "resource.id": "nothing-here", "index_uuid": "_na_",
                    "index": "nothing-here",
                ]
            ])
    }

    @Test func anUnknownAliasIsNoSuchRemoteCluster() async throws {
        let pair = try await Self.connectedPair()
        let response = try await Self.search(pair, "/b:logs-*/_search")
        #expect(response.status == 404)
        #expect(response.json?[path: ["error", "type"]] == "no_such_remote_cluster_exception")
        #expect(Self.reason(response) == "no such remote cluster: [b]")
        let local = try await Self.search(pair, "/_search")
        #expect(local.status == 200)
        #expect(local.json?["_clusters"] == nil, "a search of local indices only has no _clusters")
    }

    @Test func aMissingRemoteIndexIsIndexNotFound() async throws {
        let pair = try await Self.connectedPair(skipUnavailable: false)
        let response = try await Self.search(pair, "/a:logs-2030.01.01/_search")
        #expect(response.status == 404)
        #expect(response.json?[path: ["error", "type"]] == "index_not_found_exception")
        #expect(Self.reason(response) == "no such index [logs-2030.01.01]")
    }

    @Test func skipUnavailableDecidesBetweenASkippedClusterAndAnError() async throws {
        let pair = try await LocalRemotePair.start()
        TestCleanup.add { await pair.shutdown() }
        let port = try await reservedClosedPort()
        try await pair.configureProxy(address: "127.0.0.1:\(port)")
        let skipped = try await Self.search(pair, "/a:logs-*/_search")
        #expect(skipped.status == 200)
        #expect(skipped.json?[path: ["_clusters", "details", "a", "status"]] == "skipped")
        #expect(
            skipped.json?[path: ["_clusters", "details", "a", "failures"]] == [
                [
                    "shard": -1, "index": .null,
                    "reason": ["type": "connect_transport_exception", "reason": "Unable to connect to [a]"],
                ]
            ])
        try await pair.configureProxy(address: "127.0.0.1:\(port)", skipUnavailable: false)
        let failed = try await Self.search(pair, "/a:logs-*/_search")
        #expect(failed.status == 500)
        #expect(failed.json?[path: ["error", "type"]] == "no_seed_node_left_exception")
        #expect(
            Self.reason(failed) == "Unable to open any proxy connections to cluster [a] at address [127.0.0.1:\(port)]")
    }

    @Test func theRemoteAuthenticatesTheKeyForEverySearch() async throws {
        let pair = try await Self.connectedPair(skipUnavailable: false)
        #expect(pair.remote.apiKeys.invalidate(id: pair.keyID))
        let response = try await Self.search(pair, "/a:logs-*/_search")
        #expect(response.status == 401)
        #expect(
            Self.reason(response) == "unable to authenticate user [\(pair.keyID)] for action [indices:data/read/search]"
        )
    }
}
