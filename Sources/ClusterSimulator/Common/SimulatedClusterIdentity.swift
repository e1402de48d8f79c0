import Foundation
import RemoteClusterKit

/// The names and version a simulated cluster reports (`GET /`, handshakes, `Warning` headers).
public struct SimulatedClusterIdentity: Sendable, Hashable {
    /// The ECK resource name, also the cluster name (`cluster_name`).
    public var name: String
    /// The Kubernetes namespace of the ECK resource.
    public var namespace: String
    public var clusterUUID: String
    public var version: String
    public var buildHash: String

    public init(
        name: String, namespace: String = "default", version: String = "9.1.0",
        clusterUUID: String = APIKeyStore.randomToken(bytes: 16), buildHash: String = "00000000"
    ) {
        self.name = name
        self.namespace = namespace
        self.version = version
        self.clusterUUID = clusterUUID
        self.buildHash = buildHash
    }

    /// The node name ECK gives the first pod of the default node set.
    public var nodeName: String { "\(name)-es-default-0" }

    /// The ECK service of the remote cluster server: `<name>-es-remote-cluster.<namespace>.svc`.
    public var remoteClusterServiceName: String { "\(name)-es-remote-cluster.\(namespace).svc" }

    /// The ECK HTTP service: `<name>-es-http.<namespace>.svc`.
    public var httpServiceName: String { "\(name)-es-http.\(namespace).svc" }

    /// The ECK transport service: `<name>-es-transport.<namespace>.svc`.
    public var transportServiceName: String { "\(name)-es-transport.\(namespace).svc" }

    /// The body of `GET /`.
    public var rootInfo: JSONValue {
        [
            "name": .string(nodeName),
            "cluster_name": .string(name),
            "cluster_uuid": .string(clusterUUID),
            "version": [
                "number": .string(version),
                "build_flavor": "default",
                "build_type": "docker",
                "build_hash": .string(buildHash),
                "build_date": "2025-07-09T22:10:13.578182715Z",
                "build_snapshot": false,
                "lucene_version": "10.2.2",
                "minimum_wire_compatibility_version": "8.19.0",
                "minimum_index_compatibility_version": "8.0.0",
            ],
            "tagline": "You Know, for Search",
        ]
    }

    /// The identity a remote cluster server reports in a handshake.
    public var handshakeIdentity: RemoteClusterIdentity {
        RemoteClusterIdentity(clusterName: name, clusterUUID: clusterUUID, version: version)
    }

    /// A deprecation `Warning` header as this cluster would send it.
    public func warning(_ message: String) -> HTTPHeader {
        ElasticsearchWarning.header(message, version: version, buildHash: buildHash)
    }
}

/// The license level of a simulated cluster.
public enum SimulatedLicense: String, Sendable, Hashable {
    case trial, basic, enterprise

    /// Whether API-key remote cluster security is allowed (`advanced-remote-cluster-security`).
    public var allowsRemoteClusterSecurity: Bool { self != .basic }

    /// The 403 Elasticsearch sends when the license does not allow the feature.
    public static let nonCompliant = ElasticsearchErrorResponse(
        status: 403, type: "security_exception",
        reason: "current license is non-compliant for [advanced-remote-cluster-security]",
        extra: ["license.expired.feature": "advanced-remote-cluster-security"])

    /// The body of `GET /_license`.
    public func body(clusterName: String, issued: Date) -> JSONValue {
        let issuedMillis = Int(issued.timeIntervalSince1970 * 1000)
        var license: [(String, JSONValue)] = [
            ("status", "active"),
            ("uid", .string(UUID().uuidString.lowercased())),
            ("type", .string(rawValue)),
            ("issue_date", .string(Self.iso(issued))),
            ("issue_date_in_millis", .int(issuedMillis)),
        ]
        if self != .basic {
            let expiry = issued.addingTimeInterval(self == .trial ? 30 * 86_400 : 365 * 86_400)
            license += [
                ("expiry_date", .string(Self.iso(expiry))),
                ("expiry_date_in_millis", .int(Int(expiry.timeIntervalSince1970 * 1000))),
            ]
        }
        license += [
            ("max_nodes", self == .enterprise ? .null : .int(1000)),
            ("max_resource_units", self == .enterprise ? .int(100) : .null),
            ("issued_to", .string(clusterName)),
            ("issuer", self == .basic || self == .trial ? "elasticsearch" : "Elastic"),
            ("start_date_in_millis", .int(-1)),
        ]
        return .object(["license": .object(.init(uniqueKeysWithValues: license))])
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
