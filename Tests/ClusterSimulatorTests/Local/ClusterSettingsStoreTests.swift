import OrderedCollections
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// Storing, echoing, reading and removing cluster settings the way Elasticsearch does.
@Suite struct ClusterSettingsStoreTests {
    func apply(_ body: JSONValue, to store: inout ClusterSettingsStore, flat: Bool = false) throws -> JSONValue {
        let request = try ClusterSettingsAPI.parseUpdate(body)
        let result = try store.apply(persistent: request.persistent, transient: request.transient)
        return ClusterSettingsAPI.updateResponse(result, flat: flat)
    }

    @Test func nestedAndFlatFormsStoreTheSameSettings() throws {
        var nested = ClusterSettingsStore()
        var flat = ClusterSettingsStore()
        _ = try apply(["persistent": ["cluster": ["remote": ["a": [
            "mode": "proxy", "proxy_address": "h:9443", "server_name": "h.example", "proxy_socket_connections": 3,
        ]]]]], to: &nested)
        _ = try apply(["persistent": [
            "cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": "h:9443",
            "cluster": ["remote.a.server_name": "h.example"], "cluster.remote.a.proxy_socket_connections": "3",
        ]], to: &flat)
        #expect(nested == flat)
        #expect(nested.persistent["cluster.remote.a.proxy_socket_connections"] == .string("3"), "numbers are stored as text")
    }

    @Test func responseEchoesTheSetKeysNestedByDefaultAndFlatOnRequest() throws {
        var store = ClusterSettingsStore()
        let body: JSONValue = ["persistent": [
            "cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": "h:9443",
            "cluster.remote.a.skip_unavailable": true,
        ]]
        let nested = try apply(body, to: &store)
        #expect(nested.jsonString() == #"{"acknowledged":true,"persistent":{"cluster":{"remote":{"a":{"mode":"proxy","proxy_address":"h:9443","skip_unavailable":"true"}}}},"transient":{}}"#)
        let flat = try apply(body, to: &store, flat: true)
        #expect(flat.jsonString() == #"{"acknowledged":true,"persistent":{"cluster.remote.a.mode":"proxy","cluster.remote.a.proxy_address":"h:9443","cluster.remote.a.skip_unavailable":"true"},"transient":{}}"#)
    }

    @Test func listSettingsKeepTheirShape() throws {
        var store = ClusterSettingsStore()
        let response = try apply(["transient": ["cluster.remote.s.seeds": "h1:9300"], "persistent": ["cluster.remote.t.seeds": ["h1:9300", "h2:9300"]]], to: &store, flat: true)
        #expect(response["transient"]?["cluster.remote.s.seeds"] == "h1:9300")
        #expect(response["persistent"]?["cluster.remote.t.seeds"] == ["h1:9300", "h2:9300"])
        #expect(store.remoteCluster("s")?.seeds == ["h1:9300"])
    }

    @Test func removalWithNullsInOneRequest() throws {
        var store = ClusterSettingsStore()
        _ = try apply(["persistent": ["cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": "h:9443",
                                      "cluster.remote.a.skip_unavailable": "false", "cluster.remote.b.seeds": ["x:1"]]], to: &store)
        let response = try apply(["persistent": ["cluster": ["remote": ["a": [
            "mode": nil, "proxy_address": nil, "skip_unavailable": nil, "seeds": nil, "server_name": nil,
        ]]]]], to: &store)
        #expect(response["persistent"] == [:], "removed keys are not echoed")
        #expect(store.persistent.keys.sorted() == ["cluster.remote.b.seeds"], "other aliases are untouched")
        #expect(store.configuredAliases == ["b"])
    }

    @Test func wildcardNullRemovesEveryKeyOfAnAlias() throws {
        var store = ClusterSettingsStore()
        _ = try apply(["persistent": ["cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": "h:9443",
                                      "cluster.remote.a.skip_unavailable": "false", "cluster.remote.ab.seeds": ["x:1"]]], to: &store)
        _ = try apply(["persistent": ["cluster.remote.a.*": nil]], to: &store)
        #expect(store.persistent.keys.sorted() == ["cluster.remote.ab.seeds"])
        #expect(throws: ElasticsearchErrorResponse.illegalArgument("persistent setting [cluster.remote.a.*], not recognized")) {
            _ = try apply(["persistent": ["cluster.remote.a.*": "x"]], to: &store)
        }
    }

    @Test func switchingModesNeedsTheOtherModesKeysNulled() throws {
        var store = ClusterSettingsStore()
        _ = try apply(["persistent": ["cluster.remote.a.mode": "sniff", "cluster.remote.a.seeds": "h:9300"]], to: &store)
        #expect(throws: ElasticsearchErrorResponse.illegalArgument(
            #"Setting "cluster.remote.a.seeds" cannot be used with the configured "cluster.remote.a.mode" [required=SNIFF, configured=PROXY]"#)) {
            _ = try apply(["persistent": ["cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": "h:9443"]], to: &store)
        }
        _ = try apply(["persistent": ["cluster.remote.a.mode": "proxy", "cluster.remote.a.seeds": nil, "cluster.remote.a.proxy_address": "h:9443"]], to: &store)
        #expect(store.remoteCluster("a") == RemoteClusterConfiguration(alias: "a", mode: .proxy, proxyAddress: "h:9443"))
    }

    @Test func getShowsPersistentTransientAndDefaultsFromNodeSettings() throws {
        var store = ClusterSettingsStore(nodeSettings: ["cluster.remote.my_remote_cluster.seeds": .list(["127.0.0.1:9300"])])
        _ = try apply(["transient": ["cluster.remote.t.seeds": "h:1"]], to: &store)
        let body = ClusterSettingsAPI.getResponse(store, flat: false, includeDefaults: true)
        #expect(body["persistent"] == [:])
        #expect(body["transient"] == ["cluster": ["remote": ["t": ["seeds": "h:1"]]]])
        #expect(body[path: ["defaults", "cluster", "remote", "my_remote_cluster", "seeds"]] == ["127.0.0.1:9300"])
        #expect(body[path: ["defaults", "cluster", "remote", "initial_connect_timeout"]] == "30s")
        #expect(ClusterSettingsAPI.getResponse(store, flat: true, includeDefaults: false).jsonString()
            == #"{"persistent":{},"transient":{"cluster.remote.t.seeds":"h:1"}}"#)
    }

    @Test func effectiveConfigurationAppliesDefaultsAndPrecedence() throws {
        var store = ClusterSettingsStore(nodeSettings: ["cluster.remote.y.seeds": .list(["n:9300"])])
        _ = try apply(["persistent": ["cluster.remote.p.mode": "proxy", "cluster.remote.p.proxy_address": "h:9443"]], to: &store)
        let proxy = try #require(store.remoteCluster("p"))
        #expect(proxy.proxySocketConnections == 18)
        #expect(proxy.serverName == "")
        #expect(proxy.skipUnavailable)
        #expect(store.remoteCluster("y")?.nodeConnections == 3)
        #expect(store.configuredAliases == ["p", "y"])
    }
}
