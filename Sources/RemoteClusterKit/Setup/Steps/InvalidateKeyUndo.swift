/// Undo of step 4: invalidates the active cross-cluster keys with the plan's key name on the
/// remote. A key the plan gave encoded was not made by the plan and is reported, not touched.
public struct InvalidateKeyUndo: UndoStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.apiKey, alias: alias) }
    public var title: String { "Invalidate the cross-cluster API key" }

    public func preview(in context: SetupContext) -> StepPreview {
        guard let key = context.remote(alias)?.setup.keyToCreate else {
            return StepPreview(notes: ["The plan gives this key encoded; it was not created by the plan and stays."])
        }
        let target = ActionTarget.remoteCluster(alias: alias)
        return StepPreview(actions: [
            .http(ElasticsearchRequests.getAPIKeys(APIKeyQuery(name: key.name, activeOnly: true)), target: target),
            .http(
                ElasticsearchRequests.invalidateAPIKeys(.name(key.name)), target: target,
                sentOnlyIf: "an active key has this name"),
        ])
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        let remote = context.remote(alias)
        let given = remote?.setup.keyToCreate == nil
        let left =
            given
            ? [
                "The cross-cluster key for \(alias) came with the plan (encoded), so it was not invalidated; invalidate it on the remote (DELETE /_security/api_key with its id) if nothing else uses it."
            ]
            : []
        return await StepExecution.run(id, title: title, context: context, events: events, leftBehind: left) {
            context, _ in
            guard let key = remote?.setup.keyToCreate else {
                return .skipped("The plan gives the key for \(alias) encoded; it stays.")
            }
            guard let client = context.remoteClient(alias, services) else {
                throw StepStop.failed(
                    Diagnosis(
                        cause: .requestFailed, summary: "The remote's REST API is not known.",
                        fix: "Give apiKey.create.url in the plan."))
            }
            let now = services.currentDate()
            let active = try await Call.elasticsearch("Looking for keys named \(key.name) on \(alias)") {
                try await client.apiKeys(APIKeyQuery(name: key.name, activeOnly: true))
            }.filter { $0.name == key.name && $0.isActive(at: now) }
            guard !active.isEmpty else { return .alreadyDone("No active key named \(key.name) is on \(alias).") }
            let result = try await Call.elasticsearch("Invalidating the keys named \(key.name)") {
                try await client.invalidateAPIKeys(.ids(active.map(\.id)))
            }
            return .done(changes: [
                "invalidated key\(result.invalidated.count == 1 ? "" : "s") \(result.invalidated.joined(separator: ", ")) (\(key.name)) on \(alias)"
            ])
        }
    }
}
