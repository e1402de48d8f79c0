import RemoteClusterKit

/// Adding the remote to the local cluster: the alias (the one the keystore holds credentials for),
/// skip_unavailable, the connection mode; then the engine's add-remote step, whose preview shows
/// the exact `PUT _cluster/settings` body (and the difference when the alias exists) before it is
/// sent. Other aliases are never touched.
public struct AddRemoteScreen: WizardScreen {
    public let id = ScreenID.addRemote
    public private(set) var parts: FormAndReview
    /// The alias the local keystore got credentials for.
    public let keystoreAlias: String
    /// The read of the alias's current settings, while it runs.
    private var settingsRead: Token?
    /// How the alias's current settings compare with the ones to send.
    public private(set) var comparison: SettingsComparison?

    /// The alias's current settings against the wanted ones.
    public enum SettingsComparison: Sendable, Hashable {
        case reading
        /// The alias is not configured yet.
        case new
        /// What sending changes, one line per key (empty: nothing differs).
        case changes([String])
        case unreadable(String)
    }

    public init(_ context: WizardContext) {
        keystoreAlias = context.answers.alias
        var form = ScreenForm(Self.step(context.answers, keystoreAlias: context.answers.alias))
        form.fit(context)
        parts = FormAndReview(
            form: form,
            review: StepReview(.addRemote, title: "PUT /_cluster/settings", lines: [], fileName: "add-remote.txt"))
    }

    static func step(_ answers: SetupAnswers, keystoreAlias: String) -> WizardStep {
        let mode =
            answers.mode == "sniff"
            ? "sniff, seeds \(answers.seeds) (chosen on Connection details)"
            : "proxy, \(answers.proxyAddress)\(answers.serverName.isEmpty ? "" : ", server name \(answers.serverName)")"
        return WizardStep(
            id: "addRemote", title: "Add the remote",
            intro: "Mode: \(mode).",
            fields: [
                .text(
                    "alias", "Alias", value: answers.alias,
                    note: "The local keystore holds credentials for \"\(keystoreAlias)\".",
                    validators: [
                        .text { Validators.alias($0, field: "Alias") },
                        .text { alias in
                            guard !alias.isEmpty, alias != keystoreAlias else { return [] }
                            return [
                                FieldProblem(
                                    field: "Alias",
                                    problem:
                                        "\"\(alias)\" differs from \"\(keystoreAlias)\", the alias the keystore has credentials for",
                                    fix:
                                        "Keep \"\(keystoreAlias)\"; under another alias the local cluster finds no API key and connects without it.",
                                    severity: .warning)
                            ]
                        },
                    ]),
                .confirm(
                    "skipUnavailable", "Skip if unavailable", value: answers.skipUnavailable,
                    note: "Yes: searches across clusters go on without this remote when it is down."),
            ])
    }

    func previewLines(_ context: WizardContext) -> [String] {
        var lines: [String] = []
        let alias = context.answers.alias
        switch comparison {
        case .reading?: lines = ["# Reading the current settings of \(alias)…"]
        case .new?: lines = ["# \(alias) is not configured on the local cluster yet; it is added as below."]
        case .changes(let changes)? where changes.isEmpty:
            lines = ["# \(alias) is configured exactly like this already: nothing will be sent."]
        case .changes(let changes)?:
            lines = ["# \(alias) exists; sending changes:"] + changes.map { "#   \($0)" }
        case .unreadable(let why)?: lines = ["# The current settings of \(alias) could not be read: \(why)"]
        case nil: break
        }
        if !lines.isEmpty { lines.append("") }
        return lines + StepReview.lines(context.preview(of: .addRemote), context: context)
    }

    /// Starts reading the alias's current settings.
    private mutating func readSettings(_ context: inout WizardContext) -> [Effect<WizardJob>] {
        let token = context.tokens.next()
        settingsRead = token
        comparison = .reading
        return [
            .run(
                .readRemoteSettings(alias: context.answers.alias, context.setup), token: token,
                deadlineMilliseconds: 20_000)
        ]
    }

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        parts.form.fit(context)
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        switch message {
        case .jobFinished(let token, .remoteSettings(let result)) where token == settingsRead:
            settingsRead = nil
            switch result {
            case .success(let current?):
                let wanted = context.setup.remotes[0].setup.settings
                comparison = .changes(RemoteSettingsDifference.lines(current: current.settings, wanted: wanted))
            case .success(nil):
                comparison = .new
            case .failure(let error):
                comparison = .unreadable(error.description)
            }
            parts.review.show(previewLines(context))
            return .none
        case .jobTimedOut(let token, _) where token == settingsRead:
            settingsRead = nil
            comparison = .unreadable("no answer within 20 s")
            parts.review.show(previewLines(context))
            return .none
        default:
            break
        }
        switch parts.handle(message, &context, preview: previewLines) {
        case .done(let response): return response
        case .answered: return .none
        case .finished(let outcome):
            if case .done = outcome {
                let alias = context.answers.alias
                context.record(
                    AppliedChange(
                        screen: id, what: "Remote \(alias) added to the cluster settings",
                        place: "local cluster \(context.answers.localURL)",
                        undo:
                            "PUT /_cluster/settings with every cluster.remote.\(alias).* key set to null (remote-cluster-wizard undo)"
                    ))
            }
            return .none
        case .formKey(.submitted, let effects):
            context.answers.skipUnavailable = parts.form.answers.flag("skipUnavailable")
            context.rename(alias: parts.form.answers.text("alias"))
            let read = readSettings(&context)
            parts.openReview(previewLines(context))
            return ScreenResponse(effects + read)
        case .formKey(.back, let effects): return ScreenResponse(effects, navigation: .back)
        case .formKey(_, let effects): return ScreenResponse(effects)
        case .reviewKey(.enter):
            if parts.review.run.succeeded { return .go(.next) }
            return ScreenResponse(parts.review.run.start(&context, deadlineMilliseconds: 60_000))
        case .reviewKey(.escape):
            parts.reviewing = false
            return .none
        case .reviewKey: return .none
        }
    }

    public func title(_ context: WizardContext) -> String { "Add the remote to the local cluster" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        parts.render(into: &buffer, rect: rect, context: context, theme: theme, spinnerLabel: "Adding the remote…")
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        parts.keyHints(
            formEnter: "show the request",
            review: [KeyHint("Enter", parts.review.run.succeeded ? "continue" : "send it"), KeyHint("Esc", "edit")])
    }

    public var help: HelpText {
        HelpText(
            "Add the remote",
            [
                "The remote is added with PUT /_cluster/settings as persistent settings under cluster.remote.<alias>: the mode, the proxy address (or seeds), the server name and skip_unavailable; the other mode's keys are set to null. Nothing else in the settings changes.",
                "The current settings are read first: when the alias exists, what sending changes is shown, and nothing is sent when nothing differs.",
                "The alias must be the one the keystore holds cluster.remote.<alias>.credentials for; under another alias the local cluster has no API key for the remote.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        parts.plain(
            context, waiting: "Adding the remote…",
            actions: [
                PlainAction("", parts.review.run.succeeded ? "continue" : "send it", key: .enter),
                PlainAction("e", "edit", key: .escape),
            ])
    }

    public var takesText: Bool { parts.takesText }
    public var dialog: ModalDialog? { parts.dialog }
}
