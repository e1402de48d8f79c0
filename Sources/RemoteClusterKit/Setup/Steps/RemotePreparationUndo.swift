/// Undo of step 2: reports what was changed on the remote and is left in place.
public struct RemotePreparationUndo: UndoStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }
    public var id: SetupStepID { SetupStepID(.remotePreparation, alias: alias) }
    public var title: String { "Report what stays on the remote" }

    public func preview(in context: SetupContext) -> StepPreview { StepPreview(notes: []) }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { _, _ in
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: "not implemented yet", fix: "none"))
        }
    }
}
