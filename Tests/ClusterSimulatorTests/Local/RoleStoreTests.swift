import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// `PUT/GET /_security/role/<name>` with remote privileges.
@Suite struct RoleStoreTests {
    @Test func createsThenReplacesARoleWithRemoteIndices() throws {
        var store = RoleStore()
        let body: JSONValue = ["remote_indices": [[
            "clusters": ["my_remote_cluster"], "names": ["target-index"],
            "privileges": ["read", "read_cross_cluster", "view_index_metadata"],
        ]]]
        #expect(try store.put(name: "remote-search", body: body) == true)
        #expect(try store.put(name: "remote-search", body: body) == false)
        let stored = try #require(store.roles["remote-search"])
        #expect(stored["remote_indices"] == [[
            "clusters": ["my_remote_cluster"], "names": ["target-index"],
            "privileges": ["read", "read_cross_cluster", "view_index_metadata"], "allow_restricted_indices": false,
        ]])
        #expect(stored["transient_metadata"] == ["enabled": true])
        #expect(stored["cluster"] == [])
    }

    @Test func remoteIndicesNeedClusters() {
        var store = RoleStore()
        #expect(throws: ElasticsearchErrorResponse(
            status: 400, type: "parse_exception",
            reason: "failed to parse remote indices privileges for role [r]. missing required [clusters] field")) {
            _ = try store.put(name: "r", body: ["remote_indices": [["names": ["i"], "privileges": ["read"]]]])
        }
    }

    @Test func remoteClusterAllowsOnlyMonitorEnrichAndMonitorStats() {
        var store = RoleStore()
        #expect(throws: ElasticsearchErrorResponse.validationFailed([
            "Invalid remote_cluster permissions found. Please remove the following: [manage] Only [monitor_enrich, monitor_stats] are allowed",
        ])) {
            _ = try store.put(name: "r", body: ["remote_cluster": [["clusters": ["a"], "privileges": ["monitor_enrich", "manage"]]]])
        }
        #expect((try? store.put(name: "r", body: ["remote_cluster": [["clusters": ["a"], "privileges": ["monitor_stats"]]]])) == true)
    }

    @Test func unknownFieldsAndReservedNamesAreRejected() {
        var store = RoleStore()
        #expect(throws: ElasticsearchErrorResponse(status: 400, type: "parse_exception", reason: "failed to parse role [r]. unexpected field [remote_index]")) {
            _ = try store.put(name: "r", body: ["remote_index": []])
        }
        #expect(throws: ElasticsearchErrorResponse.validationFailed(["Role [superuser] is reserved and may not be used."])) {
            _ = try store.put(name: "superuser", body: [:])
        }
    }
}
