import Foundation

extension Validators {
    /// The names a self-managed remote's node certificate is made for, separated by commas:
    /// DNS names (a leading `*.` allowed, as certificates allow it) and IPv4 or IPv6 addresses.
    /// Empty is valid (the names are then taken from the remote's addresses).
    public static func certificateNames(_ value: String, field: String = "Certificate names") -> [FieldProblem] {
        let entries = value.split(separator: ",").map { $0.trimmingWhitespaceAndNewlines() }
        var problems: [FieldProblem] = []
        var seen: Set<String> = []
        for entry in entries where !entry.isEmpty {
            if let problem = certificateNameProblem(entry, field: field) {
                problems.append(problem)
            } else if !seen.insert(entry.lowercased()).inserted {
                problems.append(
                    FieldProblem(
                        field: field, problem: "\(TextExcerpt.quoted(entry)) is listed more than once",
                        fix: "Remove the duplicate name.", severity: .warning))
            }
        }
        return problems
    }

    /// What is wrong with one entry of the certificate names, or nil.
    static func certificateNameProblem(_ entry: String, field: String) -> FieldProblem? {
        let problem = FieldProblemMaker(field: field)
        let example = "Write DNS names and IP addresses separated by commas, e.g. es1.example.net, 192.0.2.10."
        if entry.contains(where: \.isWhitespace) {
            return problem("\(TextExcerpt.quoted(entry)) contains a space", example)
        }
        if HostSyntax.isIPv4(entry) { return nil }
        if HostSyntax.isIPv6(entry) {
            guard let percent = entry.firstIndex(of: "%") else { return nil }
            return problem(
                "\(TextExcerpt.quoted(entry)) has a zone (\(TextExcerpt.quoted(entry[percent...]))); a certificate holds the address without it",
                "Write \(TextExcerpt.shown(entry[..<percent])).")
        }
        if entry.hasPrefix("[") && entry.hasSuffix("]") && HostSyntax.isIPv6(String(entry.dropFirst().dropLast())) {
            return problem(
                "\(TextExcerpt.quoted(entry)) has brackets; a certificate holds the address without them",
                "Write \(TextExcerpt.shown(entry.dropFirst().dropLast())).")
        }
        if entry.contains(":") {
            return problem(
                "\(TextExcerpt.quoted(entry)) is neither a DNS name nor an IP address (a port or a URL?)",
                "Give names and addresses only, without scheme or port. \(example)")
        }
        if entry.hasSuffix(".") {
            return problem(
                "\(TextExcerpt.quoted(entry)) ends with a dot; certificate names are written without it",
                "Write \(TextExcerpt.shown(entry.dropLast())).")
        }
        let name = entry.hasPrefix("*.") ? String(entry.dropFirst(2)) : entry
        if name.contains("*") {
            return problem(
                "\(TextExcerpt.quoted(entry)) has a '*' that is not the whole first part",
                "A wildcard name starts with `*.` and covers one level, e.g. *.nodes.example.net.")
        }
        if let issue = HostSyntax.hostNameProblem(name) { return problem(issue, example) }
        return nil
    }
}
