/// Syntax rules for host names and IP address literals, shared by every address-like field.
public enum HostSyntax {
    /// Whether `text` is a dotted-quad IPv4 address with four numbers 0–255.
    public static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit) && Int(part)! <= 255
        }
    }

    /// Whether `text` consists only of digits and dots, so that it can only mean an IPv4 address.
    static func looksNumericDotted(_ text: String) -> Bool {
        !text.isEmpty && text.contains(".") && text.allSatisfy { $0.isASCIIDigit || $0 == "." }
    }

    /// Whether `text` is an IPv6 address (without brackets), optionally with a `%zone` suffix.
    static func isIPv6(_ text: String) -> Bool {
        var address = Substring(text)
        if let percent = address.firstIndex(of: "%") {
            let zone = address[address.index(after: percent)...]
            guard !zone.isEmpty,
                zone.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") })
            else { return false }
            address = address[..<percent]
        }
        guard address.contains(":") else { return false }
        var groupBudget = 8
        var tail = address
        // An embedded IPv4 address at the end counts as two groups.
        if let lastColon = address.lastIndex(of: ":"), address[address.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(address[address.index(after: lastColon)...])) else { return false }
            groupBudget = 6
            tail = address[...lastColon]
            if tail.hasSuffix("::") == false { tail = tail.dropLast() }
        }
        let halves = tail.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> [Substring]? {
            if part.isEmpty { return [] }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            let valid = items.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }
            return valid ? items : nil
        }
        guard let head = groups(halves[0]) else { return false }
        if halves.count == 2 {
            guard let rest = groups(halves[1]) else { return false }
            return head.count + rest.count < groupBudget
        }
        return head.count == groupBudget
    }

    /// What is wrong with a DNS host name, or nil when it is fine.
    ///
    /// Rules: letters, digits, dashes and dots; labels of 1–63 characters that neither start nor
    /// end with a dash; at most 253 characters in all. All-numeric dotted names must be IPv4.
    static func hostNameProblem(_ host: String) -> String? {
        if host.isEmpty { return "has no host name" }
        if host.utf8.count > 253 {
            return
                "the host name is \(host.utf8.count) characters long (it starts \(TextExcerpt.quoted(host, limit: 20))); the limit is 253"
        }
        if looksNumericDotted(host) {
            return isIPv4(host)
                ? nil : "\(TextExcerpt.quoted(host)) is not a valid IPv4 address (it needs four numbers from 0 to 255)"
        }
        if host.contains("_") {
            return "\(TextExcerpt.quoted(host)) contains an underscore, which host names cannot contain"
        }
        let invalid = Set(host.filter { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".")) })
        if !invalid.isEmpty {
            let shown = invalid.sorted().prefix(5).map { "'\(TerminalText.visible(String($0), keepingLineBreaks: false))'" }
            let list = shown.joined(separator: ", ") + (invalid.count > 5 ? " and \(invalid.count - 5) more" : "")
            return
                "\(TextExcerpt.quoted(host)) contains \(list); host names may only contain letters, digits, dashes and dots"
        }
        for label in host.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty { return "\(TextExcerpt.quoted(host)) has an empty part between dots" }
            if label.count > 63 {
                return "the part \(TextExcerpt.quoted(label)) of the host name is longer than 63 characters"
            }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                return "the part \(TextExcerpt.quoted(label)) of the host name starts or ends with a dash"
            }
        }
        return nil
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0–9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
