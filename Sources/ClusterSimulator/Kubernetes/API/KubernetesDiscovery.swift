import Foundation
import OrderedCollections
import RemoteClusterKit

/// The discovery documents the simulated API server answers with: `/version`, the legacy
/// `/api` and `/apis` lists, the resource list of each group version, and the OpenAPI v3 index
/// and group-version documents kubectl reads to learn that the server validates fields itself
/// (a `fieldValidation` parameter on each `PATCH`).
enum KubernetesDiscovery {
    static let serverVersion: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.0", "gitCommit": "simulated", "gitTreeState": "clean",
        "buildDate": "2024-12-11T17:58:00Z", "goVersion": "go1.23.3", "compiler": "gc", "platform": "linux/amd64",
    ]

    static func groupVersions() -> OrderedDictionary<String, [KubernetesResourceType]> {
        var result = OrderedDictionary<String, [KubernetesResourceType]>()
        for type in KubernetesResourceType.all { result[type.apiVersion, default: []].append(type) }
        return result
    }

    static func coreVersions(serverAddress: String) -> JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    static func group(_ name: String) -> JSONValue? {
        let versions = groupVersions().keys.filter { $0.hasPrefix(name + "/") }
        guard let preferred = versions.first else { return nil }
        let entries: [JSONValue] = versions.map { gv in
            ["groupVersion": .string(gv), "version": .string(String(gv.dropFirst(name.count + 1)))]
        }
        return [
            "kind": "APIGroup", "apiVersion": "v1", "name": .string(name), "versions": .array(entries),
            "preferredVersion": [
                "groupVersion": .string(preferred), "version": .string(String(preferred.dropFirst(name.count + 1))),
            ],
        ]
    }

    static var groupList: JSONValue {
        let names = OrderedSet(KubernetesResourceType.all.map(\.group).filter { !$0.isEmpty })
        var groups: [JSONValue] = []
        for name in names {
            guard var group = group(name) else { continue }
            if case .object(var members) = group {
                members.removeValue(forKey: "kind")
                members.removeValue(forKey: "apiVersion")
                group = .object(members)
            }
            groups.append(group)
        }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    static let verbs: JSONValue = ["create", "delete", "get", "list", "patch", "update", "watch"]

    static func resourceList(_ groupVersion: String) -> JSONValue? {
        guard let types = groupVersions()[groupVersion] else { return nil }
        var resources: [JSONValue] = []
        for type in types {
            var entry: OrderedDictionary<String, JSONValue> = [
                "name": .string(type.resource), "singularName": .string(type.singular), "namespaced": true,
                "kind": .string(type.kind), "verbs": verbs,
            ]
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map { .string($0) }) }
            if type == .elasticsearch { entry["categories"] = ["elastic"] }
            if type == .service { entry["categories"] = ["all"] }
            resources.append(.object(entry))
            if type.hasStatusSubresource {
                resources.append([
                    "name": .string("\(type.resource)/status"), "singularName": "", "namespaced": true,
                    "kind": .string(type.kind), "verbs": ["get", "patch", "update"],
                ])
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion),
            "resources": .array(resources),
        ]
    }

    /// The OpenAPI v3 path of a group version: `api/v1`, `apis/<group>/<version>`.
    static func openAPIPath(_ groupVersion: String) -> String {
        groupVersion.contains("/") ? "apis/\(groupVersion)" : "api/\(groupVersion)"
    }

    static var openAPIIndex: JSONValue {
        var paths = OrderedDictionary<String, JSONValue>()
        for groupVersion in groupVersions().keys {
            let path = openAPIPath(groupVersion)
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash(groupVersion))")]
        }
        return ["paths": .object(paths)]
    }

    static func hash(_ groupVersion: String) -> String {
        String(SHA256Hex.digest(of: Data(groupVersion.utf8)).prefix(32)).uppercased()
    }

    /// A minimal OpenAPI v3 document of a group version: every object path with its operations
    /// (the `PATCH` ones list `fieldValidation`), and object schemas that preserve unknown fields
    /// (the server validates, not kubectl).
    static func openAPIDocument(_ groupVersion: String) -> JSONValue? {
        guard let types = groupVersions()[groupVersion] else { return nil }
        var paths = OrderedDictionary<String, JSONValue>()
        var schemas = OrderedDictionary<String, JSONValue>()
        for type in types {
            let gvk: JSONValue = [
                "group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind),
            ]
            let schemaName = schemaName(type)
            let parameters: JSONValue = [
                ["name": "dryRun", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                ["name": "fieldManager", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                ["name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
            ]
            func operation(_ action: String) -> JSONValue {
                [
                    "operationId": .string("\(action)\(type.kind)"), "parameters": parameters,
                    "x-kubernetes-action": .string(action), "x-kubernetes-group-version-kind": gvk,
                    "responses": [
                        "200": [
                            "description": "OK",
                            "content": [
                                "application/json": ["schema": ["$ref": .string("#/components/schemas/\(schemaName)")]]
                            ],
                        ]
                    ],
                ]
            }
            let base = type.collectionPath(namespace: "{namespace}")
            paths[base] = ["get": operation("list"), "post": operation("post")]
            paths[base + "/{name}"] = [
                "get": operation("get"), "put": operation("put"), "patch": operation("patch"),
                "delete": operation("delete"),
            ]
            schemas[schemaName] = [
                "type": "object", "x-kubernetes-preserve-unknown-fields": true,
                "x-kubernetes-group-version-kind": [gvk],
            ]
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.32.0"], "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }

    /// `/openapi/v2` as kubectl asks for it (gnostic `openapi_v2.Document` in protobuf): only
    /// `swagger: "2.0"` and `info`, no definitions, so client-side validation (which kubectl falls
    /// back to for a `List`) finds no schema and leaves checking to the server.
    static var openAPIV2Protobuf: Data {
        func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] { [number << 3 | 2, UInt8(bytes.count)] + bytes }
        let info = field(1, Array("Kubernetes".utf8)) + field(2, Array("v1.32.0".utf8))
        return Data(field(1, Array("2.0".utf8)) + field(2, info))
    }

    static let openAPIV2ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

    static func schemaName(_ type: KubernetesResourceType) -> String {
        type.group.isEmpty ? "io.k8s.api.core.v1.\(type.kind)" : "co.elastic.k8s.elasticsearch.v1.\(type.kind)"
    }
}
