import Foundation

extension Validators {
    /// A cluster's REST URL: `https://host[:port]`, no path other than `/`. Warns for `http://`.
    ///
    /// A URL with credentials (`https://user:password@host`) is refused without repeating them.
    public static func clusterURL(_ value: String, field: String = "Cluster URL") -> [FieldProblem] {
        let text = value.trimmingWhitespaceAndNewlines()
        let example = "https://my-cluster.example.com:9200"
        let problem = FieldProblemMaker(field: field)

        if text.isEmpty { return problem("is empty", "Enter the cluster's REST address, e.g. \(example).") }
        if URLUserinfo.present(in: text) {
            return problem(
                "holds a user name or password before '@' (not repeated here)",
                "Remove everything from after the scheme to the '@', e.g. \(TextExcerpt.shown(URLUserinfo.removed(from: text))), and give the user and the password through their own settings (a user option, and a password file or environment variable)."
            )
        }
        guard let schemeEnd = text.range(of: "://") else {
            return problem(
                "\(TextExcerpt.quoted(text)) has no scheme",
                "Start it with https://, e.g. https://\(TextExcerpt.shown(text)).")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            return problem(
                "\(TextExcerpt.quoted(scheme + "://")) is not an HTTP scheme",
                "Use https:// (or http:// when the cluster's HTTP layer has no TLS), e.g. \(example).")
        }
        if text.contains(where: \.isWhitespace) {
            return problem("\(TextExcerpt.quoted(text)) contains white space", "Remove the spaces, e.g. \(example).")
        }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { "/?#".contains($0) }) ?? afterScheme.endIndex
        let authority = String(afterScheme[..<authorityEnd])
        let remainder = afterScheme[authorityEnd...]
        if !remainder.isEmpty, remainder != "/" {
            return problem(
                "\(TextExcerpt.quoted(text)) has a path or query (\(TextExcerpt.quoted(remainder)))",
                "Give only the scheme, host and port, e.g. \(scheme)://\(TextExcerpt.shown(authority)). Clusters behind a path prefix are not supported."
            )
        }
        let parsed: HostPort
        do {
            parsed = try HostPort.parse(authority, field: field, requirePort: false, context: .restURL(scheme: scheme))
        } catch {
            return [error]
        }
        if scheme == "http" {
            let secure =
                parsed.port.map { HostPort.Context.restURL(scheme: "https").suggestion(host: parsed.host, port: $0) }
                ?? "https://\(parsed.isIPv6 ? "[\(parsed.host)]" : parsed.host)"
            return [
                FieldProblem(
                    field: field,
                    problem:
                        "\(TextExcerpt.quoted(text)) uses plain http, so the password or API key travels unencrypted",
                    fix: "Use \(secure) unless the cluster's HTTP layer has TLS turned off on purpose.",
                    severity: .warning)
            ]
        }
        return []
    }
}
