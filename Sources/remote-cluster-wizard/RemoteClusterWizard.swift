import ArgumentParser

/// The root command: the interactive wizard and its scriptable subcommands.
@main
struct RemoteClusterWizard: AsyncParsableCommand, ManualCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote-cluster-wizard",
        abstract: "Connect an ECK-managed Elasticsearch cluster to a remote cluster with API-key security.",
        discussion: manual.discussion,
        version: RemoteClusterWizardVersion.current,
        subcommands: [
            WizardCommand.self, ApplyCommand.self, UndoCommand.self, StatusCommand.self, ProbeCommand.self,
            ManifestsCommand.self, DemoCommand.self, SimulateCommand.self,
        ],
        defaultSubcommand: WizardCommand.self
    )

    static let manual = CommandManual(
        description: """
            Guides you through enabling the remote cluster server, creating a cross-cluster API key, \
            configuring the local ECK cluster and adding the remote, then shows the connection live. \
            The subcommands run the same steps without a terminal UI; apply, undo and manifests take a \
            plan file, whose format is described with a complete example in docs/plan.md of the \
            repository.

            Where to start: `remote-cluster-wizard` alone runs the wizard (the `wizard` subcommand) \
            against your clusters; `demo` runs the same wizard against simulated clusters without \
            touching anything outside it; `simulate` starts simulated clusters to try the other \
            subcommands against; `probe` checks a remote cluster server before anything changes; \
            `apply --plan` runs every step from a plan file (`apply --dry-run` shows them first); \
            `status` says whether the remotes of a cluster are connected and, when not, why. \
            `remote-cluster-wizard help <subcommand>` and the man pages (`man remote-cluster-wizard.status`) \
            describe each one.
            """,
        examples: [
            CommandManual.Example("The wizard, step by step against your clusters", "remote-cluster-wizard"),
            CommandManual.Example("The same wizard against simulated clusters", "remote-cluster-wizard demo"),
            CommandManual.Example(
                "Show every step of a plan, then run them",
                "remote-cluster-wizard apply --plan plan.yaml --dry-run\nremote-cluster-wizard apply --plan plan.yaml"),
        ],
        exitStatus: [
            (0, "success (a check passed, every remote is connected)"),
            (1, "a check failed, a remote is not connected, or a cluster or kubectl refused"),
            CommandManual.badInput,
        ],
        sections: [
            CommandManual.Section(
                title: "ENVIRONMENT",
                lines: [
                    "ES_PASSWORD       password for --user (status), the local cluster's (wizard); plans name their own",
                    "ELASTIC_PASSWORD  read when ES_PASSWORD is not set (the name Elastic's tools use)",
                    "ES_API_KEY        encoded API key when no --user is given (status)",
                    "KUBECONFIG        the kubeconfig kubectl reads (contexts of plans and --context)",
                    "NO_COLOR          set to any value: no colours in the terminal UI",
                    "TERM              dumb (or no terminal) runs the wizard as line prompts",
                    "LANG, LC_ALL, LC_CTYPE  a UTF-8 locale shows ✓ ⚠ ✗; others show [ok] [!] [x]",
                    "COLUMNS           table width when standard output is not a terminal",
                    "XDG_STATE_HOME    where progress is saved (default ~/.local/state)",
                    "TMPDIR            where simulate keeps its files",
                ]),
            CommandManual.Section(
                title: "FILES",
                lines: [
                    "$XDG_STATE_HOME/remote-cluster-wizard/  (default ~/.local/state/remote-cluster-wizard/)",
                    "    wizard-progress.json, demo-progress.json: answers saved after each step (never",
                    "    passwords or keys), so an interrupted run offers to resume",
                    "local.manifestsDir of a plan, or manifests --out: the written manifests, with",
                    "    .remote-cluster-wizard-files listing what the last run wrote",
                    "$TMPDIR/remote-cluster-sim-*/: simulate's CAs, plan and env file, removed on exit",
                    "--log-file FILE: the request trace, appended, mode 0600",
                ]),
        ]
    )
}

/// The version printed by `--version`.
enum RemoteClusterWizardVersion {
    static let current = "0.1.0"
}
