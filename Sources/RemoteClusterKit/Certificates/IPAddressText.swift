/// Formats raw IP address bytes (4 or 16) as text.
enum IPAddressText {
    /// `192.0.2.1` for 4 bytes, compressed `2001:db8::1` for 16 bytes, hex otherwise.
    static func format(_ bytes: [UInt8]) -> String {
        switch bytes.count {
        case 4: return bytes.map(String.init).joined(separator: ".")
        case 16: return formatIPv6(bytes)
        default: return bytes.map { String($0, radix: 16) }.joined(separator: ":")
        }
    }

    private static func formatIPv6(_ bytes: [UInt8]) -> String {
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        // The longest run of two or more zero groups becomes "::".
        var best: Range<Int>? = nil
        var start: Int? = nil
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                if start == nil { start = index }
            } else if let runStart = start {
                if index - runStart >= 2, index - runStart > (best?.count ?? 0) { best = runStart..<index }
                start = nil
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let best else { return hex.joined(separator: ":") }
        return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
    }
}
