/// Undo of step 5: Secret entries, CA and configuration removed from the local resource.
public struct LocalClusterUndo: UndoStep {
    public var aliases: [String]
    public init(aliases: [String]) { self.aliases = aliases }
    public var id: SetupStepID { SetupStepID(.localCluster, alias: nil) }
    public var title: String { "Remove the local ECK configuration" }

    public func preview(in context: SetupContext) -> StepPreview { StepPreview(notes: []) }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { _, _ in
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: "not implemented yet", fix: "none"))
        }
    }
}
