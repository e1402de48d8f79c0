import OrderedCollections
import RemoteClusterKit

/// `GET /_resolve/cluster[/<expression>]`: contacts the remote clusters named by the expression
/// (all enabled ones without an expression), starting a connection round for any alias without an
/// open connection, and reports per cluster `connected`, `skip_unavailable`, `error`,
/// `matching_indices` and `version`, as `TransportResolveClusterAction` does.
enum ResolveClusterResponse {
    /// How Elasticsearch names the local cluster in the response.
    static let localClusterName = "(local)"

    static func resolve(expression: String?, cluster: LocalElasticsearchCluster, timeoutSeconds: Double)
        async throws(ElasticsearchErrorResponse) -> JSONValue
    {
        let configured = cluster.settings.remoteClusters.map(\.alias)
        var remotes: [String] = []
        var localIndices: [String] = []
        if let expression {
            for part in expression.split(separator: ",").map(String.init) where !part.hasPrefix("-") {
                guard let colon = part.firstIndex(of: ":") else {
                    localIndices.append(part)
                    continue
                }
                let aliasPattern = String(part[..<colon])
                let matches = configured.filter { SimpleWildcard.matches(pattern: aliasPattern, $0) }
                if matches.isEmpty && !aliasPattern.contains("*") {
                    throw ElasticsearchErrorResponse(
                        status: 404, type: "no_such_remote_cluster_exception",
                        reason: "no such remote cluster: [\(aliasPattern)]")
                }
                for alias in matches where !remotes.contains(alias) { remotes.append(alias) }
            }
        } else {
            remotes = configured
        }
        var body = OrderedDictionary<String, JSONValue>()
        if !localIndices.isEmpty {
            body[localClusterName] = localInfo(localIndices, version: cluster.identity)
        }
        let statuses = await withTaskGroup(of: RemoteConnectionStatus?.self) { group in
            for alias in remotes {
                group.addTask { await cluster.connections.ensureConnected(alias, timeoutSeconds: timeoutSeconds) }
            }
            var collected: [String: RemoteConnectionStatus] = [:]
            for await status in group { if let status { collected[status.configuration.alias] = status } }
            return collected
        }
        for alias in remotes {
            guard let status = statuses[alias] else { continue }
            body[alias] = remoteInfo(status, withIndices: expression != nil)
        }
        return .object(body)
    }

    /// The simulated local cluster holds no indices: wildcards match nothing, names are not found.
    static func localInfo(_ indices: [String], version identity: SimulatedClusterIdentity) -> JSONValue {
        if let missing = indices.first(where: { !$0.contains("*") }) {
            return ["connected": true, "skip_unavailable": false, "error": .string("no such index [\(missing)]")]
        }
        return ["connected": true, "skip_unavailable": false, "matching_indices": false, "version": version(identity.version)]
    }

    static func remoteInfo(_ status: RemoteConnectionStatus, withIndices: Bool) -> JSONValue {
        var info: OrderedDictionary<String, JSONValue> = [
            "connected": .bool(status.connected), "skip_unavailable": .bool(status.configuration.skipUnavailable),
        ]
        if status.connected {
            if withIndices { info["matching_indices"] = false }
            info["version"] = version(status.remoteIdentity?.version ?? "")
        } else if let failure = status.lastFailure, !failure.isRemoteUnavailable {
            info["error"] = .string(errorText(failure.exception))
        }
        return .object(info)
    }

    /// A security exception shows its message; other remote exceptions show Java's `toString()`.
    static func errorText(_ exception: ElasticsearchErrorResponse) -> String {
        switch exception.type {
        case "security_exception": return exception.reason
        case "illegal_argument_exception": return "java.lang.IllegalArgumentException: \(exception.reason)"
        default: return "org.elasticsearch.ElasticsearchErrorResponse: \(exception.reason)"
        }
    }

    static func version(_ number: String) -> JSONValue {
        ["number": .string(number), "build_flavor": "default", "minimum_wire_compatibility_version": "8.19.0",
         "minimum_index_compatibility_version": "8.0.0"]
    }
}
