import Foundation

/// Checks for every value an operator types, shared by the terminal UI, plain mode and plan files.
///
/// Each function returns the problems it found (empty = valid). Errors block going on; warnings
/// are shown but allow it. `field` is the name the message uses; plan files pass a YAML path.
public enum Validators {
    /// The remote cluster alias: lower-case letters, digits, `-` and `_`.
    ///
    /// Elasticsearch itself accepts upper case, but the keystore setting
    /// `cluster.remote.<alias>.credentials` is documented as lower case and must match the alias
    /// in the cluster settings exactly, so the wizard keeps to lower case.
    public static func alias(_ value: String, field: String = "Remote cluster alias") -> [FieldProblem] {
        let credentialsHint = "it becomes part of the keystore setting cluster.remote.<alias>.credentials"
        if value.trimmingWhitespace().isEmpty {
            return [
                FieldProblem(
                    field: field, problem: "is empty",
                    fix: "Enter a short name such as \"central-logs\"; \(credentialsHint).")
            ]
        }
        if value.count > maximumAliasLength {
            return [
                FieldProblem(
                    field: field,
                    problem:
                        "is \(value.count) characters long (it starts \(TextExcerpt.quoted(value, limit: 20))); the limit is \(maximumAliasLength)",
                    fix:
                        "Use a short name such as \"central-logs\"; \(credentialsHint), whose name Kubernetes limits to 253 characters."
                )
            ]
        }
        var problems: [FieldProblem] = []
        if value.contains(where: \.isWhitespace) {
            problems.append(
                FieldProblem(
                    field: field, problem: "\(TextExcerpt.quoted(value)) contains spaces",
                    fix: "Join the words with '-' or '_', e.g. \(TextExcerpt.quoted(suggestedAlias(from: value)))."))
        }
        if value.contains(where: { $0.isASCII && $0.isUppercase }) {
            problems.append(
                FieldProblem(
                    field: field, problem: "\(TextExcerpt.quoted(value)) contains upper-case letters",
                    fix:
                        "Use \(TextExcerpt.quoted(suggestedAlias(from: value))): Elastic's docs and the keystore setting "
                        + "cluster.remote.<alias>.credentials require a lower-case alias, and the alias must match that setting exactly."
                ))
        }
        let others = Set(value.filter { !isAliasCharacter($0) && !($0.isASCII && $0.isUppercase) && !$0.isWhitespace })
        if others.contains(".") {
            problems.append(
                FieldProblem(
                    field: field, problem: "\(TextExcerpt.quoted(value)) contains a dot",
                    fix:
                        "Use '-' instead: a dot would split the setting name cluster.remote.<alias>.mode, so Elasticsearch would not recognise it."
                ))
        }
        let rest = others.subtracting(["."])
        if !rest.isEmpty {
            let list = rest.sorted().map { "'\($0)'" }.joined(separator: ", ")
            problems.append(
                FieldProblem(
                    field: field, problem: "\(TextExcerpt.quoted(value)) contains \(list)",
                    fix: "Use only lower-case letters, digits, '-' and '_'; \(credentialsHint)."))
        }
        return problems
    }

    /// The longest alias whose keystore setting `cluster.remote.<alias>.credentials` still fits
    /// a Kubernetes Secret key (253 characters).
    public static let maximumAliasLength = 253 - "cluster.remote.".count - ".credentials".count

    static func isAliasCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber || character == "-" || character == "_")
    }

    /// A valid alias close to `value`, for fixes.
    public static func suggestedAlias(from value: String) -> String {
        let mapped = value.lowercased().map { character -> Character in
            isAliasCharacter(character) ? character : "-"
        }
        let collapsed = String(mapped).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        return collapsed.isEmpty ? "remote" : collapsed
    }
}
