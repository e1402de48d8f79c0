import Foundation
import OrderedCollections
import RemoteClusterKit

/// The REST API of the simulated local cluster.
enum LocalClusterRoutes {
    static func router(for cluster: LocalElasticsearchCluster) -> RESTRouter {
        var router = RESTRouter(authenticator: cluster.authenticator)
        let license = cluster.options.license
        CommonRoutes.add(to: &router, identity: cluster.identity) { license }
        addSettingsRoutes(to: &router, cluster: cluster)
        addRemoteRoutes(to: &router, cluster: cluster)
        addSecurityRoutes(to: &router, cluster: cluster)
        addUserRoutes(to: &router, cluster: cluster)
        addSearchRoutes(to: &router, cluster: cluster)
        return router
    }

    // MARK: - Cluster settings

    static func addSettingsRoutes(to router: inout RESTRouter, cluster: LocalElasticsearchCluster) {
        router.add("GET", "/_cluster/settings") { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:monitor/settings", privileges: ["monitor", "manage", "all"])
            return request.json(
                ClusterSettingsAPI.getResponse(
                    cluster.settings, flat: request.flag("flat_settings"),
                    includeDefaults: request.flag("include_defaults"),
                    node: [
                        "cluster.name": .string(cluster.identity.name), "node.name": .string(cluster.identity.nodeName),
                    ]))
        }
        router.add("PUT", "/_cluster/settings") { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(action: "cluster:admin/settings/update", privileges: ["manage", "all"])
            let update = try ClusterSettingsAPI.parseUpdate(try request.jsonBody())
            let result = try cluster.updateClusterSettings(persistent: update.persistent, transient: update.transient)
            return request.json(ClusterSettingsAPI.updateResponse(result, flat: request.flag("flat_settings")))
        }
    }

    // MARK: - Remote clusters

    static func addRemoteRoutes(to router: inout RESTRouter, cluster: LocalElasticsearchCluster) {
        router.add("GET", "/_remote/info") { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:monitor/remote/info", privileges: ["monitor", "manage", "all"])
            return request.json(
                RemoteInfoResponse.body(
                    cluster.connections.statuses, initialConnectTimeout: cluster.initialConnectTimeout))
        }
        let resolve: RESTHandler = { request throws(ElasticsearchErrorResponse) in
            let expression = request.pathParameters["expression"]
            try cluster.requireRemoteClusterClientRole(for: expression)
            let body = try await ResolveClusterResponse.resolve(
                expression: expression, cluster: cluster, timeoutSeconds: cluster.options.resolveTimeoutSeconds)
            return request.json(body)
        }
        router.add("GET", "/_resolve/cluster", resolve)
        router.add("GET", "/_resolve/cluster/{expression}", resolve)
        let reload: RESTHandler = { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:admin/nodes/reload_secure_settings", privileges: ["manage", "all"])
            let password = try request.jsonBody()?["secure_settings_password"]?.stringValue.map { Secret($0) }
            return request.json(
                ReloadSecureSettingsResponse.body(
                    cluster: cluster, outcome: cluster.reloadSecureSettings(password: password)))
        }
        router.add("POST", "/_nodes/reload_secure_settings", reload)
        router.add("POST", "/_nodes/{node}/reload_secure_settings", reload)
    }

    // MARK: - Roles

    static func addSecurityRoutes(to router: inout RESTRouter, cluster: LocalElasticsearchCluster) {
        let put: RESTHandler = { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:admin/xpack/security/role/put", privileges: ["manage_security", "all"])
            let name = request.pathParameters["name"] ?? ""
            let body = try request.jsonBody()
            let created = try cluster.state.withLock { state in
                Result { () throws(ElasticsearchErrorResponse) in try state.roles.put(name: name, body: body) }
            }.get()
            return request.json(["role": ["created": .bool(created)]])
        }
        router.add("PUT", "/_security/role/{name}", put)
        router.add("POST", "/_security/role/{name}", put)
        let get: RESTHandler = { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:admin/xpack/security/role/get",
                privileges: ["read_security", "manage_security", "all"])
            let roles = cluster.roles.roles
            return request.namedObjects(all: roles.keys.sorted()) { roles[$0] }
        }
        router.add("DELETE", "/_security/role/{name}") { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:admin/xpack/security/role/delete", privileges: ["manage_security", "all"])
            let name = request.pathParameters["name"] ?? ""
            let found = cluster.state.withLock { $0.roles.delete(name: name) }
            return request.json(status: found ? 200 : 404, ["found": .bool(found)])
        }
        router.add("GET", "/_security/role", get)
        router.add("GET", "/_security/role/{name}", get)
    }
}

extension LocalClusterRoutes {
    // MARK: - Search

    static func addSearchRoutes(to router: inout RESTRouter, cluster: LocalElasticsearchCluster) {
        let search: RESTHandler = { request throws(ElasticsearchErrorResponse) in
            let search = try SearchRequestBody.parse(
                body: try request.jsonBodyRefusingTrailingTokens(), parameters: request.query)
            guard let principal = request.principal else {
                throw RESTAuthenticator.unauthorized(
                    "missing authentication credentials for REST request [\(request.uri)]")
            }
            try cluster.requireRemoteClusterClientRole(for: request.pathParameters["index"])
            return request.json(
                try await CrossClusterSearch.run(
                    expression: request.pathParameters["index"], request: search, principal: principal, cluster: cluster
                ))
        }
        for method in ["GET", "POST"] {
            router.add(method, "/_search", search)
            router.add(method, "/{index}/_search", search)
        }
    }
}
