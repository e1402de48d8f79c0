import RemoteClusterKit

/// An optional role on the local cluster with `remote_indices` for the alias, so local users can
/// search the remote (the key's access and the role together decide what they see).
public struct RoleScreen: WizardScreen {
    public let id = ScreenID.role
    public private(set) var parts: FormAndReview

    public init(_ context: WizardContext) {
        let answers = context.answers
        let name = answers.roleName.isEmpty ? "\(answers.alias)-remote-reader" : answers.roleName
        let patterns = answers.rolePatterns.isEmpty ? answers.searchPatterns : answers.rolePatterns
        var form = ScreenForm(
            WizardStep(
                id: "role", title: "Role",
                intro:
                    "Local users need remote_indices privileges for the alias to search the remote. The wizard can create a role granting read on the remote indices; assign it to users afterwards.",
                fields: [
                    .confirm("createRole", "Create a role", value: !answers.roleName.isEmpty),
                    .text(
                        "roleName", "Role name", value: name,
                        validators: [
                            Validator { value, answers in
                                guard answers.flag("createRole"), case .text(let text) = value,
                                    text.trimmingWhitespace().isEmpty
                                else { return [] }
                                return [
                                    FieldProblem(
                                        field: "Role name", problem: "is empty",
                                        fix: "Name the role, e.g. logs-remote-reader.")
                                ]
                            }
                        ]),
                    .text(
                        "rolePatterns", "Remote indices", value: patterns, placeholder: "e.g. logs-*",
                        note: "Privileges: read, read_cross_cluster, view_index_metadata.",
                        validators: [
                            Validator { value, answers in
                                guard answers.flag("createRole"), case .text(let text) = value else { return [] }
                                return Validators.indexPatterns(SetupAnswers.list(text), field: "Remote indices")
                            }
                        ]),
                ]))
        form.fit(context)
        parts = FormAndReview(form: form, review: StepReview(.role, title: "Role", lines: [], fileName: "role.txt"))
    }

    func previewLines(_ context: WizardContext) -> [String] {
        StepReview.lines(context.preview(of: .role), context: context)
    }

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        parts.form.fit(context)
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        // "No" on the first field needs no more answers.
        if case .key(.enter) = message, !parts.reviewing, parts.form.step.focusedField?.id == "createRole",
            !parts.form.answers.flag("createRole")
        {
            context.answers.roleName = ""
            context.answers.rolePatterns = ""
            return .go(.next)
        }
        switch parts.handle(message, &context, preview: previewLines) {
        case .done(let response): return response
        case .answered: return .none
        case .finished(let outcome):
            if case .done = outcome {
                context.record(
                    AppliedChange(
                        screen: id, what: "Role \(context.answers.roleName) created",
                        place: "local cluster \(context.answers.localURL)",
                        undo: "DELETE /_security/role/\(context.answers.roleName) on the local cluster"))
            }
            return .none
        case .formKey(.submitted, let effects):
            context.answers.roleName = parts.form.answers.text("roleName")
            context.answers.rolePatterns = parts.form.answers.text("rolePatterns")
            parts.openReview(previewLines(context))
            return ScreenResponse(effects)
        case .formKey(.back, let effects): return ScreenResponse(effects, navigation: .back)
        case .formKey(_, let effects): return ScreenResponse(effects)
        case .reviewKey(.enter):
            if parts.review.run.succeeded { return .go(.next) }
            return ScreenResponse(parts.review.run.start(&context, deadlineMilliseconds: 30_000))
        case .reviewKey(.escape):
            parts.reviewing = false
            return .none
        case .reviewKey: return .none
        }
    }

    public func title(_ context: WizardContext) -> String { "Role for local users (optional)" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        parts.render(into: &buffer, rect: rect, context: context, theme: theme, spinnerLabel: "Creating the role…")
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        if !parts.reviewing, parts.form.step.focusedField?.id == "createRole", !parts.form.answers.flag("createRole") {
            return [KeyHint("←→", "change"), KeyHint("Enter", "skip"), KeyHint("Esc", "back")]
        }
        return parts.keyHints(
            formEnter: parts.form.answers.flag("createRole") ? "show the request" : "skip",
            review: [KeyHint("Enter", parts.review.run.succeeded ? "continue" : "create it"), KeyHint("Esc", "edit")])
    }

    public var help: HelpText {
        HelpText(
            "Role",
            [
                "Searching a remote needs two grants: the cross-cluster API key's access (made on the remote) and, for the local user, a role with remote_indices naming the alias and the index patterns. What a user sees is where both overlap.",
                "The role is made with PUT /_security/role/<name> on the local cluster. Skip this screen if your users already have such a role.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        parts.plain(
            context, waiting: "Creating the role…",
            actions: [
                PlainAction("", parts.review.run.succeeded ? "continue" : "create it", key: .enter),
                PlainAction("e", "edit", key: .escape),
            ])
    }

    public var takesText: Bool { parts.takesText }
}
