import RemoteClusterKit

/// An optional role on the local cluster with `remote_indices` for the alias, so local users can
/// search the remote (the key's access and the role together decide what they see).
public struct RoleScreen: WizardScreen {
    public let id = ScreenID.role
    public private(set) var form: ScreenForm
    public private(set) var reviewing = false
    public private(set) var review: StepReview

    public init(_ context: WizardContext) {
        let answers = context.answers
        let name = answers.roleName.isEmpty ? "\(answers.alias)-remote-reader" : answers.roleName
        let patterns = answers.rolePatterns.isEmpty ? answers.searchPatterns : answers.rolePatterns
        form = ScreenForm(
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
                                    text.trimmingCharacters(in: .whitespaces).isEmpty
                                else { return [] }
                                return [FieldProblem(field: "Role name", problem: "is empty", fix: "Name the role, e.g. logs-remote-reader.")]
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
        review = StepReview(.role, title: "Role", lines: [], fileName: "role.txt")
    }

    func previewLines(_ context: WizardContext) -> [String] {
        StepReview.lines(context.preview(of: .role), context: context)
    }

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        form.fit(context)
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        switch message {
        case .key(let key): return handle(key, &context)
        case .resized:
            form.fit(context)
            if reviewing { review.show(previewLines(context)) }
            return .none
        case .fileSaved(let path, let token, let result):
            review.applySave(path: path, token: token, result: result)
            return .none
        default:
            switch review.run.receive(message, &context) {
            case .ignored: return .none
            case .changed(let effects): return ScreenResponse(effects)
            case .finished(let outcome):
                if case .done = outcome {
                    context.record(
                        AppliedChange(
                            screen: id, what: "Role \(context.answers.roleName) created",
                            place: "local cluster \(context.answers.localURL)",
                            undo: "DELETE /_security/role/\(context.answers.roleName) on the local cluster"))
                }
                return .none
            }
        }
    }

    private mutating func handle(_ key: Key, _ context: inout WizardContext) -> ScreenResponse {
        guard reviewing else {
            // "No" on the first field needs no more answers.
            if key == .enter, form.step.focusedField?.id == "createRole", !form.answers.flag("createRole") {
                context.answers.roleName = ""
                context.answers.rolePatterns = ""
                return .go(.next)
            }
            let (outcome, effects) = form.handle(key, tokens: &context.tokens)
            switch outcome {
            case .submitted:
                guard form.answers.flag("createRole") else {
                    context.answers.roleName = ""
                    context.answers.rolePatterns = ""
                    return ScreenResponse(effects, navigation: .next)
                }
                context.answers.roleName = form.answers.text("roleName")
                context.answers.rolePatterns = form.answers.text("rolePatterns")
                reviewing = true
                review.run.reset()
                review.show(previewLines(context))
                return ScreenResponse(effects)
            case .back: return ScreenResponse(effects, navigation: .back)
            default: return ScreenResponse(effects)
            }
        }
        if review.run.isRunning { return key == .escape ? ScreenResponse(review.run.cancel()) : .none }
        if review.isPrompting || ![.enter, .escape].contains(key) {
            if let effects = review.handleViewerKey(key, tokens: &context.tokens) { return ScreenResponse(effects) }
        }
        switch key {
        case .enter:
            if review.run.succeeded { return .go(.next) }
            return ScreenResponse(review.run.start(&context, deadlineMilliseconds: 30_000))
        case .escape:
            reviewing = false
            return .none
        default: return .none
        }
    }

    public func title(_ context: WizardContext) -> String { "Role for local users (optional)" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        guard reviewing else {
            form.render(into: &buffer, rect: rect, theme: theme)
            return
        }
        review.render(into: &buffer, rect: rect, context: context, theme: theme, spinnerLabel: "Creating the role…")
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        guard reviewing else {
            return form.keyHints(enter: form.answers.flag("createRole") ? "show the request" : "skip")
        }
        if review.run.isRunning { return [KeyHint("Esc", "stop")] }
        return review.hints([KeyHint("Enter", review.run.succeeded ? "continue" : "create it"), KeyHint("Esc", "edit")])
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
        guard reviewing else {
            let intro = form.step.intro.map { [$0] } ?? []
            return PlainView(heading: "", lines: intro, prompt: form.plainField.map(PlainPrompt.field) ?? .wait(""))
        }
        let lines = review.plainLines(glyphs: context.configuration.glyphs)
        if review.run.isRunning { return PlainView(heading: "", lines: lines, prompt: .wait("Creating the role…")) }
        return PlainView(
            heading: "", lines: lines,
            prompt: .actions([
                PlainAction("", review.run.succeeded ? "continue" : "create it", key: .enter),
                PlainAction("e", "edit", key: .escape),
            ]))
    }

    public var takesText: Bool { reviewing ? review.isPrompting : form.takesText }
}
