import Foundation
import OrderedCollections

/// A JSON (or YAML) document tree whose objects keep their key order.
///
/// Used for request and response bodies, Kubernetes objects and generated manifests, so that what
/// the tool prints reads in the order a person expects (`apiVersion`, `kind`, `metadata`, `spec`).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(OrderedDictionary<String, JSONValue>)

    /// An integer number.
    public static func int(_ value: Int) -> JSONValue { .number(Double(value)) }

    /// The member named `key` of an object, or nil; setting on a non-object turns it into one.
    public subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let members) = self else { return nil }
            // With up to 15 members, OrderedDictionary finds a key by comparing it with each in
            // turn, and comparing two strings that differ costs nearly as much as two that match.
            let keys = members.keys.elements
            guard keys.count <= Self.membersFoundInTurn else { return members[key] }
            return Self.position(of: key, in: keys).map { members.values[$0] }
        }
        set {
            var members: OrderedDictionary<String, JSONValue>
            if case .object(let existing) = self { members = existing } else { members = [:] }
            members[key] = newValue
            self = .object(members)
        }
    }

    /// Objects with at most this many members are searched in turn (OrderedDictionary keeps no
    /// hash table for them either).
    static let membersFoundInTurn = 15

    /// Where `key` is in `keys`, comparing the lengths first: the keys of one object mostly
    /// differ in length, so nearly every comparison with a key that is not the one sought ends
    /// there.
    static func position(of key: String, in keys: [String]) -> Int? {
        let length = key.utf8.count
        return keys.firstIndex { $0.utf8.count == length && $0 == key }
    }

    /// The value at a path of object keys, or nil when any step is missing.
    public subscript(path path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?[key] }
        return current
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var doubleValue: Double? { if case .number(let n) = self { return n } else { return nil } }
    public var intValue: Int? {
        if case .number(let n) = self, n.rounded() == n, abs(n) < 9.0e15 { return Int(n) }
        return nil
    }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var objectValue: OrderedDictionary<String, JSONValue>? {
        if case .object(let o) = self { return o } else { return nil }
    }
    public var isNull: Bool { if case .null = self { return true } else { return false } }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(OrderedDictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

// MARK: - Serialising

extension JSONValue {
    /// The value as JSON text. `pretty` indents by two spaces, like Kibana Dev Tools.
    public func jsonString(pretty: Bool = false) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    /// The value as UTF-8 JSON bytes.
    public func jsonData(pretty: Bool = false) -> Data { Data(jsonString(pretty: pretty).utf8) }

    private func write(into out: inout String, pretty: Bool, indent: Int) {
        // Indentation only for the containers (scalars are most of the values).
        var pad: String { pretty ? String(repeating: "  ", count: indent + 1) : "" }
        var closePad: String { pretty ? String(repeating: "  ", count: indent) : "" }
        let newline = pretty ? "\n" : ""
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += JSONValue.format(number: n)
        case .string(let s): JSONValue.appendQuoted(s, to: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let pad = pad
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad
                item.write(into: &out, pretty: pretty, indent: indent + 1)
                out += (index < items.count - 1 ? "," : "") + newline
            }
            out += closePad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            let pad = pad
            out += "{" + newline
            for (index, (key, value)) in members.enumerated() {
                out += pad
                JSONValue.appendQuoted(key, to: &out)
                out += pretty ? ": " : ":"
                value.write(into: &out, pretty: pretty, indent: indent + 1)
                out += (index < members.count - 1 ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    static func format(number: Double) -> String {
        // JSON has no infinity or NaN; JavaScript's JSON.stringify writes null for them too.
        guard number.isFinite else { return "null" }
        if number.rounded() == number, abs(number) < 9.0e15 { return String(Int64(number)) }
        return "\(number)"
    }

    static func quote(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal. Printable ASCII other than `"` and `\` (most
    /// names, addresses and messages) is appended in one step; anything else scalar by scalar.
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        let plain = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
        }
        if plain {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || TerminalText.needsEscape(scalar):
                // Also DEL, C1 and bidirectional controls, so JSON output is safe on a terminal.
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

// MARK: - Parsing

/// Why a JSON text could not be parsed.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset of the problem.
    public var offset: Int
    public var reason: String
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

extension JSONValue {
    /// Parses JSON text, keeping the key order of objects.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Data(text.utf8))
    }

    /// Parses UTF-8 JSON bytes, keeping the key order of objects.
    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        var parser = JSONTextParser(bytes: Array(data))
        let value = try parser.parseDocument()
        return value
    }
}

/// An object's members as they are read: a repeated key keeps its first place and takes the last
/// value, as setting an OrderedDictionary's member does. Small objects (nearly all) collect in
/// two arrays, with repeats found by `JSONValue.position(of:in:)`, and become a dictionary at
/// the end without their keys being compared again.
private struct ObjectMembers {
    var keys: [String] = []
    var values: [JSONValue] = []
    /// Once there are more members than are found in turn: the dictionary, with its hash table.
    var large: OrderedDictionary<String, JSONValue>?

    mutating func set(_ key: String, _ value: JSONValue) {
        if large != nil {
            large![key] = value
        } else if let position = JSONValue.position(of: key, in: keys) {
            values[position] = value
        } else if keys.count < JSONValue.membersFoundInTurn {
            if keys.isEmpty {
                // Room for a typical object's members at once, instead of growing 1, 2, 4, 8.
                keys.reserveCapacity(8)
                values.reserveCapacity(8)
            }
            keys.append(key)
            values.append(value)
        } else {
            var dictionary = OrderedDictionary(uncheckedUniqueKeys: keys, values: values)
            dictionary[key] = value
            (keys, values, large) = ([], [], dictionary)
        }
    }

    var dictionary: OrderedDictionary<String, JSONValue> {
        large ?? OrderedDictionary(uncheckedUniqueKeys: keys, values: values)
    }
}

/// A small recursive-descent JSON parser that preserves object key order.
///
/// It works on the bytes and makes each string in one step from its UTF-8 (strings without
/// escapes, nearly all of them, straight from the input): a `_remote/info` body of 1,000 aliases
/// is parsed on every refresh of the live screen.
private struct JSONTextParser {
    /// The deepest nesting read. Real answers nest a dozen levels; the limit keeps the
    /// recursion far inside the stack of any thread, a task's included.
    static let maximumDepth = 128

    let bytes: [UInt8]
    var index = 0
    var depth = 0
    /// The long keys read so far (see `parseKey`).
    var longKeys: [String] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if index != bytes.count { throw fail("unexpected text after the document") }
        return value
    }

    func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        default: return try parseNumber()
        }
    }

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("expected \(word)") }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw fail("expected \(word)") }
        index += count
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth { throw fail("nesting too deep") }
        index += 1
        var members = ObjectMembers()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members.dictionary) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let key = try parseKey()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
            members.set(key, try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members.dictionary) }
            throw fail("expected ',' or '}'")
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth { throw fail("nesting too deep") }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw fail("expected ',' or ']'")
        }
    }

    /// An object's key. Keys repeat from object to object (each alias in `_remote/info` has
    /// the same dozen): one too long to be stored inside its `String` is made once and given
    /// again each time its bytes come back, instead of a new allocation every time.
    mutating func parseKey() throws(JSONParseError) -> String {
        let start = index + 1
        let end = plainStretchEnd(from: start)
        let length = end - start
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), length > Self.longestInlineString else {
            return try parseString()
        }
        if let known = longKeys.first(where: { bytes(start..<end, spell: $0) }) {
            index = end + 1
            return known
        }
        let key = try parseString()
        if longKeys.count < Self.longKeysKept { longKeys.append(key) }
        return key
    }

    /// Swift keeps strings of up to 15 UTF-8 bytes inside the value, without an allocation.
    static let longestInlineString = 15
    /// How many long keys are kept; beyond that, new ones are made each time as before.
    static let longKeysKept = 64

    /// Whether the input's bytes in `range` are the UTF-8 of `key`.
    func bytes(_ range: Range<Int>, spell key: String) -> Bool {
        guard key.utf8.count == range.count else { return false }
        var key = key
        return key.withUTF8 { spelled in
            bytes.withUnsafeBufferPointer { input in
                memcmp(spelled.baseAddress!, input.baseAddress! + range.lowerBound, range.count) == 0
            }
        }
    }

    /// Where the plain stretch of a string that starts at `start` ends: at its closing quote, a
    /// backslash, a control character or the end of the input.
    func plainStretchEnd(from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
            end += 1
        }
        return end
    }

    /// A string from its opening quote: the bytes up to the closing quote when there is no
    /// escape, else those bytes with each escape replaced by the UTF-8 of what it stands for.
    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        index = plainStretchEnd(from: start)
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: bytes[start..<index - 1], as: UTF8.self)
        }
        var decoded = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    let code = try parseHex4()
                    var scalar = Unicode.Scalar(code)
                    if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count,
                        bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    {
                        let second = index
                        index += 2
                        let low = try parseHex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                        } else {
                            index = second  // not a pair: the second escape stands on its own
                        }
                    }
                    // A lone surrogate becomes the replacement character.
                    decoded.append(contentsOf: String(scalar ?? "\u{FFFD}").utf8)
                default:
                    index -= 1
                    throw fail("invalid escape")
                }
                continue
            }
            if byte < 0x20 { throw fail("control character in string") }
            decoded.append(byte)
            index += 1
        }
        throw fail("unterminated string")
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("invalid \\u escape") }
        var code: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid \\u escape")
            }
            code = code << 4 | UInt32(digit)
        }
        index += 4
        return code
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        if let integer = parseSmallInteger() { return .number(integer) }
        let start = index
        scan: while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default: break scan
            }
        }
        guard index > start, let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            index = start
            throw fail("unexpected character")
        }
        guard number.isFinite else { throw JSONParseError(offset: start, reason: "the number is too large") }
        return .number(number)
    }

    /// The common case without making a string: an optional `-` and at most 15 digits (exact as
    /// a `Double`), followed by anything that cannot continue a number. Anything else is left to
    /// `parseNumber`'s general reading, which gives the same value for these.
    mutating func parseSmallInteger() -> Double? {
        var position = index
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var value: Int64 = 0
        while position < bytes.count, position - digitsStart < 16 {
            let digit = bytes[position] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ Int64(digit)
            position += 1
        }
        let digitCount = position - digitsStart
        guard digitCount > 0, digitCount <= 15 else { return nil }
        if position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                return nil
            default: break
            }
        }
        index = position
        return negative ? -Double(value) : Double(value)
    }
}

// MARK: - Codable

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyCodingKey.self) {
            var members = OrderedDictionary<String, JSONValue>()
            for key in keyed.allKeys { members[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key) }
            self = .object(members)
        } else if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let b = try? single.decode(Bool.self) {
                self = .bool(b)
            } else if let n = try? single.decode(Double.self) {
                self = .number(n)
            } else {
                self = .string(try single.decode(String.self))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        case .bool(let b): var c = encoder.singleValueContainer(); try c.encode(b)
        case .number(let n):
            var c = encoder.singleValueContainer()
            if let i = intValue { try c.encode(i) } else { try c.encode(n) }
        case .string(let s): var c = encoder.singleValueContainer(); try c.encode(s)
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let members):
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            for (key, value) in members { try c.encode(value, forKey: AnyCodingKey(key)) }
        }
    }
}

/// A coding key made from any string.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}
