/// A `host[:port]` text split into its parts, with the checks every address field shares.
///
/// Used by ``ProxyAddress`` (port required) and the cluster URL check (port optional).
struct HostPort: Sendable, Hashable {
    /// The host without brackets.
    var host: String
    var port: Int?
    var isIPv6: Bool

    /// Splits and checks `text`. Problems name the value; `example` is a good value to show in fixes.
    static func parse(
        _ text: String, field: String, requirePort: Bool, example: String
    ) throws(FieldProblem) -> HostPort {
        let problem = FieldProblemMaker(field: field)

        let (hostPart, portPart, isIPv6) = try split(text, field: field, example: example)
        if !isIPv6, let issue = HostSyntax.hostNameProblem(hostPart) {
            let fix =
                HostSyntax.looksNumericDotted(hostPart)
                ? "Write the IPv4 address as four numbers from 0 to 255, e.g. 192.0.2.10."
                : "Use a host name such as \(example.split(separator: ":").first ?? "") or an IP address."
            throw problem(issue, fix)
        }
        guard let portPart else {
            if requirePort {
                let withPort = isIPv6 ? "[\(hostPart)]:9443" : "\(hostPart):9443"
                throw problem(
                    "\"\(text)\" has no port",
                    "Add the port after a colon; the remote cluster server listens on 9443, e.g. \(withPort)."
                )
            }
            return HostPort(host: hostPart, port: nil, isIPv6: isIPv6)
        }
        let port = try parsePort(portPart, in: text, field: field, example: example)
        return HostPort(host: hostPart, port: port, isIPv6: isIPv6)
    }

    /// Host part, optional port text and whether the host is a bracketed IPv6 address.
    private static func split(
        _ text: String, field: String, example: String
    ) throws(FieldProblem) -> (String, String?, Bool) {
        let problem = FieldProblemMaker(field: field)

        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw problem(
                    "\"\(text)\" opens a bracket '[' but never closes it",
                    "Write an IPv6 address as [2001:db8::1]:9443.")
            }
            let inner = String(text[text.index(after: text.startIndex)..<close])
            guard HostSyntax.isIPv6(inner) else {
                throw problem(
                    "\"\(inner)\" inside the brackets is not an IPv6 address",
                    "Use brackets only around IPv6 addresses, e.g. [2001:db8::1]:9443; write host names and IPv4 addresses without them."
                )
            }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return (inner, nil, true) }
            guard rest.hasPrefix(":") else {
                throw problem(
                    "\"\(text)\" has unexpected text after ']'",
                    "Write the port right after the bracket, e.g. [\(inner)]:9443.")
            }
            return (inner, String(rest.dropFirst()), true)
        }
        let colons = text.filter { $0 == ":" }.count
        if colons > 1 {
            let unbracketed = HostSyntax.isIPv6(text) ? text : String(text[..<text.lastIndex(of: ":")!])
            if HostSyntax.isIPv6(unbracketed) {
                throw problem(
                    "\"\(text)\" is an IPv6 address without brackets, so the port cannot be told apart from the address",
                    "Put the IPv6 address in square brackets and the port after them, e.g. [\(unbracketed)]:9443."
                )
            }
            throw problem("\"\(text)\" contains more than one ':'", "Write a single host and port, e.g. \(example).")
        }
        guard colons == 1, let colon = text.firstIndex(of: ":") else { return (text, nil, false) }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]), false)
    }

    private static func parsePort(
        _ portText: String, in text: String, field: String, example: String
    ) throws(FieldProblem) -> Int {
        if portText.isEmpty {
            throw FieldProblem(
                field: field, problem: "\"\(text)\" ends with ':' but has no port",
                fix: "Add the port after the colon; the remote cluster server listens on 9443, e.g. \(example).")
        }
        guard portText.allSatisfy(\.isASCIIDigit), let port = Int(portText.prefix(9)), portText.count <= 9 else {
            throw FieldProblem(
                field: field, problem: "the port \"\(portText)\" is not a number",
                fix: "Give the port as digits only, e.g. \(example).")
        }
        guard (1...65535).contains(port) else {
            throw FieldProblem(
                field: field, problem: "the port \(portText) is outside the range 1–65535",
                fix: "Use a port between 1 and 65535; the remote cluster server normally uses 9443.")
        }
        return port
    }
}
