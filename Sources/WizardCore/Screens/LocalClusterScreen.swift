import RemoteClusterKit

/// The local ECK cluster: its Elasticsearch resource (name, namespace, kubectl context) and REST
/// API (URL, user, password, CA). Then the engine's cluster check runs on both sides: versions
/// (8.14 or later) and licenses (enterprise or trial), explained when one side falls short.
public struct LocalClusterScreen: WizardScreen {
    public let id = ScreenID.localCluster
    public private(set) var form: ScreenForm
    public private(set) var check = StepRun(.clusters)
    public private(set) var reviewing = false
    public private(set) var dialog: ModalDialog?

    public init(_ context: WizardContext) {
        form = ScreenForm(Self.step(context.answers, secrets: context.secrets))
        form.fit(context)
    }

    static func step(_ answers: SetupAnswers, secrets: SetupSecrets) -> WizardStep {
        var password = FormField.secret(
            "localPassword", "Password", validators: [.required("Password", fix: "Type the user's password.")])
        if let secret = secrets.localPassword, case .secret(var control) = password.control {
            control.field.text = secret.revealed
            password.control = .secret(control)
        }
        return WizardStep(
            id: "local", title: "Local ECK cluster",
            fields: [
                .text(
                    "localName", "Cluster name", value: answers.localName, placeholder: "the Elasticsearch resource",
                    validators: [.required("Cluster name", fix: "Type the name of the local Elasticsearch resource.")]),
                .text(
                    "localNamespace", "Namespace", value: answers.localNamespace,
                    validators: [.required("Namespace", fix: "Type the namespace the local cluster runs in.")]),
                .text(
                    "localContext", "Kube context", value: answers.localContext,
                    placeholder: "kubectl context of this cluster",
                    validators: [
                        .required(
                            "Kube context", fix: "Type the kubectl context (kubectl config get-contexts lists them).")
                    ]),
                .text(
                    "localURL", "REST URL", value: answers.localURL, placeholder: "https://central.example.net:9200",
                    validators: [.text { Validators.clusterURL($0, field: "REST URL") }]),
                .text(
                    "localUser", "User", value: answers.localUser,
                    validators: [.required("User", fix: "Type a user with the manage privilege, e.g. elastic.")]),
                password,
                .path(
                    "localHTTPCAFile", "REST CA file", value: answers.localHTTPCAFile,
                    placeholder: "empty: publicly trusted",
                    note: "ECK's HTTP CA: ca.crt of the <name>-es-http-certs-public Secret."),
            ])
    }

    private mutating func commit(_ context: inout WizardContext) {
        let answers = form.answers
        context.answers.localName = answers.text("localName")
        context.answers.localNamespace = answers.text("localNamespace")
        context.answers.localContext = answers.text("localContext")
        context.answers.localURL = answers.text("localURL")
        context.answers.localUser = answers.text("localUser")
        context.secrets.localPassword = answers.secret("localPassword")
        context.answers.localHTTPCAFile = answers.text("localHTTPCAFile")
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
            return .none
        case .directoryListed, .fileDescribed:
            return ScreenResponse(form.apply(message, tokens: &context.tokens))
        default:
            switch check.receive(message, &context) {
            case .ignored: return .none
            case .changed(let effects): return ScreenResponse(effects)
            case .finished:
                reviewing = true
                return .none
            }
        }
    }

    private mutating func handle(_ key: Key, _ context: inout WizardContext) -> ScreenResponse {
        switch dialog.answer(key) {
        case .chose(0): return .go(.next)
        case .chose, .pending: return .none
        case .noDialog: break
        }
        if check.isRunning { return key == .escape ? ScreenResponse(check.cancel()) : .none }
        if reviewing {
            switch key {
            case .enter:
                if check.succeeded { return .go(.next) }
                dialog = .confirm(
                    title: "Check failed",
                    message:
                        "The clusters did not pass the check; the connection will not work until that is fixed. Continue anyway?",
                    yes: "Continue", no: "Fix it")
                return .none
            case .escape: return .go(.back)
            case .up, .backTab:
                reviewing = false
                form.focusFirstField()
                return .none
            default:
                reviewing = false
            }
        }
        let (outcome, effects) = form.handle(key, tokens: &context.tokens)
        switch outcome {
        case .submitted:
            commit(&context)
            reviewing = false
            return ScreenResponse(effects + check.start(&context, deadlineMilliseconds: 60_000))
        case .back: return ScreenResponse(effects, navigation: .back)
        default: return ScreenResponse(effects)
        }
    }

    /// What the check found (versions, licenses and users of both sides) or why it stopped.
    func checkLines(_ context: WizardContext, glyphs: Glyphs) -> [String] {
        check.lines(glyphs: glyphs)
    }

    public func title(_ context: WizardContext) -> String { "Local ECK cluster" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        let showing = check.isRunning || check.outcome != nil
        let shown = showing ? ScreenForm(compact: form) : form
        let rows = min(rect.height, shown.height(width: rect.width, glyphs: theme.glyphs))
        shown.render(into: &buffer, rect: Rect(x: rect.x, y: rect.y, width: rect.width, height: rows), theme: theme)
        guard showing else { return }
        let y = rect.y + rows + 1
        if check.isRunning {
            check.renderSpinner(
                into: &buffer, x: rect.x, y: y, width: rect.width,
                label: "Checking versions and licenses of both clusters…", context: context, theme: theme)
            return
        }
        ReportLines.render(
            checkLines(context, glyphs: theme.glyphs), into: &buffer,
            rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), theme: theme)
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        if check.isRunning { return [KeyHint("Esc", "stop")] }
        if reviewing {
            return [
                KeyHint("Enter", check.succeeded ? "continue" : "continue anyway"), KeyHint("↑", "edit"),
                KeyHint("Esc", "back"),
            ]
        }
        return form.keyHints(enter: "check both clusters")
    }

    public var help: HelpText {
        HelpText(
            "Local ECK cluster",
            [
                "The local cluster is the one that connects out and runs the cross-cluster searches. The wizard reads and changes its Elasticsearch resource with kubectl in the context you give, and talks to its REST API to add the remote.",
                "Before anything is changed, both clusters are checked: the API-key model needs Elasticsearch 8.14 or later and an enterprise or trial license on both sides.",
                "The REST CA is the certificate of the local cluster's HTTP layer; for ECK it is ca.crt of the <name>-es-http-certs-public Secret.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        if check.isRunning { return PlainView(heading: "", lines: [], prompt: .wait("Checking both clusters…")) }
        if reviewing {
            return PlainView(
                heading: "", lines: checkLines(context, glyphs: context.configuration.glyphs),
                prompt: .actions([
                    PlainAction("", check.succeeded ? "continue" : "continue anyway", key: .enter),
                    PlainAction("e", "edit", key: .backTab), PlainAction("b", "back", key: .escape),
                ]))
        }
        return PlainView(heading: "", lines: [], prompt: form.plainField.map(PlainPrompt.field) ?? .wait(""))
    }

    public var takesText: Bool { !reviewing && !check.isRunning && dialog == nil && form.takesText }
}
