import Foundation

/// A remote cluster server address, `host:port`, as used by `proxy_address` and `seeds`.
///
/// IPv6 hosts are written in brackets (`[2001:db8::1]:9443`); `host` holds them without brackets
/// and `description` puts the brackets back.
public struct ProxyAddress: Sendable, Hashable, CustomStringConvertible {
    /// A host name, an IPv4 address, or an IPv6 address without brackets.
    public var host: String
    /// The port, 1–65535.
    public var port: Int
    /// Whether `host` is an IPv6 address.
    public var isIPv6: Bool

    /// An address from parts. `host` is an IPv6 address when it contains a colon.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
        self.isIPv6 = host.contains(":")
    }

    /// Parses `host:port`, refusing anything Elasticsearch would reject or fail to connect to.
    ///
    /// Leading and trailing white space is ignored. The thrown problem names `field`, the value,
    /// what is wrong and how to fix it.
    public init(parsing text: String, field: String = "Proxy address") throws(FieldProblem) {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        let example = "remote.example.com:9443"
        if trimmed.isEmpty {
            throw FieldProblem(
                field: field, problem: "is empty",
                fix: "Enter the remote cluster server address as host:port, e.g. \(example).")
        }
        if URLUserinfo.present(in: trimmed) {
            throw FieldProblem(
                field: field,
                problem: "holds credentials before '@' (not repeated here); a transport address takes none",
                fix:
                    "Remove everything up to and including the '@', e.g. \(TextExcerpt.shown(URLUserinfo.removed(from: trimmed))); the cross-cluster API key authenticates the connection."
            )
        }
        if let schemeEnd = trimmed.range(of: "://") {
            let scheme = trimmed[..<schemeEnd.upperBound]
            var rest = String(trimmed[schemeEnd.upperBound...])
            if rest.hasSuffix("/") { rest.removeLast() }
            throw FieldProblem(
                field: field,
                problem:
                    "\(TextExcerpt.quoted(trimmed)) starts with \(TextExcerpt.quoted(scheme)), but this is a transport address, not a URL",
                fix:
                    "Remove \(TextExcerpt.quoted(scheme)) and enter only host:port, e.g. \(rest.isEmpty ? example : TextExcerpt.shown(rest))."
            )
        }
        if trimmed.contains(where: \.isWhitespace) {
            throw FieldProblem(
                field: field, problem: "\(TextExcerpt.quoted(trimmed)) contains white space",
                fix: "Enter one address without spaces, e.g. \(example).")
        }
        if let slash = trimmed.firstIndex(of: "/") {
            throw FieldProblem(
                field: field,
                problem: "\(TextExcerpt.quoted(trimmed)) contains a path (\(TextExcerpt.quoted(trimmed[slash...])))",
                fix: "Enter only host:port, e.g. \(TextExcerpt.shown(trimmed[..<slash])).")
        }
        let parsed = try HostPort.parse(trimmed, field: field, requirePort: true, context: .transportAddress)
        self.host = parsed.host
        self.port = parsed.port ?? 0
        self.isIPv6 = parsed.isIPv6
    }

    /// `host:port`, with brackets around an IPv6 host.
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
