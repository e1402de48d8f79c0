import RemoteClusterKit

/// Engine work a screen asks for. A value, so tests compare the effects exactly; the runtime
/// (`SetupJobRunner` in WizardTerminal) carries it out with the engine and answers with a
/// `WizardReply`.
public enum WizardJob: Sendable, Hashable {
    /// Run one engine step (of the remote in the context, or the setup-wide local or role step);
    /// its events arrive as progress, its result as the reply.
    case step(SetupStepKind, SetupContext)
    /// Look at the remote's connection once (`_remote/info`, `_resolve/cluster`), for the live view.
    case observe(alias: String, SetupContext)
    /// Read the alias's current `cluster.remote.<alias>.*` settings (`GET /_cluster/settings`),
    /// to show what adding the remote would change before anything is sent.
    case readRemoteSettings(alias: String, SetupContext)
}

/// The result (or progress) of a `WizardJob`.
public enum WizardReply: Sendable {
    /// Something happened while a step ran (progress).
    case stepEvent(SetupEvent)
    /// A step ended.
    case stepFinished(StepResult)
    /// One look at a connection, with the local cluster's other remotes; `problem` says why the
    /// local cluster could not be asked.
    case observed(ConnectionObservation, others: [RemoteInfo], problem: String?)
    /// The alias's current settings (nil: not configured), or why they could not be read.
    case remoteSettings(Result<ConfiguredRemote?, ElasticsearchClientError>)
}

extension WizardContext {
    /// The alias the steps run under: the one given on Connection details, or until then the one
    /// derived from the remote (so the remote can be prepared before it is named).
    public var alias: String { answers.alias.isEmpty ? SetupDefaults.alias(answers) : answers.alias }

    /// The engine's context for the answers so far, with what earlier steps found.
    public var setup: SetupContext {
        var named = answers
        named.alias = alias
        return SetupPlanning.context(named, secrets: secrets, previous: engine)
    }

    /// Keeps what a finished step found (outputs, decisions) for the next steps.
    public mutating func keep(_ result: StepResult) { engine = result.context }

    /// What the step of this kind would do now (exact requests, manifests, commands), for the
    /// remote of the answers; contacts nothing. Before an alias is chosen the default one stands in.
    public func preview(of kind: SetupStepKind) -> StepPreview {
        SetupSteps.forRemote(alias).first { $0.id.kind == kind }?.preview(in: setup) ?? StepPreview()
    }

    /// The outputs of the remote's steps so far.
    public var outputs: RemoteOutputs { engine?.outputs(for: alias) ?? RemoteOutputs() }

    /// Changes what the operator decided for the remote (apply the ECK change, continue past a
    /// failed preflight, ...), for the next run of a step.
    public mutating func decide(_ change: (inout RemoteDecisions) -> Void) {
        var context = setup
        if !context.remotes.isEmpty { change(&context.remotes[0].decisions) }
        engine = context
    }
}

extension WizardContext {
    /// Names the remote `newAlias` from now on: what the steps found about the remote moves to the
    /// new alias; what was applied locally (the keystore entry) stays under the old one.
    public mutating func rename(alias newAlias: String) {
        let old = alias
        var context = setup
        answers.alias = newAlias
        guard newAlias != old else { return }
        if let outputs = context.outputs[old] {
            context.outputs[newAlias] = outputs
            context.outputs[old] = nil
        }
        context.remotes[0].setup.alias = newAlias
        engine = context
    }
}
