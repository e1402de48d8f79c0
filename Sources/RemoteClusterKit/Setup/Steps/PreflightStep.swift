/// Step 3: the TLS probe against the proxy address or every seed.
public struct PreflightStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }
    public var id: SetupStepID { SetupStepID(.preflight, alias: alias) }
    public var title: String { "Check the TLS connection to the remote cluster server" }

    public func preview(in context: SetupContext) -> StepPreview { StepPreview(notes: []) }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { _, _ in
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: "not implemented yet", fix: "none"))
        }
    }
}
