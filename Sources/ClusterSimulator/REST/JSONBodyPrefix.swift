import Foundation
import RemoteClusterKit

/// Where the first JSON value of a request body ends: Elasticsearch's parsers read one object and
/// stop, so text after it is ignored by most APIs (and refused by `_search`).
enum JSONBodyPrefix {
    /// The byte offset just after the first object or array, or nil when the body does not start
    /// with one or it never closes.
    static func endOfFirstValue(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") else {
            return nil
        }
        var depth = 0
        var inString = false
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }

    /// The first thing after `offset` that is not whitespace: its Jackson token name and its
    /// 1-based line and column; nil when only whitespace follows.
    static func trailingToken(_ bytes: [UInt8], after offset: Int) -> (token: String, line: Int, column: Int)? {
        var line = 1
        var lineStart = 0
        for position in 0..<bytes.count {
            if position >= offset, !isWhitespace(bytes[position]) {
                return (tokenName(bytes[position]), line, position - lineStart + 1)
            }
            if bytes[position] == 0x0A {
                line += 1
                lineStart = position + 1
            }
        }
        return nil
    }

    private static func tokenName(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "{"): return "START_OBJECT"
        case UInt8(ascii: "}"): return "END_OBJECT"
        case UInt8(ascii: "["): return "START_ARRAY"
        case UInt8(ascii: "]"): return "END_ARRAY"
        case UInt8(ascii: "\""): return "VALUE_STRING"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "VALUE_BOOLEAN"
        case UInt8(ascii: "n"): return "VALUE_NULL"
        default: return "VALUE_NUMBER"
        }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
