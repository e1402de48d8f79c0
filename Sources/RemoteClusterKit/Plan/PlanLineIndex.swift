import Yams

/// The line of every YAML path in a plan file (`remotes[1].proxyAddress` → 12), so that every
/// problem about the plan can say where to look, also problems found after parsing (contexts,
/// secrets, kubectl) and keys that are missing (the line of the mapping that lacks them).
public struct PlanLineIndex: Sendable, Hashable {
    /// Line numbers (1-based) by YAML path; the key's line for mapping members.
    public private(set) var lines: [String: Int] = [:]

    public init() {}

    /// The index of a composed plan document.
    init(_ root: Node) {
        lines[""] = root.mark?.line ?? 1
        add(root, path: "")
    }

    private mutating func add(_ node: Node, path: String) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { continue }
                let member = PlanNodeReader.join(path, name)
                if let line = key.mark?.line { lines[member] = line }
                add(value, path: member)
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                let member = "\(path)[\(index)]"
                if let line = item.mark?.line { lines[member] = line }
                add(item, path: member)
            }
        case .scalar, .alias:
            break
        }
    }

    /// The line of `path`, or of the nearest enclosing path the file has; nil for fields that are
    /// not YAML paths (`--apply`, `(plan)`).
    public func line(of path: String) -> Int? {
        var current = path
        while !current.isEmpty {
            if let line = lines[current] { return line }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            current = String(current[..<cut])
        }
        return nil
    }

    /// `problem` with ` (line N)` added to its text, unless it has a line already or its field is
    /// not a path of the plan.
    public func locate(_ problem: FieldProblem) -> FieldProblem {
        guard !problem.problem.contains("(line "), let line = line(of: problem.field) else { return problem }
        var located = problem
        located.problem += " (line \(line))"
        return located
    }

    /// Every problem located.
    public func locate(_ problems: [FieldProblem]) -> [FieldProblem] { problems.map(locate) }
}
