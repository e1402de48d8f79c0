import RemoteClusterKit

/// Preparing the remote, by type, from the engine's preview of the remote-preparation step:
/// ECK (the `spec.remoteClusterServer` change, applied only when asked, the restart said, the CA
/// fetched from its Secret), self-managed (`elasticsearch.yml`, certificate and keystore commands
/// filled in, confirmed by the operator), Elastic Cloud (where to find the proxy address, 9400 →
/// 9443, public or private CA). Everything shown can be saved.
public struct RemotePreparationScreen: WizardScreen {
    public let id = ScreenID.remotePreparation
    /// The answers this screen asks (none for ECH), then the preview.
    public private(set) var parts: FormAndReview
    /// Where the remote's CA was saved, once the step read it.
    public private(set) var caStatus: StatusLine?

    let type: RemoteClusterType

    public init(_ context: WizardContext) {
        type = context.answers.type ?? .ech
        var form = ScreenForm(Self.step(context.answers, type: type))
        form.fit(context)
        let review = StepReview(
            .remotePreparation, title: "Prepare the remote", lines: [], fileName: "remote-preparation.txt",
            warning: type == .eck ? "Enabling the remote cluster server restarts the remote cluster's nodes." : nil)
        parts = FormAndReview(form: form, review: review, reviewing: form.step.fields.isEmpty)
    }

    static func step(_ answers: SetupAnswers, type: RemoteClusterType) -> WizardStep {
        switch type {
        case .ech:
            return WizardStep(id: "prepare", title: "Prepare the remote", fields: [])
        case .ece:
            var list = ChoiceList([
                ChoiceOption(id: "public", title: "Publicly trusted", detail: "no CA file needed"),
                ChoiceOption(id: "private", title: "Private CA", detail: "copy the root CA from the ECE UI"),
            ])
            list.select(id: answers.ecePrivateCA ? "private" : "public")
            var fields = [FormField(id: "eceCA", label: "ECE proxy certificate", control: .choice(list))]
            if answers.ecePrivateCA {
                fields.append(
                    .path(
                        "caFile", "Root CA file", value: answers.caFile, placeholder: "e.g. ece-proxy-root-ca.crt",
                        note:
                            "In the ECE Cloud UI: Platform > Settings > TLS certificates; under Proxy choose Show certificate chain and copy the last certificate (the root) into this file.",
                        validators: [
                            .required("Root CA file", fix: "Save the ECE proxy's root certificate and give its path.")
                        ]))
            }
            return WizardStep(
                id: "prepare", title: "Prepare the remote",
                intro:
                    "The remote cluster server is on by default in ECE. Its proxies present either a publicly trusted certificate or one signed by the platform's own CA.",
                fields: fields)
        case .eck:
            let required = { (name: String, fix: String) in [Validator.required(name, fix: fix)] }
            return WizardStep(
                id: "prepare", title: "Prepare the remote",
                intro: "The remote Elasticsearch resource, on the other ECK operator's Kubernetes cluster.",
                fields: [
                    .text(
                        "remoteECKName", "Cluster name", value: answers.remoteECKName, placeholder: "e.g. logs",
                        validators: [.text { Validators.kubernetesObjectName($0, field: "Cluster name") }]),
                    .text(
                        "remoteECKNamespace", "Namespace", value: answers.remoteECKNamespace,
                        validators: [.text { Validators.kubernetesNamespace($0, field: "Namespace") }]),
                    .text(
                        "remoteECKContext", "Kube context", value: answers.remoteECKContext,
                        placeholder: "kubectl context of the remote's Kubernetes",
                        validators: required(
                            "Kube context", "Type the kubectl context (kubectl config get-contexts lists them).")),
                    .text(
                        "remoteECKVersion", "ECK version", value: answers.remoteECKVersion,
                        note: "3.3 or later exposes the Service through spec; older versions need kubectl expose.",
                        validators: [.text(eckVersionProblems)]),
                ])
        case .selfManaged:
            return WizardStep(
                id: "prepare", title: "Prepare the remote",
                intro:
                    "The wizard writes the elasticsearch.yml lines, the certificate and the keystore commands for the remote's nodes.",
                fields: [
                    .text(
                        "selfManagedHosts", "Certificate names", value: answers.selfManagedHosts,
                        placeholder: "e.g. es1.example.net, 192.0.2.10",
                        note: "DNS names and IP addresses the local cluster will dial; empty: taken from the address.",
                        validators: [.text { Validators.certificateNames($0) }])
                ])
        }
    }

    static let eckVersionProblems: @Sendable (String) -> [FieldProblem] = { text in
        if SemanticVersion(text) != nil { return [] }
        return [
            FieldProblem(
                field: "ECK version", problem: "\(TextExcerpt.quoted(text)) is not a version like 3.3.0",
                fix: "Type the remote operator's version (kubectl get pods -n elastic-system shows its image).")
        ]
    }

    private mutating func commit(_ context: inout WizardContext) {
        let answers = parts.form.answers
        switch type {
        case .ece:
            context.answers.ecePrivateCA = answers.choice("eceCA") == "private"
            context.answers.caFile = context.answers.ecePrivateCA ? answers.text("caFile") : ""
        case .eck:
            context.answers.remoteECKName = answers.text("remoteECKName")
            context.answers.remoteECKNamespace = answers.text("remoteECKNamespace")
            context.answers.remoteECKContext = answers.text("remoteECKContext")
            context.answers.remoteECKVersion = answers.text("remoteECKVersion")
        case .selfManaged: context.answers.selfManagedHosts = answers.text("selfManagedHosts")
        case .ech: break
        }
    }

    /// The preview for the answers: the engine's, with a placeholder alias until one is chosen.
    func previewLines(_ context: WizardContext) -> [String] {
        var lines = StepReview.lines(context.preview(of: .remotePreparation), context: context)
        if lines.isEmpty { lines = ["Nothing to change on the remote."] }
        return lines
    }

    /// Where a fetched CA is saved: beside the manifests, named after the remote.
    func caPath(_ context: WizardContext) -> String {
        let folder = context.answers.manifestsDirectory.isEmpty ? "." : context.answers.manifestsDirectory
        return "\(folder)/\(context.answers.remoteECKName)-remote-ca.crt"
    }

    // MARK: Update

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        parts.form.fit(context)
        if parts.reviewing { parts.review.show(previewLines(context)) }
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        let choiceBefore = parts.form.answers.choice("eceCA")
        let handled = parts.handle(message, &context, preview: previewLines)
        if type == .ece, parts.form.answers.choice("eceCA") != choiceBefore {
            // A private CA asks for its file: rebuild the fields, keep the values.
            commit(&context)
            parts.form = ScreenForm(Self.step(context.answers, type: type))
            parts.form.focus("eceCA")
            parts.form.fit(context)
        }
        switch handled {
        case .done(let response): return response
        case .answered(let index): return index == 0 ? confirmed(&context) : .none
        case .finished(let outcome): return finished(outcome, &context)
        case .formKey(.submitted, let effects):
            commit(&context)
            parts.openReview(previewLines(context))
            return ScreenResponse(effects)
        case .formKey(.back, let effects): return ScreenResponse(effects, navigation: .back)
        case .formKey(_, let effects): return ScreenResponse(effects)
        case .reviewKey(let key):
            switch (key, type) {
            case (.character("a"), .eck), (.character("c"), .eck):
                // The step reads the CA from the remote's Secret into this file.
                if context.answers.caFile.isEmpty { context.answers.caFile = caPath(context) }
                context.decide { $0.applyRemoteChange = key == .character("a") }
                caStatus = nil
                return ScreenResponse(parts.review.run.start(&context))
            case (.enter, _):
                return proceed(&context)
            case (.escape, _):
                if parts.form.step.fields.isEmpty { return .go(.back) }
                parts.reviewing = false
                return .none
            default:
                return .none
            }
        }
    }

    private mutating func finished(_ outcome: StepOutcome, _ context: inout WizardContext) -> ScreenResponse {
        if case .done(let changes) = outcome, let location = context.setup.remotes[0].setup.eck?.location {
            let caFile = context.answers.caFile
            for change in changes {
                let savedCA = !caFile.isEmpty && change.contains(caFile)
                context.record(
                    AppliedChange(
                        screen: id, what: change, place: savedCA ? "this machine" : "remote (\(location))",
                        undo: savedCA
                            ? "delete \(caFile)"
                            : "kubectl --context \(location.context) -n \(location.namespace) edit elasticsearch \(context.answers.remoteECKName) and remove spec.remoteClusterServer"
                    ))
            }
        }
        // The step saved the CA it read where the answers say; the local cluster will trust it.
        if type == .eck, context.outputs.certificateAuthorityPEM != nil, !context.answers.caFile.isEmpty {
            let path = context.answers.caFile
            context.recordFile(path)
            // Said once: the step's own line names the file when it wrote it.
            let said = StepRun.lines(for: outcome, title: "", glyphs: .unicode).contains { $0.contains(path) }
            caStatus = said ? nil : StatusLine("The remote's CA is in \(path); the next screen uses it.", ok: true)
        }
        parts.review.show(previewLines(context))
        return .none
    }

    /// Enter: on when the step passed; otherwise say what is not done and ask.
    private mutating func proceed(_ context: inout WizardContext) -> ScreenResponse {
        switch type {
        case .ech, .ece:
            return .go(.next)
        case .eck:
            if parts.review.run.succeeded { return .go(.next) }
            parts.dialog = .confirm(
                title: "Remote not checked",
                message:
                    "The remote cluster server was not enabled or checked here (a applies the change, c checks it and fetches the CA). Continue anyway, for example because you apply it yourself?",
                yes: "Continue", no: "Stay")
            return .none
        case .selfManaged:
            parts.dialog = .confirm(
                title: "Remote prepared?",
                message:
                    "Have you applied these settings and commands on every remote node and restarted them? The preflight on the next screen checks the result.",
                yes: "Yes, done", no: "Not yet")
            return .none
        }
    }

    private mutating func confirmed(_ context: inout WizardContext) -> ScreenResponse {
        if type == .selfManaged {
            context.decide { $0.remotePrepared = true }
            context.record(
                AppliedChange(
                    screen: id, what: "Remote cluster server configured by hand", place: "remote nodes",
                    undo: "remove the remote_cluster_server lines from elasticsearch.yml and restart"))
        }
        return .go(.next)
    }

    // MARK: Render

    public func title(_ context: WizardContext) -> String {
        switch type {
        case .ech: return "Prepare the remote: Elastic Cloud Hosted"
        case .ece: return "Prepare the remote: Elastic Cloud Enterprise"
        case .eck: return "Prepare the remote: ECK cluster \(context.answers.remoteECKName)"
        case .selfManaged: return "Prepare the remote: self-managed cluster"
        }
    }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        var area = rect
        if let caStatus, parts.reviewing {
            let mark = caStatus.ok ? theme.glyphs.ok : theme.glyphs.failure
            buffer.write(
                "\(mark) \(caStatus.text)", x: rect.x, y: rect.maxY - 1, width: rect.width,
                style: caStatus.ok ? .success : .failure)
            area = rect.inset(bottom: 1)
        }
        parts.render(
            into: &buffer, rect: area, context: context, theme: theme,
            spinnerLabel: "Preparing the remote (rollout and CA)…")
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        var hints: [KeyHint] = []
        if type == .eck && !parts.review.run.succeeded {
            hints = [KeyHint("a", "apply with kubectl"), KeyHint("c", "check, get the CA")]
        }
        hints.append(KeyHint("Enter", enterAction))
        hints.append(KeyHint("Esc", "back"))
        return parts.keyHints(formEnter: "show what to do", review: hints)
    }

    var enterAction: String { type == .selfManaged ? "done on the nodes" : "continue" }

    public var help: HelpText {
        HelpText(
            "Prepare the remote",
            [
                "The API-key model needs the remote cluster server: a separate TLS listener on port 9443 that the local cluster connects to.",
                "ECK: the change sets spec.remoteClusterServer.enabled on the remote Elasticsearch resource and, from ECK 3.3, exposes the remote-cluster Service as a LoadBalancer (older versions: the kubectl expose command). Enabling it restarts the remote's nodes. The CA to trust is ca.crt of the <name>-es-transport-certs-public Secret; c reads it and saves it beside the manifests. Nothing is applied until you press a.",
                "Self-managed: apply the elasticsearch.yml lines on every node, create the certificate with elasticsearch-certutil, add the keystore password, restart. Save the ca.crt of the CA you made: the local cluster must trust it.",
                "Elastic Cloud: nothing to enable. Copy the proxy address from the deployment's Security page (Remote cluster parameters) and use port 9443 instead of 9400.",
                "s saves what is shown to a file.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        var actions: [PlainAction] = []
        if type == .eck {
            actions.append(PlainAction("a", "apply with kubectl", key: .character("a")))
            actions.append(PlainAction("c", "check and fetch the CA", key: .character("c")))
        }
        actions.append(PlainAction("", enterAction, key: .enter))
        actions.append(PlainAction("b", "back", key: .escape))
        var view = parts.plain(context, waiting: "Preparing the remote…", actions: actions)
        if let caStatus, parts.reviewing { view.lines.append(caStatus.text) }
        return view
    }

    public var takesText: Bool { parts.takesText }
    public var dialog: ModalDialog? { parts.dialog }
}
