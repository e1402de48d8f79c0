import Foundation

extension Validators {
    /// A proxy-mode address, `host:port` (IPv6 in brackets). Warns for ports 9200, 9300 and 9400.
    public static func proxyAddress(_ value: String, field: String = "Proxy address") -> [FieldProblem] {
        do {
            let address = try ProxyAddress(parsing: value, field: field)
            return PortAdvice.warning(for: address, field: field).map { [$0] } ?? []
        } catch {
            return [error]
        }
    }

    /// Sniff-mode seed nodes: at least one, each like a proxy address, no duplicates.
    public static func seeds(_ values: [String], field: String = "Seed nodes") -> [FieldProblem] {
        let entries = values.map { $0.trimmingWhitespaceAndNewlines() }.filter { !$0.isEmpty }
        if entries.isEmpty {
            return [
                FieldProblem(
                    field: field, problem: "no seed node is given",
                    fix:
                        "Enter at least one seed as host:port, e.g. node-1.example.com:9443; more than one keeps discovery working when a node is down."
                )
            ]
        }
        var problems: [FieldProblem] = []
        var seen: Set<String> = []
        for entry in entries {
            do {
                let address = try ProxyAddress(parsing: entry, field: field)
                if let warning = PortAdvice.warning(for: address, field: field) { problems.append(warning) }
                let key = address.description.lowercased()
                if !seen.insert(key).inserted {
                    problems.append(
                        FieldProblem(
                            field: field, problem: "\(TextExcerpt.quoted(entry)) is listed more than once",
                            fix: "Remove the duplicate seed."))
                }
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    /// The optional TLS server name (SNI): a DNS host name, not an IP address, without port or scheme.
    /// Empty is valid (no server name is sent).
    public static func serverName(_ value: String, field: String = "Server name") -> [FieldProblem] {
        let name = value.trimmingWhitespaceAndNewlines()
        if name.isEmpty { return [] }
        let problem = FieldProblemMaker(field: field)

        if URLUserinfo.present(in: name) {
            return problem(
                "holds credentials before '@' (not repeated here); the server name is only a host name",
                "Enter just the host name the remote certificate is issued for, e.g. my-cluster-es-remote-cluster.my-namespace.svc."
            )
        }
        if let schemeEnd = name.range(of: "://") {
            let rest = name[schemeEnd.upperBound...].split(separator: "/").first.map(String.init) ?? ""
            return problem(
                "\(TextExcerpt.quoted(name)) is a URL; the server name is only a host name",
                "Remove \(TextExcerpt.quoted(name[..<schemeEnd.upperBound])) and anything after the host, e.g. \(TextExcerpt.shown(rest.split(separator: ":").first ?? ""))."
            )
        }
        if name.hasPrefix("[") || HostSyntax.isIPv6(name) || HostSyntax.isIPv4(name) {
            return problem(
                "\(TextExcerpt.quoted(name)) is an IP address, but TLS SNI only carries host names",
                "Enter the DNS name the remote certificate is issued for, or leave the field empty.")
        }
        if let colon = name.firstIndex(of: ":") {
            let host = name[..<colon]
            if HostSyntax.isIPv4(String(host)) {
                return problem(
                    "\(TextExcerpt.quoted(name)) is an IP address with a port; the server name is a host name only",
                    "Enter the DNS name the remote certificate is issued for, or leave the field empty.")
            }
            return problem(
                "\(TextExcerpt.quoted(name)) includes a port (\(TextExcerpt.quoted(name[colon...])))",
                "Remove the port: enter just \(TextExcerpt.shown(host)); the port belongs in the proxy address.")
        }
        if name.contains("*") {
            return problem(
                "\(TextExcerpt.quoted(name)) contains a wildcard '*'; SNI sends one concrete name",
                "Replace '*' with a real name that the wildcard certificate covers, e.g. \(TextExcerpt.shown(name.replacingOccurrences(of: "*", with: "node-1")))."
            )
        }
        if name.hasSuffix(".") {
            return problem(
                "\(TextExcerpt.quoted(name)) ends with a dot; SNI names are sent without the final dot",
                "Remove the final dot: \(TextExcerpt.shown(name.dropLast())).")
        }
        if let issue = HostSyntax.hostNameProblem(name) {
            return problem(issue, "Enter a DNS name such as my-cluster-es-remote-cluster.my-namespace.svc.")
        }
        return []
    }
}
