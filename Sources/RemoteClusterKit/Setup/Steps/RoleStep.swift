/// Step 9 (optional): a local role with `remote_indices` for the setup's aliases. The role carries
/// the metadata `managed_by: remote-cluster-wizard`; a role of that name without it belongs to
/// someone else and is left alone.
public struct RoleStep: SetupStep {
    public var aliases: [String]
    public init(aliases: [String]) { self.aliases = aliases }

    public var id: SetupStepID { SetupStepID(.role, alias: nil) }
    public var title: String { "Create the role with remote_indices" }

    /// The metadata that marks roles this tool made (and may update or delete).
    public static let marker: JSONValue = ["managed_by": "remote-cluster-wizard"]

    static func definition(_ role: RemoteRoleSetup, aliases: [String]) -> RoleDefinition {
        var definition = APIKeyArtifacts.roleDefinition(role, aliases: aliases)
        definition.metadata = marker
        return definition
    }

    public func preview(in context: SetupContext) -> StepPreview {
        guard let role = context.role else { return StepPreview(notes: ["The setup has no role."]) }
        return StepPreview(
            notes: [
                "A user with this role can read \(role.indexNames.joined(separator: ", ")) on \(aliases.joined(separator: ", ")), within what each key's access allows."
            ],
            actions: [
                .http(ElasticsearchRequests.getRole(name: role.name), target: .localCluster),
                .http(
                    ElasticsearchRequests.putRole(name: role.name, Self.definition(role, aliases: aliases)),
                    target: .localCluster, sentOnlyIf: "the role differs"),
            ])
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, _ in
            guard let role = context.role else { return .skipped("The setup has no role.") }
            let client = context.localClient(services)
            let wanted = Self.definition(role, aliases: aliases)
            let existing = try await Call.elasticsearch("Reading role \(role.name)") {
                try await client.role(name: role.name)
            }
            if let existing {
                guard Self.isOurs(existing) else {
                    throw StepStop.failed(
                        Diagnosis(
                            cause: .requestFailed,
                            summary:
                                "A role named \(role.name) exists and was not made by this tool, so it is left as it is.",
                            fix:
                                "Choose another role name (on the Role screen, or role.name in a plan), or add remote_indices for \(aliases.joined(separator: ", ")) to that role yourself."
                        ))
                }
                if Self.normalized(existing["remote_indices"]) == Self.normalized(wanted.json["remote_indices"]) {
                    return .alreadyDone(
                        "Role \(role.name) already grants \(role.indexNames.joined(separator: ", ")) on \(aliases.joined(separator: ", "))."
                    )
                }
            }
            try await Call.elasticsearch("Writing role \(role.name)") {
                try await client.putRole(name: role.name, wanted)
            }
            return .done(changes: [
                "\(existing == nil ? "created" : "updated") role \(role.name) with remote_indices for \(aliases.joined(separator: ", "))"
            ])
        }
    }

    static func isOurs(_ role: JSONValue) -> Bool {
        role[path: ["metadata", "managed_by"]] == marker["managed_by"]
    }

    /// `remote_indices` with every list sorted, for comparing.
    static func normalized(_ entries: JSONValue?) -> [JSONValue] {
        (entries?.arrayValue ?? []).map { entry in
            var copy = entry
            for key in ["clusters", "names", "privileges"] {
                copy[key] = .array(
                    (entry[key]?.arrayValue ?? []).compactMap(\.stringValue).sorted().map(JSONValue.string))
            }
            if copy["allow_restricted_indices"] == false { copy["allow_restricted_indices"] = nil }
            return copy
        }
    }
}
