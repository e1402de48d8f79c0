import Foundation
import RemoteClusterKit

/// Routes every simulated cluster serves the same way: `GET /`, `GET /_license`,
/// `GET /_security/_authenticate`, `GET /_cluster/health`.
public enum CommonRoutes {
    /// Adds the routes to `router`. `license` is read on every request.
    public static func add(
        to router: inout RESTRouter, identity: SimulatedClusterIdentity,
        license: @escaping @Sendable () -> SimulatedLicense, licenseIssued: Date = Date()
    ) {
        router.add("GET", "/") { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(action: "cluster:monitor/main", privileges: ["monitor", "manage", "all"])
            return request.json(identity.rootInfo)
        }
        router.add("GET", "/_license") { request in
            request.json(license().body(clusterName: identity.name, issued: licenseIssued))
        }
        router.add("GET", "/_security/_authenticate") { request in
            request.json(authenticateBody(request.principal))
        }
        router.add("GET", "/_cluster/health") { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(action: "cluster:monitor/health", privileges: ["monitor", "manage", "all"])
            return request.json([
                "cluster_name": .string(identity.name), "status": "green", "timed_out": false,
                "number_of_nodes": 1, "number_of_data_nodes": 1, "active_primary_shards": 0, "active_shards": 0,
                "relocating_shards": 0, "initializing_shards": 0, "unassigned_shards": 0,
                "unassigned_primary_shards": 0, "delayed_unassigned_shards": 0, "number_of_pending_tasks": 0,
                "number_of_in_flight_fetch": 0, "task_max_waiting_in_queue_millis": 0,
                "active_shards_percent_as_number": 100.0,
            ])
        }
    }

    /// The body of `GET /_security/_authenticate` for a principal.
    public static func authenticateBody(_ principal: AuthenticatedPrincipal?) -> JSONValue {
        guard let principal else { return .object([:]) }
        let realmType = AuthenticatedPrincipal.realmType(of: principal.realm)
        var body: [(String, JSONValue)] = [
            ("username", .string(principal.username)),
            ("roles", .array(principal.roles.map { .string($0) })),
            ("full_name", .null), ("email", .null), ("metadata", .object([:])), ("enabled", true),
        ]
        if let id = principal.apiKeyID {
            body += [
                ("authentication_realm", ["name": "_es_api_key", "type": "_es_api_key"]),
                ("lookup_realm", ["name": "_es_api_key", "type": "_es_api_key"]),
                ("authentication_type", "api_key"),
                ("api_key", ["id": .string(id), "name": principal.apiKeyName.map { .string($0) } ?? .null]),
            ]
        } else {
            body += [
                ("authentication_realm", ["name": .string(principal.realm), "type": .string(realmType)]),
                ("lookup_realm", ["name": .string(principal.realm), "type": .string(realmType)]),
                ("authentication_type", "realm"),
            ]
        }
        return .object(.init(uniqueKeysWithValues: body))
    }
}
