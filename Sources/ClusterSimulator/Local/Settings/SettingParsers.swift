import RemoteClusterKit
import Foundation

/// Elasticsearch's parsers for the value types of cluster settings, with their exact messages.
///
/// Each mirrors the Java code path named in its documentation, including what it accepts that one
/// might not expect (a `+` sign, a port above 65535, an unbracketed IPv6 address).
enum SettingParsers {
    /// `RemoteConnectionStrategy.parsePort`: the port after the last `:` of a `host:port` text.
    static func parsePort(_ remoteHost: String) throws(ElasticsearchErrorResponse) -> Int {
        guard let separator = remoteHost.lastIndex(of: ":") else {
            throw .illegalArgument(
                "remote hosts need to be configured as [host:port], found [\(remoteHost)] instead")
        }
        guard let port = javaInteger(String(remoteHost[remoteHost.index(after: separator)...])) else {
            throw .illegalArgument("failed to parse port")
        }
        if port <= 0 { throw .illegalArgument("port number must be > 0 but was: [\(port)]") }
        return port
    }

    /// The host part of a `host:port` text (before the last `:`), brackets kept.
    static func host(of remoteHost: String) -> String {
        guard let separator = remoteHost.lastIndex(of: ":") else { return remoteHost }
        return String(remoteHost[..<separator])
    }

    /// Java's `Integer.parseInt`: an optional sign, then ASCII digits, within 32 bits.
    static func javaInteger(_ text: String) -> Int? {
        var digits = Substring(text)
        var negative = false
        if let first = digits.first, first == "+" || first == "-" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 11,
            let magnitude = Int(digits)
        else { return nil }
        let value = negative ? -magnitude : magnitude
        guard value >= Int(Int32.min), value <= Int(Int32.max) else { return nil }
        return value
    }

    /// `Setting.parseInt` with a minimum: `Failed to parse value [v] for setting [k] must be >= m`,
    /// or `Failed to parse value [v] for setting [k]` when the text is not an integer.
    static func parseInteger(_ text: String, key: String, minimum: Int) throws(ElasticsearchErrorResponse) -> Int {
        guard let value = javaInteger(text) else {
            throw .illegalArgument("Failed to parse value [\(text)] for setting [\(key)]")
        }
        if value < minimum {
            throw .illegalArgument("Failed to parse value [\(text)] for setting [\(key)] must be >= \(minimum)")
        }
        return value
    }

    /// `Booleans.parseBoolean`: exactly `true` or `false`.
    static func parseBoolean(_ text: String) throws(ElasticsearchErrorResponse) -> Bool {
        switch text {
        case "true": return true
        case "false": return false
        default:
            throw .illegalArgument("Failed to parse value [\(text)] as only [true] or [false] are allowed.")
        }
    }

    /// `ConnectionStrategy.valueOf(value.toUpperCase(Locale.ROOT))`, with Java's enum message.
    static func parseMode(_ text: String) throws(ElasticsearchErrorResponse) -> RemoteConnectionMode {
        try parseJavaEnum(
            text, className: "org.elasticsearch.transport.RemoteConnectionStrategy.ConnectionStrategy",
            constants: ["SNIFF": RemoteConnectionMode.sniff, "PROXY": .proxy])
    }

    /// `Enum.valueOf` of an upper-cased text: `No enum constant <class>.<TEXT>`.
    static func parseJavaEnum<Value>(_ text: String, className: String, constants: [String: Value])
        throws(ElasticsearchErrorResponse) -> Value
    {
        let upper = text.uppercased()
        guard let value = constants[upper] else {
            throw .illegalArgument("No enum constant \(className).\(upper)")
        }
        return value
    }

    /// `TimeValue.parseTimeValue`: a number with a unit (`nanos`, `micros`, `ms`, `s`, `m`, `h`,
    /// `d`), or `-1`, or `0`. Returns milliseconds (`-1` for "never").
    @discardableResult
    static func parseTimeValue(_ text: String, key: String) throws(ElasticsearchErrorResponse) -> Double {
        let normalized = text.lowercased().trimmingWhitespace()
        let units: [(suffix: String, milliseconds: Double, caseSensitive: Bool)] = [
            ("nanos", 1e-6, false), ("micros", 1e-3, false), ("ms", 1, false), ("s", 1000, false),
            ("m", 60_000, true), ("h", 3_600_000, false), ("d", 86_400_000, false),
        ]
        for unit in units where (unit.caseSensitive ? text.hasSuffix(unit.suffix) : normalized.hasSuffix(unit.suffix)) {
            let number = normalized.dropLast(unit.suffix.count).trimmingWhitespace()
            guard let value = Int64(number) else {
                if Double(number) != nil {
                    throw .illegalArgument("failed to parse [\(text)], fractional time values are not supported")
                }
                throw .illegalArgument("failed to parse [\(text)]")
            }
            if value < -1 {
                throw .illegalArgument(
                    "failed to parse setting [\(key)] with value [\(text)] as a time value: negative durations are not supported")
            }
            return Double(value) * unit.milliseconds
        }
        if normalized.range(of: "^-0*1$", options: .regularExpression) != nil { return -1 }
        if normalized.range(of: "^0+$", options: .regularExpression) != nil { return 0 }
        throw .illegalArgument(
            "failed to parse setting [\(key)] with value [\(text)] as a time value: unit is missing or unrecognized")
    }
}
