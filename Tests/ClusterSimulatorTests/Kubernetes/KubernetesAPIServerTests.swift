import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

extension KubernetesAPISuites {
    /// The simulated API server's own answers (over HTTPS with curl), and the patch formats it applies.
    @Suite(.serialized, .stopsResources) struct KubernetesAPIServerTests {
        static func start() async throws -> (SimulatedEnvironment, KubernetesAPIServer) {
            let environment = try await Kubectl.environment()
            TestCleanup.add { await environment.shutdown() }
            return (environment, try #require(environment.kubernetesAPI))
        }

        static func call(
            _ server: KubernetesAPIServer, _ method: String, _ path: String, body: String? = nil, token: String? = nil,
            contentType: String = "application/json"
        ) async throws -> CurlResponse {
            var extra = ["-H", "Authorization: Bearer \(token ?? server.token.revealed)"]
            if body != nil { extra += ["-H", "Content-Type: \(contentType)"] }
            return try await CurlClient.send(
                method, server.serverURL(context: "sim-local") + path, cacert: server.caFile, body: body, extra: extra)
        }

        @Test func statusBodiesAreTheAPIServers() async throws {
            let (_, server) = try await Self.start()
            let unauthorized = try await Self.call(server, "GET", "/api/v1/namespaces/default/secrets", token: "wrong")
            #expect(unauthorized.status == 401)
            #expect(
                unauthorized.json == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                    "message": "Unauthorized",
                    "reason": "Unauthorized", "code": 401,
                ])
            let missing = try await Self.call(
                server, "GET", "/apis/elasticsearch.k8s.elastic.co/v1/namespaces/default/elasticsearches/none")
            #expect(missing.status == 404)
            #expect(
                missing.json == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                    "message": #"elasticsearches.elasticsearch.k8s.elastic.co "none" not found"#, "reason": "NotFound",
                    "details": ["name": "none", "group": "elasticsearch.k8s.elastic.co", "kind": "elasticsearches"],
                    "code": 404,
                ])
            let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"b"}}"#
            let created = try await Self.call(server, "POST", "/api/v1/namespaces/default/configmaps", body: body)
            #expect(created.status == 201)
            #expect(created.json?[path: ["metadata", "resourceVersion"]]?.stringValue != nil)
            let again = try await Self.call(server, "POST", "/api/v1/namespaces/default/configmaps", body: body)
            #expect(again.status == 409)
            #expect(again.json?["reason"] == "AlreadyExists")
            #expect(again.json?["message"] == #"configmaps "c" already exists"#)
            let stale = try await Self.call(
                server, "PUT", "/api/v1/namespaces/default/configmaps/c",
                body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"1"},"data":{}}"#
            )
            #expect(stale.status == 409)
            #expect(stale.json?["reason"] == "Conflict")
            let invalid = try await Self.call(
                server, "POST",
                "/apis/elasticsearch.k8s.elastic.co/v1/namespaces/default/elasticsearches?fieldValidation=Strict",
                body:
                    #"{"apiVersion":"elasticsearch.k8s.elastic.co/v1","kind":"Elasticsearch","metadata":{"name":"x"},"spec":{}}"#
            )
            #expect(invalid.status == 422)
            #expect(
                invalid.json?["message"]
                    == #"Elasticsearch.elasticsearch.k8s.elastic.co "x" is invalid: [spec.nodeSets: Required value, spec.version: Required value]"#
            )
            #expect(
                invalid.json?[path: ["details", "causes"]]?.arrayValue?.first == [
                    "reason": "FieldValueRequired", "message": "Required value", "field": "spec.nodeSets",
                ])
        }

        @Test func discoveryListsTheServedResources() async throws {
            let (_, server) = try await Self.start()
            let core = try await Self.call(server, "GET", "/api/v1")
            let names = core.json?["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["secrets", "configmaps", "services"])
            let eck = try await Self.call(server, "GET", "/apis/elasticsearch.k8s.elastic.co/v1")
            #expect(
                eck.json?["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == [
                    "elasticsearches", "elasticsearches/status",
                ])
            #expect(eck.json?["resources"]?.arrayValue?.first?["shortNames"] == ["es"])
            let openAPI = try await Self.call(server, "GET", "/openapi/v3")
            #expect(
                openAPI.json?["paths"]?.objectValue?.keys.sorted() == [
                    "api/v1", "apis/elasticsearch.k8s.elastic.co/v1",
                ])
            let unknownContext = try await CurlClient.send(
                "GET", "https://127.0.0.1:\(server.port)/contexts/elsewhere/api", cacert: server.caFile)
            #expect(unknownContext.status == 404)
        }

        @Test func strategicMergeFollowsMergeKeysAndDirectives() {
            let service: JSONValue = [
                "metadata": ["labels": ["a": "1", "b": "2"]],
                "spec": [
                    "ports": [["port": 80, "name": "http"], ["port": 443, "name": "https"]], "type": "ClusterIP",
                ],
            ]
            let patch: JSONValue = [
                "metadata": ["labels": ["b": nil, "c": "3"]],
                "spec": [
                    "$setElementOrder/ports": [["port": 443], ["port": 9443]],
                    "ports": [
                        ["port": 80, "$patch": "delete"], ["port": 443, "name": "tls"], ["port": 9443, "name": "rcs"],
                    ],
                ],
            ]
            #expect(
                KubernetesPatch.strategic(service, patch) == [
                    "metadata": ["labels": ["a": "1", "c": "3"]],
                    "spec": [
                        "ports": [["port": 443, "name": "tls"], ["port": 9443, "name": "rcs"]], "type": "ClusterIP",
                    ],
                ])
            #expect(
                KubernetesPatch.strategic(["spec": ["a": 1, "b": 2]], ["spec": ["$retainKeys": ["b"], "b": 3]]) == [
                    "spec": ["b": 3]
                ])
            #expect(
                KubernetesPatch.strategic(["spec": ["a": 1]], ["spec": ["$patch": "replace", "b": 2]]) == [
                    "spec": ["b": 2]
                ]
            )
        }

        @Test func jsonPatchAndThreeWayMerge() {
            let object: JSONValue = ["spec": ["list": [1, 2], "name": "x"]]
            #expect(
                KubernetesPatch.jsonPatch(
                    object,
                    [
                        ["op": "add", "path": "/spec/list/-", "value": 3],
                        ["op": "replace", "path": "/spec/name", "value": "y"],
                        ["op": "remove", "path": "/spec/list/0"],
                    ]) == ["spec": ["list": [2, 3], "name": "y"]])
            #expect(KubernetesPatch.jsonPatch(object, [["op": "replace", "path": "/spec/missing", "value": 1]]) == nil)
            #expect(KubernetesPatch.jsonPatch(object, [["op": "test", "path": "/spec/name", "value": "z"]]) == nil)
            let lastApplied: JSONValue = ["spec": ["keep": 1, "dropped": 2]]
            let manifest: JSONValue = ["spec": ["keep": 1, "added": 3]]
            let live: JSONValue = ["spec": ["keep": 1, "dropped": 2, "byServer": 4], "status": ["phase": "Ready"]]
            let patch = KubernetesPatch.threeWay(original: lastApplied, modified: manifest, current: live)
            #expect(patch == ["spec": ["added": 3, "dropped": nil]])
            #expect(
                KubernetesPatch.merge(live, patch) == [
                    "spec": ["keep": 1, "byServer": 4, "added": 3], "status": ["phase": "Ready"],
                ])
        }

        @Test func watchesReportChangesAndRefuseExpiredVersions() async throws {
            let kubernetes = SimulatedKubernetes()
            let location = KubernetesLocation(context: "c", namespace: "default")
            let start = kubernetes.resourceVersion
            let waiting = Task {
                try await kubernetes.changes(after: start, until: .now + .seconds(10)) { $0.name == "w" }
            }
            try kubernetes.create(
                ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "w"]], type: .configMap, in: location)
            let events = try await waiting.value
            #expect(events.map(\.change) == [.added])
            #expect(events.first?.object[path: ["metadata", "name"]] == "w")
            for index in 0...SimulatedKubernetes.historyLimit {
                kubernetes.store(
                    ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("n\(index)")]], in: location)
            }
            await #expect(throws: KubernetesAPIError.gone(start)) {
                _ = try await kubernetes.changes(after: start, until: .now) { _ in true }
            }
        }
    }
}
