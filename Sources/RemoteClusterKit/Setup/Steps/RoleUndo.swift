/// Undo of step 9: deletes the plan's role when this tool made it (its metadata says so).
public struct RoleUndo: UndoStep {
    public var aliases: [String]
    public init(aliases: [String]) { self.aliases = aliases }

    public var id: SetupStepID { SetupStepID(.role, alias: nil) }
    public var title: String { "Delete the role" }

    public func preview(in context: SetupContext) -> StepPreview {
        guard let role = context.role else { return StepPreview(notes: ["The setup has no role."]) }
        return StepPreview(actions: [
            .http(ElasticsearchRequests.getRole(name: role.name), target: .localCluster),
            .http(
                ElasticsearchRequests.deleteRole(name: role.name), target: .localCluster,
                sentOnlyIf: "this tool made the role"),
        ])
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, _ in
            guard let role = context.role else { return .skipped("The setup has no role.") }
            let client = context.localClient(services)
            guard
                let existing = try await Call.elasticsearch(
                    "Reading role \(role.name)", { try await client.role(name: role.name) })
            else {
                return .alreadyDone("There is no role \(role.name).")
            }
            guard RoleStep.isOurs(existing) else {
                return .skipped("Role \(role.name) was not made by this tool; it stays.")
            }
            try await Call.elasticsearch("Deleting role \(role.name)") { try await client.deleteRole(name: role.name) }
            return .done(changes: ["deleted role \(role.name)"])
        }
    }
}
