import RemoteClusterKit

/// A screen as line prompts: a heading, the text to print, and what to ask. Plain mode prints
/// the text, asks, and turns the answer into the keys a person would press, so both modes run
/// through the same `update`.
public struct PlainView: Sendable, Hashable {
    public var heading: String
    public var lines: [String]
    public var prompt: PlainPrompt

    public init(heading: String, lines: [String], prompt: PlainPrompt) {
        self.heading = heading
        self.lines = lines
        self.prompt = prompt
    }
}

/// What plain mode asks next.
public enum PlainPrompt: Sendable, Hashable {
    /// A field's value.
    case field(PlainField)
    /// One of a few actions, each bound to a key.
    case actions([PlainAction])
    /// Work is running; nothing to ask until it answers.
    case wait(String)
    /// The program has ended.
    case finished
}

/// An action offered on a line prompt: what to type, what it does, and the key it stands for.
public struct PlainAction: Sendable, Hashable {
    /// What the operator types; empty for just Enter.
    public var answer: String
    public var label: String
    public var key: Key

    public init(_ answer: String, _ label: String, key: Key) {
        self.answer = answer
        self.label = label
        self.key = key
    }
}

/// A field asked on a line prompt, with its current value and the problems that value has now.
public struct PlainField: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case text(String)
        case secret(isEmpty: Bool)
        case choice([ChoiceOption], selected: Int)
        case multiChoice([ChoiceOption], chosen: [String])
        case confirm(Bool)
    }

    public var id: String
    public var label: String
    public var note: String?
    public var kind: Kind
    public var problems: [FieldProblem]

    public init(id: String, label: String, note: String? = nil, kind: Kind, problems: [FieldProblem] = []) {
        self.id = id
        self.label = label
        self.note = note
        self.kind = kind
        self.problems = problems
    }

    /// The field of a form as a prompt; problems are those of its current value.
    public init(_ field: FormField, answers: Answers) {
        let kind: Kind
        switch field.control {
        case .text(let text): kind = .text(text.text)
        case .path(let path): kind = .text(path.path)
        case .secret(let secret): kind = .secret(isEmpty: secret.field.text.isEmpty)
        case .choice(let list): kind = .choice(list.options, selected: list.highlighted)
        case .multiChoice(let list): kind = .multiChoice(list.options, chosen: list.chosenIDs)
        case .confirm(let confirm): kind = .confirm(confirm.value)
        }
        let problems = field.validators.flatMap { $0.check(field.control.value, answers) }
        self.init(id: field.id, label: field.label, note: field.note, kind: kind, problems: problems)
    }

    /// The answer that empties a text field (an empty answer keeps the value).
    public static let clearAnswer = "-"

    /// The keys that put `answer` into the field (not the Enter that leaves it), or why the answer
    /// cannot be used. An empty answer keeps the current value.
    public func keys(for answer: String) -> Result<[Key], FieldProblem> {
        let trimmed = answer.trimmingWhitespace()
        switch kind {
        case .text, .secret:
            if answer.isEmpty { return .success([]) }
            if trimmed == Self.clearAnswer { return .success([.end, .control("u")]) }
            return .success([.end, .control("u"), .paste(answer)])
        case .choice(let options, let selected):
            if trimmed.isEmpty { return .success([]) }
            guard let number = Int(trimmed), options.indices.contains(number - 1) else {
                return .failure(
                    FieldProblem(
                        field: label, problem: "\(TextExcerpt.quoted(trimmed)) is not one of the choices",
                        fix: "Type a number from 1 to \(options.count)."))
            }
            let steps = number - 1 - selected
            return .success(Array(repeating: steps >= 0 ? Key.down : Key.up, count: abs(steps)))
        case .multiChoice(let options, let chosen):
            if trimmed.isEmpty { return .success([]) }
            let numbers = trimmed.split(separator: ",").map { Int($0.trimmingWhitespace()) }
            guard numbers.allSatisfy({ $0 != nil && options.indices.contains($0! - 1) }) else {
                return .failure(
                    FieldProblem(
                        field: label, problem: "\(TextExcerpt.quoted(trimmed)) is not a list of choices",
                        fix: "Type numbers from 1 to \(options.count), like 1,2."))
            }
            let wanted = Set(numbers.map { options[$0! - 1].id })
            var keys: [Key] = [.home]
            for (index, option) in options.enumerated() {
                if wanted.contains(option.id) != chosen.contains(option.id) { keys.append(.character(" ")) }
                if index < options.count - 1 { keys.append(.down) }
            }
            return .success(keys)
        case .confirm:
            switch trimmed.lowercased() {
            case "": return .success([])
            case "y", "yes": return .success([.character("y")])
            case "n", "no": return .success([.character("n")])
            default:
                return .failure(
                    FieldProblem(field: label, problem: "\(TextExcerpt.quoted(trimmed)) is not yes or no", fix: "Answer y or n."))
            }
        }
    }
}

extension WizardStep {
    /// The step's focused field as a line prompt, or nil when it has no fields.
    public func plainField(answers: Answers) -> PlainField? {
        focusedField.map { PlainField($0, answers: answers) }
    }
}
