import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// The remote's seeded indices over its own REST API, and the local cluster's user API.
@Suite(.serialized, .stopsResources) struct RemoteRESTSearchTests {
    @Test func elasticSearchesTheSeededIndicesAndTheLimitedUserIsDenied() async throws {
        try await RemoteClusterFixture.with { fixture in
            let all = try await fixture.call("GET", "/logs-*,metrics-*/_search?size=0")
            #expect(all.status == 200)
            let counts = fixture.cluster.indices.documentCounts
            #expect(
                all.json?[path: ["hits", "total", "value"]]?.intValue
                    == counts.filter { $0.key.hasPrefix("logs-") || $0.key.hasPrefix("metrics-") }.values.reduce(0, +))
            #expect(all.json?["_clusters"] == nil)
            #expect(all.json?[path: ["_shards", "total"]] == 3)
            let denied = try await fixture.call("GET", "/logs-2025.06.01/_search", auth: fixture.limited)
            #expect(denied.status == 403)
            #expect(
                denied.json?[path: ["error", "reason"]]
                    == "action [indices:data/read/search] is unauthorized for user [limited_user] with effective roles [limited_role] on indices [logs-2025.06.01], this action is granted by the index privileges [read,all]"
            )
            let wildcard = try await fixture.call("GET", "/logs-*/_search", auth: fixture.limited)
            #expect(wildcard.status == 200)
            #expect(wildcard.json?[path: ["hits", "total", "value"]] == 0)
        }
    }

    @Test func theUserAPIValidatesLikeElasticsearch() throws {
        let authenticator = RESTAuthenticator(users: [], apiKeys: APIKeyStore())
        #expect(
            throws: ElasticsearchErrorResponse.validationFailed([
                "password must be specified unless you are updating an existing user", "roles are missing",
            ])
        ) {
            try LocalClusterRoutes.putUser(name: "u", body: [:], authenticator: authenticator)
        }
        #expect(throws: ElasticsearchErrorResponse.validationFailed(["passwords must be at least [6] characters long"]))
        {
            try LocalClusterRoutes.putUser(
                name: "u", body: ["password": "short", "roles": []], authenticator: authenticator)
        }
        #expect(
            throws: ElasticsearchErrorResponse.validationFailed([
                "user [elastic] is reserved and only the password can be changed"
            ])
        ) {
            try LocalClusterRoutes.putUser(
                name: "elastic", body: ["password": "longenough", "roles": []], authenticator: authenticator)
        }
        #expect(
            try LocalClusterRoutes.putUser(
                name: "u", body: ["password": "longenough", "roles": ["r"]], authenticator: authenticator))
        #expect(try !LocalClusterRoutes.putUser(name: "u", body: ["roles": ["r", "s"]], authenticator: authenticator))
        #expect(authenticator.user("u")?.roles == ["r", "s"])
        #expect(authenticator.user("u")?.password.revealed == "longenough", "an update without password keeps it")
    }
}
