/// Step 1: `_security/_authenticate`, `GET /` and `GET /_license` on the local cluster and the remote.
public struct ClusterCheckStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }
    public var id: SetupStepID { SetupStepID(.clusters, alias: alias) }
    public var title: String { "Check both clusters' versions and licenses" }

    public func preview(in context: SetupContext) -> StepPreview { StepPreview(notes: []) }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { _, _ in
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: "not implemented yet", fix: "none"))
        }
    }
}
