/// Step 6: PUT /_cluster/settings only when something differs.
public struct AddRemoteStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }
    public var id: SetupStepID { SetupStepID(.addRemote, alias: alias) }
    public var title: String { "Add the remote on the local cluster" }

    public func preview(in context: SetupContext) -> StepPreview { StepPreview(notes: []) }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { _, _ in
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: "not implemented yet", fix: "none"))
        }
    }
}
