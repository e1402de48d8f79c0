/// A `host[:port]` text split into its parts, with the checks every address field shares.
///
/// Used by ``ProxyAddress`` (port required) and the cluster URL check (port optional).
struct HostPort: Sendable, Hashable {
    /// The host without brackets.
    var host: String
    var port: Int?
    var isIPv6: Bool

    /// What kind of field the text is in, so that every suggestion is something the field
    /// accepts: a transport address suggests `[2001:db8::1]:9443`, a REST URL
    /// `https://[2001:db8::1]:9200`.
    struct Context: Sendable {
        /// The port fixes suggest when the text has none (9443 or 9200).
        var defaultPort: Int
        /// What the port is ("the remote cluster server", "the REST API"), for messages.
        var portRole: String
        /// A good value, shown in fixes.
        var example: String
        /// Turns a `host:port` authority into the whole value the field takes.
        var whole: @Sendable (String) -> String

        /// A transport address (`proxy_address`, `seeds`).
        static let transportAddress = Context(
            defaultPort: PortAdvice.remoteClusterServerPort, portRole: "the remote cluster server listens on",
            example: "remote.example.com:9443", whole: { $0 })

        /// The authority of a REST URL with this scheme.
        static func restURL(scheme: String) -> Context {
            Context(
                defaultPort: 9200, portRole: "the REST API listens on",
                example: "\(scheme)://my-cluster.example.com:9200",
                whole: { "\(scheme)://\($0)" })
        }

        /// The whole value for a host (bracketed when IPv6) and port.
        func suggestion(host: String, port: Int) -> String {
            whole((host.contains(":") ? "[\(host)]" : host) + ":\(port)")
        }
    }

    /// Splits and checks `text`. Problems name the value and suggest what `context` accepts.
    static func parse(
        _ text: String, field: String, requirePort: Bool, context: Context
    ) throws(FieldProblem) -> HostPort {
        let problem = FieldProblemMaker(field: field)

        let (hostPart, portPart, isIPv6) = try split(text, field: field, context: context)
        if !isIPv6, let issue = HostSyntax.hostNameProblem(hostPart) {
            let fix =
                HostSyntax.looksNumericDotted(hostPart)
                ? "Write the IPv4 address as four numbers from 0 to 255, e.g. 192.0.2.10."
                : "Use a host name or an IP address, e.g. \(context.example)."
            throw problem(issue, fix)
        }
        guard let portPart else {
            if requirePort {
                throw problem(
                    "\(TextExcerpt.quoted(text)) has no port",
                    "Add the port after a colon; \(context.portRole) \(context.defaultPort), e.g. \(TextExcerpt.shown(context.suggestion(host: hostPart, port: context.defaultPort)))."
                )
            }
            return HostPort(host: hostPart, port: nil, isIPv6: isIPv6)
        }
        let port = try parsePort(portPart, host: hostPart, in: text, field: field, context: context)
        return HostPort(host: hostPart, port: port, isIPv6: isIPv6)
    }

    /// Host part, optional port text and whether the host is a bracketed IPv6 address.
    private static func split(
        _ text: String, field: String, context: Context
    ) throws(FieldProblem) -> (String, String?, Bool) {
        let problem = FieldProblemMaker(field: field)
        let ipv6Example = context.suggestion(host: "2001:db8::1", port: context.defaultPort)

        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw problem(
                    "\(TextExcerpt.quoted(text)) opens a bracket '[' but never closes it",
                    "Write an IPv6 address in brackets, e.g. \(ipv6Example).")
            }
            let inner = String(text[text.index(after: text.startIndex)..<close])
            guard HostSyntax.isIPv6(inner) else {
                throw problem(
                    "\(TextExcerpt.quoted(inner)) inside the brackets is not an IPv6 address",
                    "Use brackets only around IPv6 addresses, e.g. \(ipv6Example); write host names and IPv4 addresses without them."
                )
            }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return (inner, nil, true) }
            guard rest.hasPrefix(":") else {
                throw problem(
                    "\(TextExcerpt.quoted(text)) has unexpected text after ']'",
                    "Write the port right after the bracket, e.g. \(TextExcerpt.shown(context.suggestion(host: inner, port: context.defaultPort)))."
                )
            }
            return (inner, String(rest.dropFirst()), true)
        }
        let colons = text.filter { $0 == ":" }.count
        if colons > 1 {
            if let (address, port) = unbracketedIPv6(text, defaultPort: context.defaultPort) {
                throw problem(
                    "\(TextExcerpt.quoted(text)) is an IPv6 address without brackets, so the port cannot be told apart from the address",
                    "Put the IPv6 address in square brackets and the port after them: \(TextExcerpt.shown(context.suggestion(host: address, port: port)))."
                )
            }
            throw problem(
                "\(TextExcerpt.quoted(text)) contains more than one ':'",
                "Write a single host and port, e.g. \(context.example); an IPv6 address goes in brackets, e.g. \(ipv6Example)."
            )
        }
        guard colons == 1, let colon = text.firstIndex(of: ":") else { return (text, nil, false) }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]), false)
    }

    /// The address and port an unbracketed IPv6 text most likely means: `2001:db8::1:9443` is
    /// `[2001:db8::1]:9443` when its last group reads as a decimal port and the rest is an
    /// address; otherwise the whole text is the address and the default port is added.
    static func unbracketedIPv6(_ text: String, defaultPort: Int) -> (address: String, port: Int)? {
        if let lastColon = text.lastIndex(of: ":") {
            let head = String(text[..<lastColon])
            let tail = text[text.index(after: lastColon)...]
            if !tail.isEmpty, tail.count <= 5, tail.allSatisfy(\.isASCIIDigit), let port = Int(tail),
                (1...65535).contains(port), HostSyntax.isIPv6(head)
            {
                return (head, port)
            }
        }
        return HostSyntax.isIPv6(text) ? (text, defaultPort) : nil
    }

    private static func parsePort(
        _ portText: String, host: String, in text: String, field: String, context: Context
    ) throws(FieldProblem) -> Int {
        if portText.isEmpty {
            throw FieldProblem(
                field: field, problem: "\(TextExcerpt.quoted(text)) ends with ':' but has no port",
                fix:
                    "Add the port after the colon; \(context.portRole) \(context.defaultPort), e.g. \(TextExcerpt.shown(context.suggestion(host: host, port: context.defaultPort)))."
            )
        }
        guard portText.allSatisfy(\.isASCIIDigit), let port = Int(portText.prefix(9)), portText.count <= 9 else {
            throw FieldProblem(
                field: field, problem: "the port \(TextExcerpt.quoted(portText)) is not a number",
                fix: "Give the port as digits only, e.g. \(context.example).")
        }
        guard (1...65535).contains(port) else {
            throw FieldProblem(
                field: field, problem: "the port \(portText) is outside the range 1–65535",
                fix: "Use a port between 1 and 65535; \(context.portRole) \(context.defaultPort) by default.")
        }
        return port
    }
}
