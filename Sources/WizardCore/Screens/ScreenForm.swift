import RemoteClusterKit

/// The fields of one screen: a one-step `Wizard` with its keys (Tab, Enter, the controls' own),
/// validation under the fields, path completion through effects, and the banner shown when
/// continuing was refused.
public struct ScreenForm: Sendable {
    public private(set) var wizard: Wizard
    public private(set) var banner: ErrorBanner?

    public init(_ step: WizardStep) { wizard = Wizard(steps: [step]) }

    /// The same fields without their notes, for drawing when the screen needs the room.
    public init(compact other: ScreenForm) {
        var step = other.step
        for index in step.fields.indices { step.fields[index].note = nil }
        step.intro = nil
        wizard = Wizard(steps: [step])
        banner = other.banner
    }

    public var step: WizardStep { wizard.currentStep }
    public var answers: Answers { wizard.answers }
    public var takesText: Bool { wizard.focusTakesText }

    /// What a key did to the form.
    public enum Outcome: Sendable, Hashable {
        case handled
        case ignored
        /// Enter on the last field with every field valid.
        case submitted
        /// Enter on the last field, refused; the problems are shown.
        case blocked
        /// Esc.
        case back
    }

    public mutating func handle(_ key: Key, tokens: inout TokenSource) -> (Outcome, [Effect<WizardJob>]) {
        let (outcome, effects) = wizard.handle(key, tokens: &tokens)
        if banner != nil, step.fields.allSatisfy({ $0.problems.errors.isEmpty }) { banner = nil }
        switch outcome {
        case .finished:
            banner = nil
            return (.submitted, effects.widened())
        case .blocked:
            let count = step.fields.filter { !$0.problems.errors.isEmpty }.count
            banner = ErrorBanner(
                "\(count) field\(count == 1 ? " needs" : "s need") attention",
                fix: "Fix what is marked below, then press Enter again.")
            return (.blocked, effects.widened())
        case .atStart, .movedBack: return (.back, effects.widened())
        case .ignored: return (.ignored, effects.widened())
        case .handled, .movedForward: return (.handled, effects.widened())
        }
    }

    /// Hands file results to the path fields.
    public mutating func apply(_ message: ScreenMessage, tokens: inout TokenSource) -> [Effect<WizardJob>] {
        let event: Event<WizardReply>
        switch message {
        case .directoryListed(let token, let result):
            event = .directoryListed(path: "", token: token, result: result)
        case .fileDescribed(let token, let description):
            event = .fileDescribed(path: "", token: token, description: description)
        default:
            return []
        }
        return wizard.apply(event, tokens: &tokens).widened()
    }

    /// Fits the one-line fields to the body width.
    public mutating func fit(_ context: WizardContext) {
        if let body = context.body { wizard.fitFields(toBodyWidth: body.width) }
    }

    /// Offers `text` in a text or path field: kept by Tab or Enter, replaced by typing.
    public mutating func suggestText(_ id: String, _ text: String) {
        guard let field = wizard.field(id) else { return }
        switch field.control {
        case .text(var control):
            control.suggest(text)
            wizard.setControl(id, to: .text(control))
        case .path(var control):
            control.field.suggest(text)
            wizard.setControl(id, to: .path(control))
        default: break
        }
    }

    public mutating func setText(_ id: String, _ text: String) {
        guard let field = wizard.field(id) else { return }
        switch field.control {
        case .text(var control):
            control.text = text
            wizard.setControl(id, to: .text(control))
        case .path(var control):
            control.field.text = text
            wizard.setControl(id, to: .path(control))
        default: break
        }
    }

    public mutating func focus(_ id: String) { wizard.focus(fieldID: id) }

    /// Moves the focus to the first field (to edit again after a check shown under the fields).
    public mutating func focusFirstField() {
        if let first = step.fields.first { focus(first.id) }
    }

    /// Validates every field without moving; returns whether none has an error.
    public mutating func validate() -> Bool { wizard.next() == .finished }

    /// The keys for the footer: the focused control's, then Tab/Enter, then Esc.
    public func keyHints(enter: String) -> [KeyHint] {
        var hints = wizard.keyHints.filter { $0.keys != "Enter" && $0.keys != "Esc" }
        if step.fields.count <= 1 || step.focus == step.fields.count - 1 { hints.append(KeyHint("Enter", enter)) }
        hints.append(KeyHint("Esc", "back"))
        return hints
    }

    /// Draws the banner (if any), then the fields; returns the rows used.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) -> Int {
        var area = rect
        if let banner {
            let used = banner.render(into: &buffer, rect: rect, theme: theme)
            area = rect.inset(top: used + 1)
        }
        FormView.render(step, into: &buffer, rect: area, theme: theme)
        return rect.height
    }

    /// The rows the fields need at this width (for screens that draw more below them).
    public func height(width: Int, glyphs: Glyphs) -> Int {
        let labelWidth = FormView.labelWidth(for: step, in: width)
        var rows = step.intro.map { TextLayout.wrap($0, width: width).count + 1 } ?? 0
        rows += step.fields.map { FormView.height(of: $0, labelWidth: labelWidth, width: width, glyphs: glyphs) }
            .reduce(0, +)
        if let banner { rows += banner.lines(width: width, glyphs: glyphs).count + 1 }
        return rows
    }

    /// The focused field as a line prompt.
    public var plainField: PlainField? { step.plainField(answers: answers) }
}
