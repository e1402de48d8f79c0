/// Step 7: poll _resolve/cluster and _remote/info until connected with credentials.
public struct ConnectionStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }
    public var id: SetupStepID { SetupStepID(.connection, alias: alias) }
    public var title: String { "Wait for the connection" }

    public func preview(in context: SetupContext) -> StepPreview { StepPreview(notes: []) }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { _, _ in
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: "not implemented yet", fix: "none"))
        }
    }
}
