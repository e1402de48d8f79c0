import Foundation

extension Validators {
    /// A cluster's REST URL: `https://host[:port]`, no path other than `/`. Warns for `http://`.
    public static func clusterURL(_ value: String, field: String = "Cluster URL") -> [FieldProblem] {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let example = "https://my-cluster.example.com:9200"
        let problem = FieldProblemMaker(field: field)

        if text.isEmpty { return problem("is empty", "Enter the cluster's REST address, e.g. \(example).") }
        guard let schemeEnd = text.range(of: "://") else {
            return problem("\"\(text)\" has no scheme", "Start it with https://, e.g. https://\(text).")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            return problem(
                "\"\(scheme)://\" is not an HTTP scheme",
                "Use https:// (or http:// when the cluster's HTTP layer has no TLS), e.g. \(example).")
        }
        if text.contains(where: \.isWhitespace) {
            return problem("\"\(text)\" contains white space", "Remove the spaces, e.g. \(example).")
        }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { "/?#".contains($0) }) ?? afterScheme.endIndex
        let authority = String(afterScheme[..<authorityEnd])
        let remainder = afterScheme[authorityEnd...]
        if authority.contains("@") {
            return problem(
                "\"\(text)\" contains credentials before '@'",
                "Remove them from the URL; give the user and password through the separate options.")
        }
        if !remainder.isEmpty, remainder != "/" {
            return problem(
                "\"\(text)\" has a path or query (\"\(remainder)\")",
                "Give only the scheme, host and port, e.g. \(scheme)://\(authority). Clusters behind a path prefix are not supported."
            )
        }
        let parsed: HostPort
        do {
            parsed = try HostPort.parse(
                authority, field: field, requirePort: false, example: "my-cluster.example.com:9200")
        } catch {
            return [error]
        }
        if scheme == "http" {
            return [
                FieldProblem(
                    field: field,
                    problem: "\"\(text)\" uses plain http, so the password or API key travels unencrypted",
                    fix:
                        "Use https://\(parsed.isIPv6 ? "[\(parsed.host)]" : parsed.host)\(parsed.port.map { ":\($0)" } ?? "") unless the cluster's HTTP layer has TLS turned off on purpose.",
                    severity: .warning)
            ]
        }
        return []
    }
}
