import Foundation
import OrderedCollections
import RemoteClusterKit

/// Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`): the columns
/// `kubectl get` shows for each served kind, computed from the stored objects.
enum KubernetesTable {
    struct Column {
        var name: String
        var type: String
        var format: String
        var cell: (JSONValue) -> JSONValue

        init(name: String, type: String = "string", format: String = "", cell: @escaping (JSONValue) -> JSONValue) {
            self.name = name
            self.type = type
            self.format = format
            self.cell = cell
        }
    }

    static func columns(_ type: KubernetesResourceType) -> [Column] {
        let name = Column(name: "Name", format: "name") { $0[path: ["metadata", "name"]] ?? "" }
        let age = Column(name: "Age", format: "date") { object in
            .string(Self.age(of: object[path: ["metadata", "creationTimestamp"]]?.stringValue))
        }
        switch type.resource {
        case "secrets":
            return [
                name, Column(name: "Type") { $0["type"] ?? "Opaque" },
                Column(name: "Data", type: "integer") { .int($0["data"]?.objectValue?.count ?? 0) }, age,
            ]
        case "configmaps":
            return [name, Column(name: "Data", type: "integer") { .int($0["data"]?.objectValue?.count ?? 0) }, age]
        case "services":
            return [
                name, Column(name: "Type") { $0[path: ["spec", "type"]] ?? "ClusterIP" },
                Column(name: "Cluster-IP") { $0[path: ["spec", "clusterIP"]] ?? "" },
                Column(name: "External-IP") { object in
                    let ingress = object[path: ["status", "loadBalancer", "ingress"]]?.arrayValue?.first
                    if let ip = ingress?["ip"] ?? ingress?["hostname"] { return ip }
                    return object[path: ["spec", "type"]] == "LoadBalancer" ? "<pending>" : "<none>"
                },
                Column(name: "Port(s)") { object in
                    let ports = (object[path: ["spec", "ports"]]?.arrayValue ?? []).map { port in
                        "\(port["port"]?.intValue ?? 0)/\(port["protocol"]?.stringValue ?? "TCP")"
                    }
                    return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
                },
                age,
            ]
        default:
            return [
                name, Column(name: "Health") { $0[path: ["status", "health"]] ?? "" },
                Column(name: "Nodes", type: "integer") { $0[path: ["status", "availableNodes"]] ?? .null },
                Column(name: "Version") { $0[path: ["status", "version"]] ?? "" },
                Column(name: "Phase") { $0[path: ["status", "phase"]] ?? "" }, age,
            ]
        }
    }

    static func table(_ objects: [JSONValue], type: KubernetesResourceType, resourceVersion: Int) -> JSONValue {
        let columns = columns(type)
        let definitions: [JSONValue] = columns.map { column in
            [
                "name": .string(column.name), "type": .string(column.type), "format": .string(column.format),
                "description": "", "priority": 0,
            ]
        }
        let rows: [JSONValue] = objects.map { object in
            [
                "cells": .array(columns.map { $0.cell(object) }),
                "object": [
                    "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                    "metadata": object["metadata"] ?? [:],
                ],
            ]
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": ["resourceVersion": .string(String(resourceVersion))],
            "columnDefinitions": .array(definitions), "rows": .array(rows),
        ]
    }

    /// kubectl's short age: `45s`, `12m`, `3h`, `2d`.
    static func age(of timestamp: String?) -> String {
        guard let timestamp, let date = ISO8601DateFormatter().date(from: timestamp) else { return "<unknown>" }
        let seconds = max(0, Int(Date().timeIntervalSince(date)))
        if seconds < 120 { return "\(seconds)s" }
        if seconds < 7200 { return "\(seconds / 60)m" }
        if seconds < 172_800 { return "\(seconds / 3600)h" }
        return "\(seconds / 86_400)d"
    }
}
