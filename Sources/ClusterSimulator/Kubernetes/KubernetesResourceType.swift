import Foundation
import RemoteClusterKit

/// One kind of object the simulated Kubernetes serves: its API group and version, its resource
/// (plural) name, and the names kubectl accepts for it.
public struct KubernetesResourceType: Sendable, Hashable {
    /// The API group; empty for the core group (`/api/v1`).
    public var group: String
    public var version: String
    /// The resource name in URLs (`secrets`, `elasticsearches`).
    public var resource: String
    public var kind: String
    public var singular: String
    public var shortNames: [String]
    /// Whether the object has a `status` subresource (writes to the object keep the stored status)
    /// and a `metadata.generation` that counts spec changes, as for a CRD with `subresources.status`.
    public var hasStatusSubresource: Bool
    /// Whether updates may use strategic merge patches (built-in kinds only).
    public var acceptsStrategicMerge: Bool

    /// `v1` or `group/v1`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The resource name Kubernetes uses in messages: `secrets`,
    /// `elasticsearches.elasticsearch.k8s.elastic.co`.
    public var qualifiedResource: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// The path of the collection in a namespace.
    public func collectionPath(namespace: String) -> String {
        let base = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        return "\(base)/namespaces/\(namespace)/\(resource)"
    }

    public static let secret = KubernetesResourceType(
        group: "", version: "v1", resource: "secrets", kind: "Secret", singular: "secret", shortNames: [],
        hasStatusSubresource: false, acceptsStrategicMerge: true)
    public static let configMap = KubernetesResourceType(
        group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", singular: "configmap",
        shortNames: ["cm"], hasStatusSubresource: false, acceptsStrategicMerge: true)
    public static let service = KubernetesResourceType(
        group: "", version: "v1", resource: "services", kind: "Service", singular: "service", shortNames: ["svc"],
        hasStatusSubresource: false, acceptsStrategicMerge: true)
    public static let elasticsearch = KubernetesResourceType(
        group: "elasticsearch.k8s.elastic.co", version: "v1", resource: "elasticsearches", kind: "Elasticsearch",
        singular: "elasticsearch", shortNames: ["es"], hasStatusSubresource: true, acceptsStrategicMerge: false)

    /// Every served type.
    public static let all: [KubernetesResourceType] = [secret, configMap, service, elasticsearch]

    /// The type a kubectl-style name refers to: kind, resource, singular or short name, in any case,
    /// optionally qualified with its group (`elasticsearch.elasticsearch.k8s.elastic.co`).
    public static func named(_ name: String) -> KubernetesResourceType? {
        let lower = name.lowercased()
        for type in all {
            let names = [type.kind.lowercased(), type.resource, type.singular] + type.shortNames
            for candidate in names
            where lower == candidate || (!type.group.isEmpty && lower == "\(candidate).\(type.group)") {
                return type
            }
        }
        return nil
    }

    /// The type of an object by its `apiVersion` and `kind`.
    public static func of(apiVersion: String?, kind: String) -> KubernetesResourceType? {
        all.first { $0.kind == kind && (apiVersion == nil || $0.apiVersion == apiVersion) }
    }
}
