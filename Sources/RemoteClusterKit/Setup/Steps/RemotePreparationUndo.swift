/// Undo of step 2: changes nothing on the remote (other clusters may connect to its remote
/// cluster server) and reports what stays there.
public struct RemotePreparationUndo: UndoStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.remotePreparation, alias: alias) }
    public var title: String { "Report what stays on the remote" }

    public func preview(in context: SetupContext) -> StepPreview {
        StepPreview(notes: Self.left(context.remote(alias)))
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        let left = Self.left(context.remote(alias))
        return await StepExecution.run(id, title: title, context: context, events: events, leftBehind: left) { _, _ in
            left.isEmpty
                ? .alreadyDone("Nothing was changed on \(alias).")
                : .skipped("The remote side of \(alias) stays as it is.")
        }
    }

    static func left(_ remote: RemoteTarget?) -> [String] {
        guard let remote else { return [] }
        switch remote.setup.type {
        case .ech, .ece:
            return []
        case .eck:
            guard let cluster = remote.setup.eck else { return [] }
            let context = cluster.context.map { "--context \($0) " } ?? ""
            return [
                "The remote cluster server of \(cluster.name) stays enabled; disable it only if no other cluster connects to it: kubectl \(context)--namespace \(cluster.namespace) patch elasticsearch \(cluster.name) --type merge -p '{\"spec\":{\"remoteClusterServer\":{\"enabled\":false}}}' (this restarts its pods)."
            ]
        case .selfManaged:
            return [
                "The remote cluster server settings, certificates and keystore entry applied by hand on the nodes of \(remote.alias) stay; remove them there if nothing else uses them."
            ]
        }
    }
}
