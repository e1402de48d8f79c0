import RemoteClusterKit

/// Fields with a check under them (the preflight, the cluster check): Enter on the last field runs
/// the engine step, its result shows below the fields, then Enter goes on (asking first when the
/// check failed), ↑ edits again and typing edits the last field. Used by the screens whose result
/// is a few lines rather than a document.
public struct CheckedForm: Sendable {
    public var form: ScreenForm
    public var check: StepRun
    /// Whether the finished check has the keyboard.
    public var reviewing = false
    public var dialog: ModalDialog?

    public init(form: ScreenForm, check: StepRun) {
        self.form = form
        self.check = check
    }

    /// What a message meant, after the common handling.
    public enum Handled: Sendable {
        case done(ScreenResponse)
        /// The check ended (the context keeps its result).
        case finished(StepOutcome)
        /// A key for the form; `.submitted` means: run the check (or continue when it is current).
        case formKey(ScreenForm.Outcome, [Effect<WizardJob>])
        /// Enter on the finished check.
        case proceed
        /// The dialog's answer.
        case answered(Int)
        /// Esc while the check runs: it was stopped.
        case stopped([Effect<WizardJob>])
    }

    public mutating func handle(_ message: ScreenMessage, _ context: inout WizardContext) -> Handled {
        switch message {
        case .key(let key): return handle(key, &context)
        case .resized:
            form.fit(context)
            return .done(.none)
        case .directoryListed, .fileDescribed:
            return .done(ScreenResponse(form.apply(message, tokens: &context.tokens)))
        default:
            switch check.receive(message, &context) {
            case .ignored: return .done(.none)
            case .changed(let effects): return .done(ScreenResponse(effects))
            case .finished(let outcome):
                reviewing = true
                return .finished(outcome)
            }
        }
    }

    private mutating func handle(_ key: Key, _ context: inout WizardContext) -> Handled {
        switch dialog.answer(key) {
        case .chose(let index): return .answered(index)
        case .pending: return .done(.none)
        case .noDialog: break
        }
        // Keys wait while the check runs, except Esc, which stops it.
        if check.isRunning { return key == .escape ? .stopped(check.cancel()) : .done(.none) }
        if reviewing {
            switch key {
            case .enter: return .proceed
            case .escape: return .done(.go(.back))
            case .up, .backTab:
                reviewing = false
                form.focusFirstField()
                return .done(.none)
            default:
                reviewing = false
            }
        }
        let (outcome, effects) = form.handle(key, tokens: &context.tokens)
        return .formKey(outcome, effects)
    }

    /// Starts the check; the result replaces the last one.
    public mutating func run(_ context: inout WizardContext, deadlineMilliseconds: Int64) -> [Effect<WizardJob>] {
        reviewing = false
        return check.start(&context, deadlineMilliseconds: deadlineMilliseconds)
    }

    /// Asks whether to go on past a failed check.
    public mutating func askToContinue(title: String, _ problem: String) {
        dialog = .confirm(
            title: title,
            message: "\(problem) The connection will not work until this is fixed. Continue anyway?",
            yes: "Continue", no: "Fix it")
    }

    /// The fields (without their notes while a check is shown), then the spinner or `lines`;
    /// `stale` is said above the lines when the values changed since the check.
    public func render(
        into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme, spinnerLabel: String,
        lines: [String], stale: String? = nil
    ) {
        let showing = check.isRunning || check.outcome != nil
        let shown = showing ? ScreenForm(compact: form) : form
        let rows = min(rect.height, shown.height(width: rect.width, glyphs: theme.glyphs))
        shown.render(into: &buffer, rect: Rect(x: rect.x, y: rect.y, width: rect.width, height: rows), theme: theme)
        guard showing else { return }
        var y = rect.y + rows + 1
        if check.isRunning {
            check.renderSpinner(
                into: &buffer, x: rect.x, y: y, width: rect.width, label: spinnerLabel, context: context, theme: theme)
            return
        }
        if let stale {
            buffer.write(stale, x: rect.x, y: y, width: rect.width, style: .warning)
            y += 1
        }
        ReportLines.render(
            lines, into: &buffer, rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), theme: theme)
    }

    /// The footer: Esc while the check runs, the review's keys after it, the form's before.
    public func keyHints(formEnter: String, passed: Bool) -> [KeyHint] {
        if check.isRunning { return [KeyHint("Esc", "stop")] }
        if reviewing {
            return [
                KeyHint("Enter", passed ? "continue" : "continue anyway"), KeyHint("↑", "edit"), KeyHint("Esc", "back"),
            ]
        }
        return form.keyHints(enter: formEnter)
    }

    /// Plain mode: wait while the check runs, the result's actions after it, else the focused field.
    public func plain(lines: [String], waiting: String, passed: Bool) -> PlainView {
        if check.isRunning { return PlainView(heading: "", lines: [], prompt: .wait(waiting)) }
        if reviewing {
            return PlainView(
                heading: "", lines: lines,
                prompt: .actions([
                    PlainAction("", passed ? "continue" : "continue anyway", key: .enter),
                    PlainAction("e", "edit the values", key: .backTab), PlainAction("b", "back", key: .escape),
                ]))
        }
        return PlainView(heading: "", lines: lines, prompt: form.plainField.map(PlainPrompt.field) ?? .wait(""))
    }

    public var takesText: Bool { !reviewing && !check.isRunning && dialog == nil && form.takesText }
}
