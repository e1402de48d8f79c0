/// Undo of step 9: deletes the role the setup created.
public struct RoleUndo: UndoStep {
    public var aliases: [String]
    public init(aliases: [String]) { self.aliases = aliases }
    public var id: SetupStepID { SetupStepID(.role, alias: nil) }
    public var title: String { "Delete the role" }

    public func preview(in context: SetupContext) -> StepPreview { StepPreview(notes: []) }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { _, _ in
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: "not implemented yet", fix: "none"))
        }
    }
}
