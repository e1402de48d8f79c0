/// Step 9: the optional local role.
public struct RoleStep: SetupStep {
    public var aliases: [String]
    public init(aliases: [String]) { self.aliases = aliases }
    public var id: SetupStepID { SetupStepID(.role, alias: nil) }
    public var title: String { "Create the role with remote_indices" }

    public func preview(in context: SetupContext) -> StepPreview { StepPreview(notes: []) }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { _, _ in
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: "not implemented yet", fix: "none"))
        }
    }
}
