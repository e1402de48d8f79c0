import Foundation

extension Validators {
    /// Characters Elasticsearch forbids in index names (besides upper case).
    static let forbiddenIndexCharacters: [Character] = ["\\", "/", "?", "\"", "<", ">", "|", " ", ",", "#", ":"]

    /// Index names or patterns for an API key's access or a role: at least one; each lower case,
    /// without forbidden characters, not starting with `-`, `_` or `+`. `*` wildcards and hidden
    /// `.`-indices are allowed. Warns for duplicates and for `*` on its own.
    public static func indexPatterns(_ values: [String], field: String = "Index patterns") -> [FieldProblem] {
        let patterns = values.map { $0.trimmingWhitespaceAndNewlines() }.filter { !$0.isEmpty }
        if patterns.isEmpty {
            return [
                FieldProblem(
                    field: field, problem: "no index pattern is given",
                    fix: "Enter at least one index name or pattern, e.g. logs-* .")
            ]
        }
        var problems: [FieldProblem] = []
        var seen: Set<String> = []
        for pattern in patterns {
            if let issue = indexPatternProblem(pattern, field: field) {
                problems.append(issue)
            } else if !seen.insert(pattern).inserted {
                problems.append(
                    FieldProblem(
                        field: field, problem: "\(TextExcerpt.quoted(pattern)) is listed twice",
                        fix: "Remove the duplicate.",
                        severity: .warning))
            } else if pattern == "*" {
                problems.append(
                    FieldProblem(
                        field: field, problem: "\"*\" matches every index on the remote cluster",
                        fix: "Name only the indices the local cluster needs, e.g. logs-*.", severity: .warning))
            }
        }
        return problems
    }

    /// The problem with one index pattern, or nil.
    static func indexPatternProblem(_ pattern: String, field: String) -> FieldProblem? {
        let problem = FieldProblemMaker(field: field)

        if pattern.utf8.count > 255 {
            return problem(
                "\(TextExcerpt.quoted(pattern, limit: 20)) is longer than 255 bytes",
                "Shorten it or use a wildcard, e.g. \(TextExcerpt.shown(pattern.prefix(20), limit: 20))*.")
        }
        if pattern.contains(",") {
            let parts = pattern.split(separator: ",").map { $0.trimmingWhitespace() }.filter {
                !$0.isEmpty
            }
            return problem(
                "\(TextExcerpt.quoted(pattern)) holds several patterns separated by commas",
                "Enter each pattern as its own entry: \(TextExcerpt.shown(parts.joined(separator: " | "))).")
        }
        if pattern.contains(where: \.isWhitespace) {
            return problem(
                "\(TextExcerpt.quoted(pattern)) contains a space",
                "Index names cannot contain spaces; use '-' or '_' instead.")
        }
        if pattern.contains(":") {
            return problem(
                "\(TextExcerpt.quoted(pattern)) contains ':'",
                "Leave out the cluster prefix: the remote cluster is chosen by its alias, and index names cannot contain ':'."
            )
        }
        let forbidden = Set(pattern.filter { forbiddenIndexCharacters.contains($0) })
        if !forbidden.isEmpty {
            let list = forbidden.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return problem(
                "\(TextExcerpt.quoted(pattern)) contains \(list), which index names cannot contain",
                "Remove \(forbidden.count == 1 ? "it" : "them"); index names cannot contain \\ / ? \" < > | , # : or spaces."
            )
        }
        if pattern.contains(where: { $0.isUppercase }) {
            return problem(
                "\(TextExcerpt.quoted(pattern)) contains upper-case letters",
                "Index names are lower case: use \(pattern.lowercased())."
            )
        }
        if let first = pattern.first, "-_+".contains(first) {
            return problem(
                "\(TextExcerpt.quoted(pattern)) starts with '\(first)', which index names cannot start with",
                "Remove the leading '\(first)'\(first == "-" ? "; exclusions are not supported here" : "").")
        }
        if pattern == "." || pattern == ".." {
            return problem(
                "\(TextExcerpt.quoted(pattern)) is not an index name",
                "Enter an index name or a pattern such as logs-*.")
        }
        return nil
    }
}
