/// Step 8: a `size=0` search on `<alias>:<pattern>` for a pattern the key grants, reporting hits
/// and shards, or the privilege error explained (the key's access or the user's `remote_indices`).
/// When the search skips the remote for want of a connection, one `_resolve/cluster` waits for the
/// reconnection and the search runs once more.
public struct DataAccessStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.dataAccess, alias: alias) }
    public var title: String { "Search across the connection" }

    public func preview(in context: SetupContext) -> StepPreview {
        guard let pattern = Self.pattern(alias, in: context) else {
            return StepPreview(notes: ["The key grants no search access, so there is nothing to search."])
        }
        return StepPreview(
            notes: ["Counts the documents of \(alias):\(pattern) without fetching any, as the local user."],
            actions: [.http(ElasticsearchRequests.countAcross(alias: alias, pattern: pattern), target: .localCluster)])
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, execution in
            _ = try context.requireRemote(alias)
            guard let pattern = Self.pattern(alias, in: context) else {
                return .skipped("The key for \(alias) grants no search access (replication only).")
            }
            let client = context.localClient(services)
            var result = try await search(pattern, client: client, context: &context)
                .result(expression: "\(alias):\(pattern)")
            if Self.skippedAsUnreachable(result) {
                // The connection closed between the connection step and this search (a remote
                // restart, a proxy's idle timeout): Elasticsearch skips such a remote while it
                // reconnects in the background. _resolve/cluster waits for the reconnection.
                execution.progress("\(alias) was skipped as unreachable; checking the connection again.")
                let resolved = try? await client.resolveCluster(aliases: [alias]).first { $0.alias == alias }
                if resolved?.connected == true {
                    result = try await search(pattern, client: client, context: &context)
                        .result(expression: "\(alias):\(pattern)")
                }
            }
            context.update(alias) { $0.dataAccess = result }
            guard result.failures.isEmpty, result.clusterStatus != "skipped", result.clusterStatus != "failed" else {
                throw StepStop.failed(Self.diagnosis(alias, failures: result.failures, context: context))
            }
            let hits =
                result.hits.map { "\($0)\(result.hitsAreLowerBound ? "+" : "") document\($0 == 1 ? "" : "s")" }
                ?? "no hit count"
            let shards = result.shardsTotal.map { ", \(result.shardsSuccessful ?? 0) of \($0) shards" } ?? ""
            return .passed("\(alias):\(pattern): \(hits)\(shards).")
        }
    }

    /// The search's answer; a refused search records its reasons and fails with their diagnosis.
    func search(_ pattern: String, client: ElasticsearchClient, context: inout SetupContext) async throws
        -> CrossClusterSearchAnswer
    {
        let expression = "\(alias):\(pattern)"
        do {
            return CrossClusterSearchAnswer(
                alias: alias, json: try await client.countAcross(alias: alias, pattern: pattern))
        } catch {
            if case .transport(.cancelled) = error { throw CancellationError() }
            guard case .server(let server) = error else {
                throw StepStop.failed(StepFailures.diagnosis(for: error, doing: "Searching \(expression)"))
            }
            context.update(alias) {
                $0.dataAccess = DataAccessResult(expression: expression, failures: server.allReasons)
            }
            throw StepStop.failed(Self.diagnosis(alias, failures: server.allReasons, context: context))
        }
    }

    /// Whether the search skipped the remote for want of a connection (and for nothing else).
    static func skippedAsUnreachable(_ result: DataAccessResult) -> Bool {
        result.clusterStatus == "skipped" && !result.failures.isEmpty
            && result.failures.allSatisfy(ConnectionDiagnosisRules.isConnectionLevel)
    }

    static func diagnosis(_ alias: String, failures: [String], context: SetupContext) -> Diagnosis {
        var observation = ConnectionObserver.base(alias, in: context)
        observation.remoteInfo = context.outputs(for: alias).connection?.remoteInfo
        observation.resolved = context.outputs(for: alias).connection?.resolved
        observation.searchFailures = failures
        return Diagnosis.diagnose(observation)
    }

    /// The pattern to search: the remote's `searchPattern`, else the key's first search name,
    /// else the role's first name, else `*`; nil when the key grants replication only.
    static func pattern(_ alias: String, in context: SetupContext) -> String? {
        guard let remote = context.remote(alias) else { return nil }
        if let pattern = remote.searchPattern { return pattern }
        if let access = remote.setup.keyToCreate?.access {
            return access.search.first?.names.first
        }
        return context.role?.indexNames.first ?? "*"
    }
}

/// The parts of a search answer the data access step reports, for one remote.
struct CrossClusterSearchAnswer {
    let alias: String
    let json: JSONValue

    init(alias: String, json: JSONValue) {
        self.alias = alias
        self.json = json
    }

    var details: JSONValue? { json[path: ["_clusters", "details", alias]] }

    /// Failure reasons for the remote: `_clusters.details.<alias>.failures[].reason` and the
    /// shard failures.
    var failures: [String] {
        let entries =
            (details?["failures"]?.arrayValue ?? []) + (json[path: ["_shards", "failures"]]?.arrayValue ?? [])
        return entries.compactMap { failure in
            let reason = failure["reason"]
            let chain = [reason?["reason"]?.stringValue, reason?[path: ["caused_by", "reason"]]?.stringValue]
            return (chain.compactMap { $0 } + [reason?.stringValue].compactMap { $0 }).joined(
                separator: "; caused by: ")
        }.filter { !$0.isEmpty }
    }

    func result(expression: String) -> DataAccessResult {
        let total = json[path: ["hits", "total"]]
        return DataAccessResult(
            expression: expression, hits: total?["value"]?.intValue ?? total?.intValue,
            hitsAreLowerBound: total?["relation"]?.stringValue == "gte",
            shardsTotal: json[path: ["_shards", "total"]]?.intValue,
            shardsSuccessful: json[path: ["_shards", "successful"]]?.intValue,
            shardsSkipped: json[path: ["_shards", "skipped"]]?.intValue,
            shardsFailed: json[path: ["_shards", "failed"]]?.intValue,
            clusterStatus: details?["status"]?.stringValue, failures: failures)
    }
}
