import RemoteClusterKit

/// The local ECK cluster: its Elasticsearch resource (name, namespace, kubectl context) and REST
/// API (URL, user, password, CA). Then the engine's cluster check runs on both sides: versions
/// (8.14 or later) and licenses (enterprise or trial), explained when one side falls short.
public struct LocalClusterScreen: WizardScreen {
    public let id = ScreenID.localCluster
    public private(set) var parts: CheckedForm

    public init(_ context: WizardContext) {
        var form = ScreenForm(Self.step(context.answers, secrets: context.secrets))
        form.fit(context)
        parts = CheckedForm(form: form, check: StepRun(.clusters))
    }

    static func step(_ answers: SetupAnswers, secrets: SetupSecrets) -> WizardStep {
        let password = FormField.secret(
            "localPassword", "Password", value: secrets.localPassword,
            validators: [.required("Password", fix: "Type the user's password.")])
        return WizardStep(
            id: "local", title: "Local ECK cluster",
            fields: [
                .text(
                    "localName", "Cluster name", value: answers.localName, placeholder: "the Elasticsearch resource",
                    validators: [.text { Validators.kubernetesObjectName($0, field: "Cluster name") }]),
                .text(
                    "localNamespace", "Namespace", value: answers.localNamespace,
                    validators: [.text { Validators.kubernetesNamespace($0, field: "Namespace") }]),
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
        let answers = parts.form.answers
        context.answers.localName = answers.text("localName")
        context.answers.localNamespace = answers.text("localNamespace")
        context.answers.localContext = answers.text("localContext")
        context.answers.localURL = answers.text("localURL")
        context.answers.localUser = answers.text("localUser")
        context.secrets.localPassword = answers.secret("localPassword")
        context.answers.localHTTPCAFile = answers.text("localHTTPCAFile")
    }

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        parts.form.fit(context)
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        switch parts.handle(message, &context) {
        case .done(let response): return response
        case .finished: return .none
        case .stopped(let effects): return ScreenResponse(effects)
        case .answered(let index): return index == 0 ? .go(.next) : .none
        case .proceed:
            if parts.check.succeeded { return .go(.next) }
            parts.askToContinue(title: "Check failed", "The clusters did not pass the check.")
            return .none
        case .formKey(.submitted, let effects):
            commit(&context)
            return ScreenResponse(effects + parts.run(&context, deadlineMilliseconds: 60_000))
        case .formKey(.back, let effects): return ScreenResponse(effects, navigation: .back)
        case .formKey(_, let effects): return ScreenResponse(effects)
        }
    }

    /// What the check found (versions, licenses and users of both sides) or why it stopped.
    func checkLines(_ context: WizardContext, glyphs: Glyphs) -> [String] {
        parts.check.lines(glyphs: glyphs)
    }

    public func title(_ context: WizardContext) -> String { "Local ECK cluster" }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        parts.render(
            into: &buffer, rect: rect, context: context, theme: theme,
            spinnerLabel: "Checking versions and licenses of both clusters…",
            lines: checkLines(context, glyphs: theme.glyphs))
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        parts.keyHints(formEnter: "check both clusters", passed: parts.check.succeeded)
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
        parts.plain(
            lines: parts.reviewing ? checkLines(context, glyphs: context.configuration.glyphs) : [],
            waiting: "Checking both clusters…", passed: parts.check.succeeded)
    }

    public var takesText: Bool { parts.takesText }
    public var dialog: ModalDialog? { parts.dialog }
}
