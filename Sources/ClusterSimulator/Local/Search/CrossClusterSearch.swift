import Foundation
import OrderedCollections
import RemoteClusterKit

/// `GET|POST /[<target>]/_search` on the local cluster, as Elasticsearch's coordinating node runs
/// it with `ccs_minimize_roundtrips` (the default):
///
/// - `<alias>:<pattern>` parts go to that remote cluster (alias wildcards match the configured
///   aliases; an unknown alias without a wildcard is `no_such_remote_cluster_exception`;
///   `-<alias>:*` leaves an alias out); the other parts search the local cluster's own indices;
/// - before anything is sent, the local user's `remote_indices` must apply to the alias (FACTS §5
///   row 13); then the search travels over an open connection of the alias, where the remote lets
///   it read what both the key and those entries grant (row 12);
/// - a remote without an open connection: with `skip_unavailable: true` a connection round starts
///   in the background and the cluster is skipped at once (`Unable to connect to [alias]`), with
///   `false` the search waits for the round and fails with its error;
/// - any failure of a remote (connection, authentication, authorization, missing index) skips it
///   with `skip_unavailable: true` and fails the whole search with `false`.
enum CrossClusterSearch {
    struct Target: Sendable, Hashable {
        var local: [String] = []
        var remote: OrderedDictionary<String, [String]> = [:]
    }

    static func run(
        expression: String?, request: SearchRequestBody, principal: AuthenticatedPrincipal,
        cluster: LocalElasticsearchCluster
    ) async throws(ElasticsearchErrorResponse) -> JSONValue {
        let started = ContinuousClock.now
        let user = SearchingUser(principal: principal, roles: cluster.roles, authenticator: cluster.authenticator)
        let configured = cluster.settings.remoteClusters
        let target = try split(expression, aliases: configured.map(\.alias))
        var outcomes: [ClusterSearchOutcome] = []
        if !target.local.isEmpty || target.remote.isEmpty {
            let localStarted = ContinuousClock.now
            let result = try searchLocal(target.local, request: request, user: user, indices: cluster.indices)
            if target.remote.isEmpty {
                return SearchResponseBody.local(result, request: request, tookMillis: started.millisecondsElapsed)
            }
            outcomes.append(
                ClusterSearchOutcome(
                    cluster: ClusterSearchOutcome.localCluster, indices: target.local.joined(separator: ","),
                    status: .successful, result: result, tookMillis: localStarted.millisecondsElapsed))
        }
        let skipUnavailable = Dictionary(configured.map { ($0.alias, $0.skipUnavailable) }, uniquingKeysWith: { $1 })
        var remoteRequest = request
        remoteRequest.from = 0
        remoteRequest.size = request.from + request.size
        let forwarded = remoteRequest
        let remoteOutcomes = await withTaskGroup(of: (String, ClusterSearchOutcome).self) { group in
            for (alias, indices) in target.remote {
                let skip = skipUnavailable[alias] ?? true
                group.addTask {
                    let outcome = await searchRemote(
                        alias: alias, indices: indices, request: forwarded, user: user, skipUnavailable: skip,
                        cluster: cluster)
                    return (alias, outcome)
                }
            }
            var collected: [String: ClusterSearchOutcome] = [:]
            for await (alias, outcome) in group { collected[alias] = outcome }
            return collected
        }
        for alias in target.remote.keys {
            guard let outcome = remoteOutcomes[alias] else { continue }
            if outcome.status == .failed, let failure = outcome.failure { throw failure }
            outcomes.append(outcome)
        }
        return SearchResponseBody.crossCluster(outcomes, request: request, tookMillis: started.millisecondsElapsed)
    }

    /// Splits `a,b,alias:c,-other:*` into local expressions and expressions per configured alias.
    static func split(_ expression: String?, aliases: [String]) throws(ElasticsearchErrorResponse) -> Target {
        var target = Target()
        var excluded: [String] = []
        for part in (expression ?? "").split(separator: ",").map(String.init) where !part.isEmpty {
            guard let colon = part.firstIndex(of: ":") else {
                target.local.append(part)
                continue
            }
            var aliasPattern = String(part[..<colon])
            let index = String(part[part.index(after: colon)...])
            if aliasPattern.hasPrefix("-") {
                aliasPattern.removeFirst()
                excluded.append(aliasPattern)
                continue
            }
            let matching = aliases.filter { SimpleWildcard.matches(pattern: aliasPattern, $0) }
            if matching.isEmpty && !aliasPattern.contains("*") {
                throw ElasticsearchErrorResponse(
                    status: 404, type: "no_such_remote_cluster_exception",
                    reason: "no such remote cluster: [\(aliasPattern)]")
            }
            for alias in matching { target.remote[alias, default: []].append(index) }
        }
        for pattern in excluded {
            for alias in target.remote.keys where SimpleWildcard.matches(pattern: pattern, alias) {
                target.remote.removeValue(forKey: alias)
            }
        }
        return target
    }

    /// Searches a cluster's own indices as the user.
    static func searchLocal(
        _ expressions: [String], request: SearchRequestBody, user: SearchingUser, indices: IndexStore
    ) throws(ElasticsearchErrorResponse) -> IndexSearchResult {
        switch IndexSearch.run(expressions, in: indices, permissions: [user.localPermission], request: request) {
        case .success(let result): return result
        case .failure(.denied(let names)): throw user.deniedLocally(names)
        case .failure(.missing(let name)): throw IndexAccessFailure.indexNotFound(name)
        }
    }

    static func searchRemote(
        alias: String, indices: [String], request: SearchRequestBody, user: SearchingUser, skipUnavailable: Bool,
        cluster: LocalElasticsearchCluster
    ) async -> ClusterSearchOutcome {
        let started = ContinuousClock.now
        let expression = indices.joined(separator: ",")
        func failed(_ failure: ElasticsearchErrorResponse) -> ClusterSearchOutcome {
            ClusterSearchOutcome(
                cluster: alias, indices: expression, status: skipUnavailable ? .skipped : .failed, result: nil,
                tookMillis: started.millisecondsElapsed, failure: failure)
        }
        let subject = user.subject(for: alias)
        guard !subject.remoteIndices.isEmpty else { return failed(user.noRemotePrivileges(alias: alias)) }
        let connections = cluster.connections
        var connection = connections.openConnection(alias)
        if connection == nil {
            if skipUnavailable {
                connections.connectInBackground(alias)
                return failed(unableToConnect(alias))
            }
            let status = await connections.ensureConnected(alias, timeoutSeconds: cluster.options.resolveTimeoutSeconds)
            connection = connections.openConnection(alias)
            if connection == nil { return failed(status?.lastFailure?.exception ?? unableToConnect(alias)) }
        }
        guard let connection else { return failed(unableToConnect(alias)) }
        let wire = CrossClusterSearchWire.Request(indices: indices, search: request, subject: subject)
        switch await connection.search(wire) {
        case .found(let result, let took)?:
            return ClusterSearchOutcome(
                cluster: alias, indices: expression, status: .successful, result: result,
                tookMillis: max(took, started.millisecondsElapsed))
        case .failed(let error)?:
            return failed(error)
        case nil:
            return failed(
                ElasticsearchErrorResponse(
                    status: 500, type: "node_disconnected_exception",
                    reason: "[][\(connection.address)][\(CrossClusterSearchWire.action)] disconnected"))
        }
    }

    /// `ConnectTransportException` from a remote without an open connection.
    static func unableToConnect(_ alias: String) -> ElasticsearchErrorResponse {
        ElasticsearchErrorResponse(
            status: 500, type: "connect_transport_exception", reason: "Unable to connect to [\(alias)]")
    }
}
