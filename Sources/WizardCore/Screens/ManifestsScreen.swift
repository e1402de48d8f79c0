import RemoteClusterKit

/// The local ECK cluster's changes from the engine's local step: the credentials Secret, the CA
/// ConfigMap and the `Elasticsearch` change, shown in full, with the rolling restart said. Apply
/// them with kubectl (the rollout followed with progress, skippable) or save them to files.
public struct ManifestsScreen: WizardScreen {
    public let id = ScreenID.manifests
    public private(set) var review: StepReview
    public private(set) var dialog: ModalDialog?
    /// Whether the operator stopped following the rollout.
    public private(set) var rolloutSkipped = false

    public init(_ context: WizardContext) {
        review = StepReview(
            .localCluster, title: "Local cluster \(context.answers.localName)", lines: [],
            fileName: "local-manifests.yaml",
            warning: "Applying rolls the local cluster's pods (the keystore Secret and the CA mount change).")
    }

    func previewLines(_ context: WizardContext) -> [String] {
        StepReview.lines(context.preview(of: .localCluster), context: context)
    }

    public mutating func enter(_ context: inout WizardContext) -> ScreenResponse {
        if !review.run.isRunning { review.show(previewLines(context)) }
        return .none
    }

    public mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse {
        switch message {
        case .key(let key): return handle(key, &context)
        case .resized:
            review.show(previewLines(context))
            return .none
        case .fileSaved(let path, let token, let result):
            review.applySave(path: path, token: token, result: result)
            if case .success = result { context.recordFile(path) }
            return .none
        default:
            switch review.run.receive(message, &context) {
            case .ignored: return .none
            case .changed(let effects): return ScreenResponse(effects)
            case .finished(let outcome):
                record(outcome, &context)
                return .none
            }
        }
    }

    private func record(_ outcome: StepOutcome, _ context: inout WizardContext) {
        for path in context.setup.localOutputs.filesWritten { context.recordFile(path) }
        guard case .done(let changes) = outcome, context.answers.applyManifests == "kubectl" else { return }
        let place =
            "local cluster (context \(context.answers.localContext), namespace \(context.answers.localNamespace))"
        for change in changes {
            context.record(
                AppliedChange(
                    screen: id, what: change, place: place,
                    undo: "remote-cluster-wizard undo --plan FILE (save the plan on the summary)"))
        }
    }

    private mutating func handle(_ key: Key, _ context: inout WizardContext) -> ScreenResponse {
        switch dialog.answer(key) {
        case .chose(0): return .go(.next)
        case .chose, .pending: return .none
        case .noDialog: break
        }
        if review.run.isRunning {
            switch key {
            case .escape, .enter:
                // The objects may already be applied; only the waiting stops.
                rolloutSkipped = true
                return ScreenResponse(review.run.cancel())
            default: return .none
            }
        }
        if !review.isPrompting {
            switch key {
            case .character("a"):
                context.answers.applyManifests = ManifestApplyMode.kubectl.rawValue
                rolloutSkipped = false
                return ScreenResponse(review.run.start(&context))
            case .character("f"):
                context.answers.applyManifests = ManifestApplyMode.files.rawValue
                return ScreenResponse(review.run.start(&context))
            case .enter:
                if review.run.succeeded || rolloutSkipped { return .go(.next) }
                dialog = .confirm(
                    title: "Nothing applied",
                    message:
                        "The local cluster has not been changed here. The remote connects only once the Secret and the Elasticsearch change are applied (press f to write them to files and apply them yourself). Continue?",
                    yes: "Continue", no: "Stay")
                return .none
            case .escape:
                return .go(.back)
            default: break
            }
        }
        if let effects = review.handleViewerKey(key, tokens: &context.tokens) { return ScreenResponse(effects) }
        return .none
    }

    public func title(_ context: WizardContext) -> String {
        "Manifests for ECK cluster \"\(context.answers.localName)\" in \(context.answers.localNamespace)"
    }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme) {
        review.render(
            into: &buffer, rect: rect, context: context, theme: theme,
            spinnerLabel: context.answers.applyManifests == "kubectl"
                ? "Applying and following the rollout… (Enter skips waiting)" : "Writing the files…")
    }

    public func keyHints(_ context: WizardContext) -> [KeyHint] {
        if review.run.isRunning { return [KeyHint("Enter", "skip waiting")] }
        if review.run.succeeded || rolloutSkipped {
            return review.hints([KeyHint("Enter", "continue"), KeyHint("Esc", "back")])
        }
        return review.hints([
            KeyHint("a", "apply with kubectl"), KeyHint("f", "write files"), KeyHint("Enter", "skip"),
            KeyHint("Esc", "back"),
        ])
    }

    public var help: HelpText {
        HelpText(
            "Manifests for the local cluster",
            [
                "Three changes make the local cluster use the key: a Secret holding cluster.remote.<alias>.credentials, listed in spec.secureSettings so ECK puts it in the keystore; the remote's CA in a ConfigMap, mounted into the pods and named in xpack.security.remote_cluster_client.ssl.certificate_authorities (only when the CA is private); and remote_cluster_client.ssl.enabled in every nodeSet.",
                "Changing secure settings or the pod template rolls the pods one by one. a applies with kubectl and follows the rollout until the resource is Ready; Enter stops waiting (the rollout goes on). f writes the files into the manifests folder for you to apply; the Secret file then holds a placeholder instead of the key.",
                "s saves the text shown to a file of your choice.",
            ])
    }

    public func plain(_ context: WizardContext) -> PlainView {
        let lines = review.plainLines(glyphs: context.configuration.glyphs)
        if review.run.isRunning { return PlainView(heading: "", lines: lines, prompt: .wait("Applying…")) }
        return PlainView(
            heading: "", lines: lines,
            prompt: .actions([
                PlainAction("a", "apply with kubectl", key: .character("a")),
                PlainAction("f", "write the files", key: .character("f")),
                PlainAction("", review.run.succeeded ? "continue" : "skip", key: .enter),
                PlainAction("b", "back", key: .escape),
            ]))
    }

    public var takesText: Bool { review.isPrompting }
}
