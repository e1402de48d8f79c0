import RemoteClusterKit

/// The editing widget behind a form field.
public enum FieldControl: Sendable, Hashable {
    case text(TextField)
    case secret(SecretField)
    case path(PathField)
    case choice(ChoiceList)
    case multiChoice(MultiChoice)
    case confirm(Confirm)

    /// The current value.
    public var value: FieldValue {
        switch self {
        case .text(let field): return .text(field.text)
        case .secret(let field): return .secret(field.secret)
        case .path(let field): return .text(field.path)
        case .choice(let list): return .choice(list.selected?.id ?? "")
        case .multiChoice(let list): return .choices(list.chosenIDs)
        case .confirm(let confirm): return .flag(confirm.value)
        }
    }

    /// Sends a key to the widget; a path field may ask for a directory listing.
    public mutating func handle(_ key: Key, tokens: inout TokenSource) -> (KeyOutcome, [Effect<Never>]) {
        switch self {
        case .text(var control):
            defer { self = .text(control) }
            return (control.handle(key), [])
        case .secret(var control):
            defer { self = .secret(control) }
            return (control.handle(key), [])
        case .path(var control):
            defer { self = .path(control) }
            return control.handle(key, tokens: &tokens)
        case .choice(var control):
            defer { self = .choice(control) }
            return (control.handle(key), [])
        case .multiChoice(var control):
            defer { self = .multiChoice(control) }
            return (control.handle(key), [])
        case .confirm(var control):
            defer { self = .confirm(control) }
            return (control.handle(key), [])
        }
    }

    /// Tells a one-line control (text, secret, path) how many columns it is drawn in, so its
    /// horizontal scroll stays put while the cursor moves; lists have nothing to fit.
    public mutating func fit(width: Int) {
        switch self {
        case .text(var field):
            field.visibleWidth = width
            self = .text(field)
        case .secret(var secret):
            secret.field.visibleWidth = width
            self = .secret(secret)
        case .path(var path):
            path.field.visibleWidth = width
            self = .path(path)
        case .choice, .multiChoice, .confirm:
            break
        }
    }

    /// Whether printable keys type into the control (so they cannot be shortcuts).
    public var takesText: Bool {
        switch self {
        case .text, .secret, .path: return true
        case .choice, .multiChoice, .confirm: return false
        }
    }

    /// Whether the control spans several lines and gets its label on a line of its own.
    var isList: Bool {
        switch self {
        case .choice, .multiChoice: return true
        default: return false
        }
    }

    /// The keys the control itself understands, for the footer.
    public var keyHints: [KeyHint] {
        switch self {
        case .text: return []
        case .secret(let field): return [KeyHint("^R", field.isRevealed ? "hide" : "show")]
        case .path: return [KeyHint("^T", "complete")]
        case .choice: return [KeyHint("↑↓", "choose")]
        case .multiChoice: return [KeyHint("↑↓", "move"), KeyHint("Space", "toggle")]
        case .confirm: return [KeyHint("←→", "change")]
        }
    }
}

/// One field of a wizard step: a label, a control, validators and the problems found last time.
public struct FormField: Sendable {
    public let id: String
    public var label: String
    public var control: FieldControl
    /// A short muted line under the field (what to enter, an example).
    public var note: String?
    public var validators: [Validator]
    /// The problems shown under the field, from the last validation.
    public var problems: [FieldProblem] = []

    public init(id: String, label: String, control: FieldControl, note: String? = nil, validators: [Validator] = []) {
        self.id = id
        self.label = label
        self.control = control
        self.note = note
        self.validators = validators
    }

    public static func text(
        _ id: String, _ label: String, value: String = "", placeholder: String = "",
        note: String? = nil, validators: [Validator] = []
    ) -> FormField {
        FormField(
            id: id, label: label, control: .text(TextField(value, placeholder: placeholder)), note: note,
            validators: validators)
    }

    /// A masked field; `value` fills it in (a secret known already, still masked).
    public static func secret(
        _ id: String, _ label: String, value: Secret? = nil, placeholder: String = "", note: String? = nil,
        validators: [Validator] = []
    ) -> FormField {
        var field = SecretField(placeholder: placeholder)
        if let value { field.field.text = value.revealed }
        return FormField(id: id, label: label, control: .secret(field), note: note, validators: validators)
    }

    public static func path(
        _ id: String, _ label: String, value: String = "", placeholder: String = "",
        note: String? = nil, validators: [Validator] = []
    ) -> FormField {
        FormField(
            id: id, label: label, control: .path(PathField(value, placeholder: placeholder)), note: note,
            validators: validators)
    }

    public static func choice(_ id: String, _ label: String, options: [ChoiceOption], note: String? = nil)
        -> FormField
    {
        FormField(id: id, label: label, control: .choice(ChoiceList(options)), note: note)
    }

    public static func multiChoice(
        _ id: String, _ label: String, options: [ChoiceOption],
        chosen: Set<String> = [], note: String? = nil, validators: [Validator] = []
    )
        -> FormField
    {
        FormField(
            id: id, label: label, control: .multiChoice(MultiChoice(options, chosen: chosen)), note: note,
            validators: validators)
    }

    public static func confirm(_ id: String, _ label: String, value: Bool = false, note: String? = nil) -> FormField {
        FormField(id: id, label: label, control: .confirm(Confirm(value)), note: note)
    }

    /// Runs the validators and keeps their problems for display.
    @discardableResult
    public mutating func validate(answers: Answers) -> [FieldProblem] {
        problems = validators.flatMap { $0.check(control.value, answers) }
        return problems
    }
}
