import OrderedCollections
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// Elasticsearch's validation of `cluster.remote.*` through `PUT /_cluster/settings`, message by message.
@Suite struct ClusterSettingsValidationTests {
    /// Applies a request body to a store and returns the exception it raised.
    func failure(_ body: JSONValue, store: inout ClusterSettingsStore) -> ElasticsearchErrorResponse? {
        do {
            let request = try ClusterSettingsAPI.parseUpdate(body)
            _ = try store.apply(persistent: request.persistent, transient: request.transient)
            return nil
        } catch {
            return error
        }
    }

    func failure(_ body: JSONValue) -> ElasticsearchErrorResponse? {
        var store = ClusterSettingsStore()
        return failure(body, store: &store)
    }

    func persistent(_ settings: JSONValue) -> JSONValue { ["persistent": settings] }

    @Test func proxyAddressWithoutPortMatchesTheReferenceBody() throws {
        let expected = try SharedReference.json("es-reference/errors/reconstructed/400.proxy-address-without-port.json")
        let error = failure(persistent([
            "cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": "my.remote.host",
        ]))
        #expect(error?.body == expected)
    }

    @Test(arguments: [
        ("h.example:abc", "failed to parse port"),
        ("h.example:", "failed to parse port"),
        ("[::1]", "failed to parse port"),
        ("h.example:99999999999", "failed to parse port"),
        ("h.example:0", "port number must be > 0 but was: [0]"),
        ("h.example:-5", "port number must be > 0 but was: [-5]"),
        ("h.example", "remote hosts need to be configured as [host:port], found [h.example] instead"),
    ])
    func proxyAddressPortProblems(address: String, reason: String) {
        let error = failure(persistent(["cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": .string(address)]))
        #expect(error == .illegalArgument(reason))
        #expect(error?.status == 400)
    }

    @Test(arguments: ["[::1]:9443", "2001:db8::1", "h.example:+9443", "h.example:70000", "127.0.0.1:9443"])
    func addressesElasticsearchAcceptsAtSettingsTime(address: String) {
        #expect(failure(persistent(["cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": .string(address)])) == nil)
    }

    @Test func everySeedIsParsed() {
        let error = failure(persistent(["cluster.remote.a.seeds": ["good.example:9300", "bad.example"]]))
        #expect(error?.reason == "remote hosts need to be configured as [host:port], found [bad.example] instead")
    }

    @Test func modeMismatchMessagesAreExact() {
        #expect(failure(persistent([
            "cluster.remote.test_remote_cluster.mode": "proxy",
            "cluster.remote.test_remote_cluster.node_connections": "5",
            "cluster.remote.test_remote_cluster.proxy_address": "h:9443",
        ]))?.reason == #"Setting "cluster.remote.test_remote_cluster.node_connections" cannot be used with the configured "cluster.remote.test_remote_cluster.mode" [required=SNIFF, configured=PROXY]"#)
        #expect(failure(persistent([
            "cluster.remote.test_remote_cluster.proxy_socket_connections": "20",
            "cluster.remote.test_remote_cluster.seeds": "h:9300",
        ]))?.reason == #"Setting "cluster.remote.test_remote_cluster.proxy_socket_connections" cannot be used with the configured "cluster.remote.test_remote_cluster.mode" [required=PROXY, configured=SNIFF]"#)
        #expect(failure(persistent([
            "cluster.remote.x.mode": "sniff", "cluster.remote.x.seeds": ["h:9300"], "cluster.remote.x.server_name": "n",
        ]))?.reason == #"Setting "cluster.remote.x.server_name" cannot be used with the configured "cluster.remote.x.mode" [required=PROXY, configured=SNIFF]"#)
    }

    @Test func orphanSkipUnavailableMatchesTheReferenceBody() throws {
        let expected = try SharedReference.json(
            "es-reference/errors/reconstructed/400.remote-skip-unavailable-without-connection.json")
        #expect(failure(persistent(["cluster.remote.remote1.skip_unavailable": true]))?.body == expected)
    }

    @Test(arguments: ["transport.ping_schedule", "transport.compress", "transport.compression_scheme"])
    func orphanTransportSettings(suffix: String) {
        let value: JSONValue = suffix == "transport.ping_schedule" ? "30s" : (suffix == "transport.compress" ? "true" : "lz4")
        #expect(failure(persistent(["cluster.remote.r.\(suffix)": value]))?.reason
            == "Cannot configure setting [cluster.remote.r.\(suffix)] if remote cluster is not enabled.")
    }

    @Test func removingTheAddressButNotSkipUnavailableFails() throws {
        var store = ClusterSettingsStore()
        #expect(failure(persistent([
            "cluster.remote.r.mode": "proxy", "cluster.remote.r.proxy_address": "h:9443", "cluster.remote.r.skip_unavailable": false,
        ]), store: &store) == nil)
        let error = failure(persistent(["cluster.remote.r.proxy_address": nil, "cluster.remote.r.mode": nil]), store: &store)
        #expect(error?.reason == "Cannot configure setting [cluster.remote.r.skip_unavailable] if remote cluster is not enabled.")
        #expect(store.persistent["cluster.remote.r.proxy_address"] == .string("h:9443"), "a rejected request stores nothing")
    }

    @Test func unknownSettingMatchesTheReferenceBody() throws {
        let expected = try SharedReference.json("es-reference/errors/reconstructed/400.unknown-persistent-setting.json")
        #expect(failure(persistent(["cluster.remote.my_remote.foo": "x"]))?.body == expected)
        #expect(failure(["transient": ["cluster.remote.my_remote.foo": nil]])?.reason
            == "transient setting [cluster.remote.my_remote.foo], not recognized")
    }

    @Test(arguments: ["cluster.remote.my.remote.mode", "cluster.remote.my remote.mode", "cluster.remote..mode", "cluster.remote.é.mode"])
    func aliasesWithOtherCharactersAreNotRecognized(key: String) {
        #expect(failure(persistent([key: "proxy"]))?.reason == "persistent setting [\(key)], not recognized")
    }

    @Test func aliasWithLettersDigitsDashAndUnderscoreIsAccepted() {
        #expect(failure(persistent(["cluster.remote.My-remote_2.seeds": ["h:9300"]])) == nil)
    }

    @Test func numericMinimumsAndNumbers() {
        let key = "cluster.remote.a.proxy_socket_connections"
        #expect(failure(persistent(["cluster.remote.a.mode": "proxy", key: 0]))?.reason
            == "Failed to parse value [0] for setting [\(key)] must be >= 1")
        #expect(failure(persistent([key: "many"]))?.reason
            == "Failed to parse value [many] for setting [\(key)]")
        #expect(failure(persistent(["cluster.remote.a.node_connections": -1]))?.reason
            == "Failed to parse value [-1] for setting [cluster.remote.a.node_connections] must be >= 1")
    }

    @Test func booleansAndModes() {
        #expect(failure(persistent(["cluster.remote.a.seeds": ["h:1"], "cluster.remote.a.skip_unavailable": "yes"]))?.reason
            == "Failed to parse value [yes] as only [true] or [false] are allowed.")
        #expect(failure(persistent(["cluster.remote.a.mode": "direct"]))?.reason
            == "No enum constant org.elasticsearch.transport.RemoteConnectionStrategy.ConnectionStrategy.DIRECT")
        #expect(failure(persistent(["cluster.remote.a.seeds": ["h:1"], "cluster.remote.a.transport.compress": "maybe"]))?.reason
            == "No enum constant org.elasticsearch.transport.Compression.Enabled.MAYBE")
        #expect(failure(persistent(["cluster.remote.a.seeds": ["h:1"], "cluster.remote.a.transport.ping_schedule": "5"]))?.reason
            == "failed to parse setting [cluster.remote.a.transport.ping_schedule] with value [5] as a time value: unit is missing or unrecognized")
    }

    @Test func staticAndSecureSettingsAreNotDynamicallyUpdateable() {
        #expect(failure(persistent(["cluster.remote.initial_connect_timeout": "10s"]))?.reason
            == "persistent setting [cluster.remote.initial_connect_timeout], not dynamically updateable")
        #expect(failure(persistent(["cluster.remote.a.credentials": "abc"]))?.reason
            == "persistent setting [cluster.remote.a.credentials], not dynamically updateable")
        #expect(failure(persistent(["xpack.security.remote_cluster_client.ssl.certificate_authorities": ["ca.crt"]]))?.reason
            == "persistent setting [xpack.security.remote_cluster_client.ssl.certificate_authorities], not dynamically updateable")
    }

    @Test func missingRequiredSeedsForTheSniffProxy() {
        #expect(failure(persistent(["cluster.remote.a.proxy": "p:9300"]))?.reason
            == "missing required setting [cluster.remote.a.seeds] for setting [cluster.remote.a.proxy]")
    }

    @Test func emptyUpdateIsAValidationFailure() {
        let error = failure(["persistent": [:], "transient": [:]])
        #expect(error?.type == "action_request_validation_exception")
        #expect(error?.reason == "Validation Failed: 1: no settings to update;")
        #expect(throws: ElasticsearchErrorResponse(status: 400, type: "parse_exception", reason: "request body is required")) {
            try ClusterSettingsAPI.parseUpdate(nil)
        }
    }

    @Test func transientOverridingPersistentModeIsCheckedOnTheMergedView() {
        var store = ClusterSettingsStore()
        #expect(failure(persistent(["cluster.remote.a.mode": "proxy", "cluster.remote.a.proxy_address": "h:9443"]), store: &store) == nil)
        #expect(failure(["transient": ["cluster.remote.a.seeds": "h:9300"]], store: &store)?.reason
            == #"Setting "cluster.remote.a.seeds" cannot be used with the configured "cluster.remote.a.mode" [required=SNIFF, configured=PROXY]"#)
    }
}

