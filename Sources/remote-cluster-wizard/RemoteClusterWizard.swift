import ArgumentParser

/// The root command: the interactive wizard and its scriptable subcommands.
@main
struct RemoteClusterWizard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote-cluster-wizard",
        abstract: "Connect an ECK-managed Elasticsearch cluster to a remote cluster with API-key security.",
        discussion: """
            Guides you through enabling the remote cluster server, creating a cross-cluster API key, \
            configuring the local ECK cluster and adding the remote, then shows the connection live. \
            apply, undo and manifests do the same from a plan file, whose format is described with a \
            complete example in docs/plan.md of the repository.
            """,
        version: RemoteClusterWizardVersion.current,
        subcommands: [
            WizardCommand.self, ApplyCommand.self, UndoCommand.self, StatusCommand.self, ProbeCommand.self,
            ManifestsCommand.self, DemoCommand.self, SimulateCommand.self,
        ],
        defaultSubcommand: WizardCommand.self
    )
}

/// The version printed by `--version`.
enum RemoteClusterWizardVersion {
    static let current = "0.1.0"
}
