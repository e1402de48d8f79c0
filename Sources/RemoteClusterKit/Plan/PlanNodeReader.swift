import Foundation
import Yams

/// Reads typed values out of a composed YAML tree and collects every problem with its YAML path.
struct PlanNodeReader {
    var problems: [FieldProblem] = []
    var warnings: [FieldProblem] = []

    mutating func fail(_ path: String, _ problem: String, _ fix: String, at node: Node? = nil) {
        problems.append(FieldProblem(field: path, problem: problem + Self.line(node), fix: fix))
    }

    mutating func warn(_ path: String, _ problem: String, _ fix: String) {
        warnings.append(FieldProblem(field: path, problem: problem, fix: fix, severity: .warning))
    }

    /// Adds problems from a validator, renamed to the YAML path; warnings go to `warnings`.
    mutating func add(_ found: [FieldProblem], path: String) {
        for problem in found {
            let renamed = problem.renamed(to: path)
            if renamed.severity == .error { problems.append(renamed) } else { warnings.append(renamed) }
        }
    }

    static func line(_ node: Node?) -> String {
        guard let mark = node?.mark else { return "" }
        return " (line \(mark.line))"
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar = node { return node.tag.rawValue == Tag.Name.null.rawValue }
        return false
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar): return "\(TextExcerpt.quoted(scalar.string))"
        }
    }

    /// The members of a mapping after checking the type, unknown keys (with a suggestion) and
    /// required keys (Yams already refuses duplicate keys). nil when `node` is not a mapping.
    mutating func members(_ node: Node, path: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            fail(
                path.isEmpty ? "(plan)" : path, "must be a mapping of keys to values, not \(Self.describe(node))",
                "Write it as `key: value` lines; allowed keys: \(allowed.joined(separator: ", ")).", at: node)
            return nil
        }
        var members: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                fail(path, "has a key that is not plain text", "Use plain keys such as \(allowed[0]).", at: keyNode)
                continue
            }
            let keyPath = Self.join(path, key)
            guard allowed.contains(key) else {
                let suggestion = Self.suggestion(for: key, among: allowed).map { "Did you mean `\($0)`? " } ?? ""
                fail(
                    keyPath, "is not a known key", "\(suggestion)Allowed here: \(allowed.joined(separator: ", ")).",
                    at: keyNode)
                continue
            }
            members[key] = value
        }
        for key in required where members[key].map(Self.isNull) ?? true {
            fail(Self.join(path, key), "is required", Self.requiredFix(key), at: members[key] ?? node)
        }
        return members
    }

    static func requiredFix(_ key: String) -> String { "Add `\(key):` with a value." }

    /// The closest allowed key: same letters ignoring case, `_` and `-`, or within a small edit distance.
    static func suggestion(for key: String, among allowed: [String]) -> String? {
        func normalized(_ text: String) -> String { text.lowercased().filter { $0 != "_" && $0 != "-" } }
        if let same = allowed.first(where: { normalized($0) == normalized(key) }) { return same }
        let scored = allowed.map { ($0, editDistance(normalized($0), normalized(key))) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, key.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// A text value; nil (after reporting) when it is not one. A null value counts as absent.
    mutating func string(_ node: Node?, path: String) -> String? {
        guard let node, !Self.isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            fail(
                path, "must be a single value, not \(Self.describe(node))",
                "Write it as `\(path.split(separator: ".").last ?? ""): value`.", at: node)
            return nil
        }
        if scalar.string.trimmingWhitespace().isEmpty {
            fail(path, "is empty", "Give it a value or remove the key.", at: node)
            return nil
        }
        return scalar.string
    }

    /// true or false.
    mutating func bool(_ node: Node?, path: String) -> Bool? {
        guard let node, !Self.isNull(node) else { return nil }
        guard let value = node.scalar != nil && node.tag.rawValue == Tag.Name.bool.rawValue ? node.bool : nil else {
            fail(
                path, "must be true or false, not \(Self.describe(node))", "Write true or false without quotes.",
                at: node)
            return nil
        }
        return value
    }

    /// A list of text values; a single value is accepted as a list of one when `allowSingle`.
    mutating func stringList(_ node: Node?, path: String, allowSingle: Bool = false) -> [String]? {
        guard let node, !Self.isNull(node) else { return nil }
        if allowSingle, node.scalar != nil { return string(node, path: path).map { [$0] } }
        guard case .sequence(let sequence) = node else {
            fail(
                path, "must be a list, not \(Self.describe(node))", "Write it as [\"a\", \"b\"] or as `- a` lines.",
                at: node)
            return nil
        }
        var values: [String] = []
        for (index, item) in sequence.enumerated() {
            if let value = string(item, path: "\(path)[\(index)]") { values.append(value) }
        }
        return values
    }

    /// One of the raw values of `T`.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node?, path: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(node, path: path) else { return nil }
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map(\.rawValue)
        let hint = Self.suggestion(for: text, among: allowed).map { "Did you mean `\($0)`? " } ?? ""
        fail(
            path, "\(TextExcerpt.quoted(text)) is not one of \(allowed.joined(separator: ", "))",
            "\(hint)Use one of: \(allowed.joined(separator: ", ")).", at: node)
        return nil
    }

    /// The name of an environment variable that holds a secret; a value that is not one, or
    /// looks like the secret itself, is refused without being repeated.
    mutating func environmentName(_ node: Node?, path: String) -> String? {
        guard let name = string(node, path: path) else { return nil }
        let found = Validators.environmentVariableName(name, field: path)
        for problem in found { fail(path, problem.problem, problem.fix, at: node) }
        return found.isEmpty ? name : nil
    }

    /// A path, resolved against `folder` when relative (`~` is expanded).
    mutating func path(_ node: Node?, path: String, folder: URL) -> URL? {
        guard let text = string(node, path: path) else { return nil }
        return Self.resolve(text, folder: folder)
    }

    static func resolve(_ text: String, folder: URL) -> URL {
        let expanded = (text as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return folder.appendingPathComponent(expanded).standardizedFileURL
    }
}
