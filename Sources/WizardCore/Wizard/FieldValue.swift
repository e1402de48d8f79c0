import RemoteClusterKit

/// The value of one field, as validators and the rest of the program see it.
public enum FieldValue: Sendable, Hashable {
    case text(String)
    case secret(Secret)
    /// The id of the chosen option.
    case choice(String)
    /// The ids of the chosen options, in option order.
    case choices([String])
    case flag(Bool)
}

/// Every field's value, by field id, across all steps (hidden ones included, so going back and
/// forth never loses anything).
public struct Answers: Sendable, Hashable {
    public private(set) var values: [String: FieldValue]

    public init(_ values: [String: FieldValue] = [:]) { self.values = values }

    public subscript(id: String) -> FieldValue? {
        get { values[id] }
        set { values[id] = newValue }
    }

    /// The text of a text or path field ("" when absent), trimmed of surrounding spaces.
    public func text(_ id: String) -> String {
        if case .text(let value)? = values[id] { return value.trimmingWhitespace() }
        return ""
    }

    /// The value of a secret field.
    public func secret(_ id: String) -> Secret? {
        if case .secret(let value)? = values[id] { return value }
        return nil
    }

    /// The id of the option chosen in a single-choice field.
    public func choice(_ id: String) -> String? {
        if case .choice(let value)? = values[id] { return value }
        return nil
    }

    /// The ids chosen in a multiple-choice field.
    public func choices(_ id: String) -> [String] {
        if case .choices(let value)? = values[id] { return value }
        return []
    }

    /// The answer of a yes/no field (false when absent).
    public func flag(_ id: String) -> Bool {
        if case .flag(let value)? = values[id] { return value }
        return false
    }
}

/// Checks a field's value; returns the problems (empty when the value is fine). Errors block Next,
/// warnings are only shown. Validators may look at other answers.
public struct Validator: Sendable {
    public let check: @Sendable (FieldValue, Answers) -> [FieldProblem]

    public init(_ check: @escaping @Sendable (FieldValue, Answers) -> [FieldProblem]) { self.check = check }

    /// A validator of the trimmed text of a text or path field (secrets: their revealed value).
    public static func text(_ check: @escaping @Sendable (String) -> [FieldProblem]) -> Validator {
        Validator { value, _ in
            switch value {
            case .text(let text): return check(text.trimmingWhitespace())
            case .secret(let secret): return check(secret.revealed.trimmingWhitespace())
            default: return []
            }
        }
    }

    /// The field must not be empty (text, secret, or at least one choice).
    public static func required(_ field: String, fix: String) -> Validator {
        Validator { value, _ in
            let isEmpty: Bool
            switch value {
            case .text(let text): isEmpty = text.trimmingWhitespace().isEmpty
            case .secret(let secret): isEmpty = secret.isEmpty
            case .choices(let ids): isEmpty = ids.isEmpty
            case .choice, .flag: isEmpty = false
            }
            return isEmpty ? [FieldProblem(field: field, problem: "is empty", fix: fix)] : []
        }
    }
}

import Foundation
