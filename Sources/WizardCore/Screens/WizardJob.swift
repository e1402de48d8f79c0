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
}

extension WizardContext {
    /// The engine's context for the answers so far, with what earlier steps found.
    public var setup: SetupContext {
        SetupPlanning.context(answers, secrets: secrets, previous: engine)
    }

    /// Keeps what a finished step found (outputs, decisions) for the next steps.
    public mutating func keep(_ result: StepResult) { engine = result.context }

    /// The outputs of the remote's steps so far.
    public var outputs: RemoteOutputs { engine?.outputs(for: answers.alias) ?? RemoteOutputs() }

    /// Changes what the operator decided for the remote (apply the ECK change, continue past a
    /// failed preflight, ...), for the next run of a step.
    public mutating func decide(_ change: (inout RemoteDecisions) -> Void) {
        var context = setup
        if !context.remotes.isEmpty { change(&context.remotes[0].decisions) }
        engine = context
    }
}

extension WizardContext {
    /// Uses another alias for the settings than the one the keystore was configured for: what
    /// was found about the remote moves to the new alias, what was applied locally does not.
    public mutating func rename(alias newAlias: String) {
        let old = answers.alias
        guard newAlias != old else { return }
        var context = setup
        if let outputs = context.outputs[old] {
            context.outputs[newAlias] = outputs
            context.outputs[old] = nil
        }
        answers.alias = newAlias
        context.remotes[0].setup.alias = newAlias
        engine = context
    }
}
