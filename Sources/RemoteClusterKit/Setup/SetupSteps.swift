/// Builds the steps of a setup from its context.
///
/// For one remote (the wizard) the steps run in kind order: `forRemote(_:)`. For a plan with many
/// remotes `SetupRunner` runs `beforeLocal` for every remote concurrently, then one `local` step
/// for all of them (one merged change, one rollout), then `afterLocal` for every remote, then one
/// `role` step.
public enum SetupSteps {
    /// Every step for one remote, in order 1–9. The local and role steps cover only this alias.
    public static func forRemote(_ alias: String) -> [any SetupStep] {
        beforeLocal(alias) + [local(aliases: [alias])] + afterLocal(alias) + [role(aliases: [alias])]
    }

    /// Steps 1–4 of one remote: clusters, remote preparation, preflight, API key.
    public static func beforeLocal(_ alias: String) -> [any SetupStep] {
        [
            ClusterCheckStep(alias: alias), RemotePreparationStep(alias: alias), PreflightStep(alias: alias),
            CrossClusterKeyStep(alias: alias),
        ]
    }

    /// Step 5 for these remotes: one credentials Secret, one CA ConfigMap, one `Elasticsearch` change.
    public static func local(aliases: [String]) -> any SetupStep { LocalClusterStep(aliases: aliases) }

    /// Steps 6–8 of one remote: add the remote, wait for the connection, search across it.
    public static func afterLocal(_ alias: String) -> [any SetupStep] {
        [AddRemoteStep(alias: alias), ConnectionStep(alias: alias), DataAccessStep(alias: alias)]
    }

    /// Step 9: the role with `remote_indices` for these aliases (skipped when the setup has none).
    public static func role(aliases: [String]) -> any SetupStep { RoleStep(aliases: aliases) }

    /// Every step of the whole setup in the order a single-threaded caller would run them.
    public static func all(in context: SetupContext) -> [any SetupStep] {
        let aliases = context.remotes.map(\.alias)
        return aliases.flatMap(beforeLocal) + [local(aliases: aliases)] + aliases.flatMap(afterLocal)
            + [role(aliases: aliases)]
    }

    /// The undo steps for the whole setup, in the order they run: remove the aliases from the
    /// local cluster, remove the local objects and configuration (one rollout), invalidate the
    /// keys the setup created, remove the role; the remote preparation is reported as left.
    public static func undo(in context: SetupContext) -> [any UndoStep] {
        let aliases = context.remotes.map(\.alias)
        return aliases.map { RemoveRemoteUndo(alias: $0) } + [LocalClusterUndo(aliases: aliases)]
            + aliases.map { InvalidateKeyUndo(alias: $0) } + [RoleUndo(aliases: aliases)]
            + aliases.map { RemotePreparationUndo(alias: $0) }
    }
}
