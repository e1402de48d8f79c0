import RemoteClusterKit

/// What most screens are made of: fields to fill in, then the engine step's preview in a viewer
/// with the step's progress and outcome under it, and a question when one is asked. Each screen
/// says what its keys do; this part does the rest the same way everywhere.
public struct FormAndReview: Sendable {
    public var form: ScreenForm
    /// Whether the fields are done and the preview has the keyboard.
    public var reviewing: Bool
    public var review: StepReview
    public var dialog: ModalDialog?

    public init(form: ScreenForm, review: StepReview, reviewing: Bool = false) {
        self.form = form
        self.review = review
        self.reviewing = reviewing
    }

    /// What a message meant, after the common handling.
    public enum Handled: Sendable {
        /// Done here; the response is the effects to run.
        case done(ScreenResponse)
        /// The step ended with this outcome (the context keeps its result); the screen reacts.
        case finished(StepOutcome)
        /// A key the screen decides about: on the form, in the review, or a dialog answer.
        case formKey(ScreenForm.Outcome, [Effect<WizardJob>])
        case reviewKey(Key)
        case answered(Int)
    }

    /// Handles everything but the screen's own decisions: resizing, file results, the step's
    /// progress, a dialog's keys, form editing, a running step's Esc, scrolling and saving.
    /// `preview` makes the preview lines again (after a resize).
    public mutating func handle(
        _ message: ScreenMessage, _ context: inout WizardContext, preview: (WizardContext) -> [String]
    ) -> Handled {
        switch message {
        case .key(let key):
            return handle(key, &context)
        case .resized:
            form.fit(context)
            if reviewing { review.show(preview(context)) }
            return .done(.none)
        case .directoryListed, .fileDescribed:
            return .done(ScreenResponse(form.apply(message, tokens: &context.tokens)))
        case .fileSaved(let path, let token, let result):
            review.applySave(path: path, token: token, result: result)
            if case .success = result { context.recordFile(path) }
            return .done(.none)
        default:
            switch review.run.receive(message, &context) {
            case .ignored: return .done(.none)
            case .changed(let effects): return .done(ScreenResponse(effects))
            case .finished(let outcome): return .finished(outcome)
            }
        }
    }

    private mutating func handle(_ key: Key, _ context: inout WizardContext) -> Handled {
        switch dialog.answer(key) {
        case .pending: return .done(.none)
        case .chose(let index): return .answered(index)
        case .noDialog: break
        }
        guard reviewing else {
            let (outcome, effects) = form.handle(key, tokens: &context.tokens)
            return .formKey(outcome, effects)
        }
        if review.run.isRunning { return .done(key == .escape ? ScreenResponse(review.run.cancel()) : .none) }
        if review.isPrompting || ![Key.enter, .escape].contains(key) {
            if let effects = review.handleViewerKey(key, tokens: &context.tokens) {
                return .done(ScreenResponse(effects))
            }
        }
        return .reviewKey(key)
    }

    /// Opens the review with the preview for the answers just given.
    public mutating func openReview(_ lines: [String]) {
        reviewing = true
        review.run.reset()
        review.show(lines)
    }

    /// The fields, or the preview with the step under it.
    public func render(
        into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme, spinnerLabel: String
    ) {
        if reviewing {
            review.render(into: &buffer, rect: rect, context: context, theme: theme, spinnerLabel: spinnerLabel)
        } else {
            form.render(into: &buffer, rect: rect, theme: theme)
        }
    }

    /// The footer: the form's keys with `formEnter` for Enter, or in the review the screen's own
    /// keys (or only Esc while the step runs).
    public func keyHints(formEnter: String, review own: [KeyHint]) -> [KeyHint] {
        guard reviewing else { return form.keyHints(enter: formEnter) }
        if review.run.isRunning { return [KeyHint("Esc", "stop")] }
        return review.hints(own)
    }

    /// Plain mode: the form's focused field, or the preview and what happened with `actions`.
    public func plain(_ context: WizardContext, waiting: String, actions: [PlainAction]) -> PlainView {
        guard reviewing else {
            let intro = form.step.intro.map { [$0] } ?? []
            return PlainView(heading: "", lines: intro, prompt: form.plainField.map(PlainPrompt.field) ?? .wait(""))
        }
        let lines = review.plainLines(glyphs: context.configuration.glyphs)
        if review.run.isRunning { return PlainView(heading: "", lines: lines, prompt: .wait(waiting)) }
        return PlainView(heading: "", lines: lines, prompt: .actions(actions))
    }

    public var takesText: Bool { reviewing ? review.isPrompting : form.takesText }
}

/// What a key did to the question on screen, if there is one.
public enum DialogAnswer: Sendable, Hashable {
    case noDialog
    case pending
    case chose(Int)
}

extension Optional where Wrapped == ModalDialog {
    /// Gives the key to the question, closing it when answered.
    public mutating func answer(_ key: Key) -> DialogAnswer {
        guard var dialog = self else { return .noDialog }
        switch dialog.handle(key) {
        case .pending:
            self = dialog
            return .pending
        case .chose(let index):
            self = nil
            return .chose(index)
        }
    }
}
