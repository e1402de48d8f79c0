/// Undo of step 6: every key of the alias set to null in one request.
public struct RemoveRemoteUndo: UndoStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }
    public var id: SetupStepID { SetupStepID(.addRemote, alias: alias) }
    public var title: String { "Remove the remote from the local cluster" }

    public func preview(in context: SetupContext) -> StepPreview { StepPreview(notes: []) }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { _, _ in
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: "not implemented yet", fix: "none"))
        }
    }
}
