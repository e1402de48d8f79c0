/// Undo of step 6: removes the alias from the local cluster, every one of its keys set to null
/// in one persistent update (a leftover `skip_unavailable` alone would be refused).
public struct RemoveRemoteUndo: UndoStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.addRemote, alias: alias) }
    public var title: String { "Remove the remote from the local cluster" }

    public func preview(in context: SetupContext) -> StepPreview {
        StepPreview(
            notes: ["Other aliases are not touched."],
            actions: [
                .http(ElasticsearchRequests.clusterSettings(), target: .localCluster),
                .http(
                    ElasticsearchRequests.removeRemote(alias: alias), target: .localCluster,
                    sentOnlyIf: "the alias is configured"),
            ])
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, _ in
            let client = context.localClient(services)
            let configured = try await Call.elasticsearch("Reading the local cluster settings") {
                try await client.configuredRemotes()
            }
            let scopes = configured.filter { $0.alias == alias }.map(\.scope)
            guard scopes.contains(.persistent) else {
                return .alreadyDone("cluster.remote.\(alias) is not in the persistent settings.")
            }
            try await Call.elasticsearch("Removing the remote \(alias)") { try await client.removeRemote(alias: alias) }
            return .done(changes: ["removed cluster.remote.\(alias).* from the local cluster"])
        }
    }
}
