import Foundation
import RemoteClusterKit

/// `GET|POST /[<target>]/_search` on the remote cluster's REST API: a search of its own indices as
/// the authenticated user (`elastic` reads everything; other users what their roles' `indices`
/// grant). The remote has no remote clusters of its own, so `<alias>:` expressions name none.
enum RemoteSearchRoutes {
    static func add(
        to router: inout RESTRouter, indices: IndexStore, roles: RoleStore, authenticator: RESTAuthenticator
    ) {
        let search: RESTHandler = { request throws(ElasticsearchErrorResponse) in
            let started = ContinuousClock.now
            let search = try SearchRequestBody.parse(
                body: try request.jsonBodyRefusingTrailingTokens(), parameters: request.query)
            guard let principal = request.principal else {
                throw RESTAuthenticator.unauthorized(
                    "missing authentication credentials for REST request [\(request.uri)]")
            }
            let target = try CrossClusterSearch.split(request.pathParameters["index"], aliases: [])
            let user = SearchingUser(principal: principal, roles: roles, authenticator: authenticator)
            let namesOnlyRemotes = target.local.isEmpty && request.pathParameters["index"] != nil
            let result =
                namesOnlyRemotes
                ? IndexSearchResult.empty
                : try CrossClusterSearch.searchLocal(target.local, request: search, user: user, indices: indices)
            return request.json(
                SearchResponseBody.local(result, request: search, tookMillis: started.millisecondsElapsed))
        }
        for method in ["GET", "POST"] {
            router.add(method, "/_search", search)
            router.add(method, "/{index}/_search", search)
        }
    }
}
