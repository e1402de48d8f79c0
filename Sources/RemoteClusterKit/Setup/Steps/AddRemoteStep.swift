/// Step 6: read the local cluster's persistent settings for the alias, show what differs, and send
/// `PUT /_cluster/settings` only when something does. Other aliases are never touched.
public struct AddRemoteStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.addRemote, alias: alias) }
    public var title: String { "Add the remote on the local cluster" }

    public func preview(in context: SetupContext) -> StepPreview {
        guard let remote = context.remote(alias) else { return StepPreview() }
        return StepPreview(
            notes: [
                "Only cluster.remote.\(alias).* changes; the other mode's keys are set to null so that a mode change is one request."
            ],
            actions: [
                .http(ElasticsearchRequests.clusterSettings(), target: .localCluster),
                .http(
                    ElasticsearchRequests.putRemote(remote.setup.settings), target: .localCluster,
                    sentOnlyIf: "the alias's settings differ"),
            ])
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, execution in
            let remote = try context.requireRemote(alias)
            let client = context.localClient(services)
            let configured = try await Call.elasticsearch("Reading the local cluster settings") {
                try await client.configuredRemotes()
            }
            let current = configured.first { $0.alias == alias && $0.scope == .persistent }
            let differences = RemoteSettingsDifference.lines(
                current: current?.settings ?? [:], wanted: remote.setup.settings)
            guard !differences.isEmpty else {
                return .alreadyDone("cluster.remote.\(alias) already has these settings.")
            }
            for line in differences { execution.progress(line) }
            if let transient = configured.first(where: { $0.alias == alias && $0.scope == .transient }) {
                execution.progress(
                    "cluster.remote.\(alias) also has transient settings (\(transient.settings.keys.sorted().joined(separator: ", "))), which take precedence until a restart."
                )
            }
            let acknowledged = try await Call.elasticsearch("Adding the remote \(alias)") {
                try await client.putRemote(remote.setup.settings)
            }
            guard acknowledged else {
                throw StepStop.failed(
                    Diagnosis(
                        cause: .requestFailed,
                        summary: "The local cluster did not acknowledge the settings of \(alias).",
                        fix: "Check the master node's health, then run again."))
            }
            return .done(changes: [
                "\(current == nil ? "added" : "updated") cluster.remote.\(alias): "
                    + differences.joined(separator: "; ")
            ])
        }
    }
}

/// The differences between an alias's current settings and the wanted ones, one line each
/// (`proxy_address: a → b`); empty when nothing would change.
public enum RemoteSettingsDifference {
    public static func lines(current: [String: JSONValue], wanted: RemoteClusterSettings) -> [String] {
        var lines: [String] = []
        for (key, value) in wanted.settingsObject.objectValue ?? [:] {
            let existing = current[key]
            if value.isNull {
                if let existing { lines.append("\(key): \(existing.jsonString()) → removed") }
            } else if !same(existing, value) {
                lines.append("\(key): \(existing?.jsonString() ?? "(unset)") → \(value.jsonString())")
            }
        }
        return lines
    }

    /// Equal, with Elasticsearch's string forms of booleans and numbers accepted.
    static func same(_ existing: JSONValue?, _ wanted: JSONValue) -> Bool {
        guard let existing else { return false }
        if existing == wanted { return true }
        switch wanted {
        case .bool(let flag): return existing.stringValue == (flag ? "true" : "false")
        case .number: return existing.stringValue == wanted.jsonString()
        case .array(let items):
            return existing.arrayValue?.compactMap(\.stringValue) == items.compactMap(\.stringValue)
        default: return false
        }
    }
}
