import RemoteClusterKit

/// A sequence of steps made of fields. Validators block Next and show their message under the
/// field; steps hidden by earlier answers are skipped in both directions; Back keeps every answer.
///
/// Keys on a step with fields: Tab/Shift-Tab (always) and ↓/↑ move between fields (lists use ↑/↓
/// first), Enter moves to the next field and on the last one goes Next, Esc goes Back; a path
/// field completes with Ctrl-T.
public struct Wizard: Sendable {
    public private(set) var steps: [WizardStep]
    /// The index (into `steps`) of the current step.
    public private(set) var current: Int

    public init(steps: [WizardStep]) {
        self.steps = steps
        self.current = 0
        if !steps.isEmpty, !steps[0].isVisible(answers) { current = nextVisible(after: 0) ?? 0 }
    }

    /// What a key or command did.
    public enum Outcome: Sendable, Hashable {
        case handled
        /// The wizard has no use for the key.
        case ignored
        /// Next was refused; the problems are shown under the fields.
        case blocked
        case movedForward
        case movedBack
        /// Next on the last visible step.
        case finished
        /// Back on the first visible step.
        case atStart
    }

    /// All answers, from every step.
    public var answers: Answers {
        var answers = Answers()
        for step in steps {
            for field in step.fields { answers[field.id] = field.control.value }
        }
        return answers
    }

    public var currentStep: WizardStep { steps[current] }

    /// The indices of the steps that apply given the current answers.
    public var visibleSteps: [Int] {
        let answers = answers
        return steps.indices.filter { steps[$0].isVisible(answers) }
    }

    /// Step n of m among the visible steps.
    public var progress: StepProgress {
        let visible = visibleSteps
        return StepProgress((visible.firstIndex(of: current) ?? 0) + 1, of: visible.count)
    }

    /// The rail: visible steps, done / current / upcoming.
    public var rail: [RailItem] {
        visibleSteps.map { index in
            RailItem(
                steps[index].shortTitle, state: index < current ? .done : (index == current ? .current : .upcoming))
        }
    }

    /// Whether printable keys go to the focused field (so they cannot be shortcuts like q).
    public var focusTakesText: Bool { currentStep.focusedField?.control.takesText ?? false }

    /// The keys that work on the current step, for the footer. Before the last field Enter (like
    /// Tab) moves to the next field; only on the last field does it continue to the next step, so
    /// the footer says which of the two it does now.
    public var keyHints: [KeyHint] {
        let step = currentStep
        var hints = step.focusedField?.control.keyHints ?? []
        if step.fields.count > 1, step.focus < step.fields.count - 1 {
            hints.append(KeyHint("Tab/Enter", "next field"))
        } else {
            hints.append(KeyHint("Enter", visibleSteps.last == current ? "finish" : "continue"))
        }
        if visibleSteps.first != current { hints.append(KeyHint("Esc", "back")) }
        return hints
    }

    /// The field with this id, wherever it is.
    public func field(_ id: String) -> FormField? {
        for step in steps { if let field = step.fields.first(where: { $0.id == id }) { return field } }
        return nil
    }

    /// Changes a field's control from outside (for example to fill in a suggestion).
    public mutating func setControl(_ id: String, to control: FieldControl) {
        for s in steps.indices {
            if let f = steps[s].index(of: id) { steps[s].fields[f].control = control }
        }
    }

    /// Tells every text, secret and path field how wide it is drawn in a body `bodyWidth` columns
    /// wide, so horizontal scrolling stays put while the cursor moves. Call on resize.
    public mutating func fitFields(toBodyWidth bodyWidth: Int) {
        for s in steps.indices {
            let width = FormView.controlWidth(for: steps[s], bodyWidth: bodyWidth)
            for f in steps[s].fields.indices { steps[s].fields[f].control.fit(width: width) }
        }
    }

    // MARK: Keys

    public mutating func handle(_ key: Key, tokens: inout TokenSource) -> (Outcome, [Effect<Never>]) {
        let fields = steps[current].fields
        if fields.isEmpty {
            switch key {
            case .enter: return (next(), [])
            case .escape: return (back(), [])
            default: return (.ignored, [])
            }
        }
        let focus = steps[current].focus
        switch key {
        case .tab:
            return (.handled, moveFocus(by: 1, tokens: &tokens))
        case .backTab:
            return (.handled, moveFocus(by: -1, tokens: &tokens))
        case .enter:
            if focus < fields.count - 1 { return (.handled, moveFocus(by: 1, tokens: &tokens)) }
            var effects = leaveField(tokens: &tokens)
            let outcome = next()
            return (outcome, effects)
        case .escape:
            return (back(), [])
        default:
            break
        }
        let (outcome, effects) = sendToField(key, tokens: &tokens)
        if outcome == .handled { return (.handled, effects) }
        switch key {
        case .down: return (.handled, moveFocus(by: 1, tokens: &tokens))
        case .up: return (.handled, moveFocus(by: -1, tokens: &tokens))
        default: return (.ignored, [])
        }
    }

    private mutating func sendToField(_ key: Key, tokens: inout TokenSource) -> (KeyOutcome, [Effect<Never>]) {
        let focus = steps[current].focus
        var field = steps[current].fields[focus]
        let (outcome, effects) = field.control.handle(key, tokens: &tokens)
        // Once a field shows problems, they follow every change so they go away when fixed.
        if !field.problems.isEmpty { field.validate(answers: answers) }
        steps[current].fields[focus] = field
        return (outcome, effects)
    }

    /// Moves focus to the neighbouring field (no wrap), validating the field left behind.
    private mutating func moveFocus(by delta: Int, tokens: inout TokenSource) -> [Effect<Never>] {
        let target = steps[current].focus + delta
        guard steps[current].fields.indices.contains(target) else { return [] }
        let effects = leaveField(tokens: &tokens)
        steps[current].focus = target
        return effects
    }

    /// Validates the focused field and, for a path, asks what the file holds.
    private mutating func leaveField(tokens: inout TokenSource) -> [Effect<Never>] {
        let focus = steps[current].focus
        let all = answers
        steps[current].fields[focus].validate(answers: all)
        if case .path(var path) = steps[current].fields[focus].control {
            let effects = path.describeIfChanged(tokens: &tokens)
            steps[current].fields[focus].control = .path(path)
            return effects
        }
        return []
    }

    /// Moves focus to a field of the current step.
    public mutating func focus(fieldID: String) {
        if let index = steps[current].index(of: fieldID) { steps[current].focus = index }
    }

    // MARK: Steps

    /// Validates the current step; moves to the next visible step when nothing blocks.
    public mutating func next() -> Outcome {
        let all = answers
        var firstError: Int?
        for index in steps[current].fields.indices {
            let problems = steps[current].fields[index].validate(answers: all)
            if firstError == nil, !problems.errors.isEmpty { firstError = index }
        }
        if let firstError {
            steps[current].focus = firstError
            return .blocked
        }
        guard let following = nextVisible(after: current) else { return .finished }
        current = following
        return .movedForward
    }

    /// Moves to the previous visible step; answers stay as they are.
    public mutating func back() -> Outcome {
        let all = answers
        guard let previous = steps.indices.reversed().first(where: { $0 < current && steps[$0].isVisible(all) }) else {
            return .atStart
        }
        current = previous
        return .movedBack
    }

    /// Jumps to a step by id (for example from a summary's "edit").
    public mutating func go(to stepID: String) {
        if let index = steps.firstIndex(where: { $0.id == stepID }) { current = index }
    }

    private func nextVisible(after index: Int) -> Int? {
        let all = answers
        return steps.indices.first { $0 > index && steps[$0].isVisible(all) }
    }

    // MARK: Results

    /// Hands a directory listing or file description to the path field waiting for it. Stale
    /// results (any token but the one a field waits for) change nothing.
    public mutating func apply<Reply>(_ event: Event<Reply>, tokens: inout TokenSource) -> [Effect<Never>] {
        var effects: [Effect<Never>] = []
        for s in steps.indices {
            for f in steps[s].fields.indices {
                guard case .path(var path) = steps[s].fields[f].control else { continue }
                switch event {
                case .directoryListed(_, let token, let result):
                    effects += path.apply(listing: result, token: token, tokens: &tokens)
                case .fileDescribed(_, let token, let description):
                    path.apply(description: description, token: token)
                default:
                    continue
                }
                steps[s].fields[f].control = .path(path)
            }
        }
        return effects
    }
}
