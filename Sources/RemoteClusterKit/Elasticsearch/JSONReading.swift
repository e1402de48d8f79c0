import Foundation

/// Lenient readers for response fields. Elasticsearch writes some scalars as strings (cluster
/// settings come back as `"true"` and `"18"`), so numbers and booleans accept both forms.
extension JSONValue {
    /// The member as text: strings as they are, numbers and booleans rendered.
    func text(_ key: String) -> String? {
        guard let member = self[key] else { return nil }
        switch member {
        case .string(let value): return value
        case .number, .bool: return member.jsonString()
        default: return nil
        }
    }

    /// The member as an integer, from a number or a numeric string.
    func integer(_ key: String) -> Int? {
        guard let member = self[key] else { return nil }
        switch member {
        case .number: return member.intValue
        case .string(let value): return Int(value)
        default: return nil
        }
    }

    /// The member as a boolean, from a boolean or the strings `true`/`false`.
    func flag(_ key: String) -> Bool? {
        switch self[key] {
        case .bool(let value)?: return value
        case .string("true")?: return true
        case .string("false")?: return false
        default: return nil
        }
    }

    /// The member as a list of strings; a single string counts as a one-element list.
    func strings(_ key: String) -> [String]? {
        switch self[key] {
        case .array(let items)?: return items.compactMap(\.stringValue)
        case .string(let value)?: return [value]
        default: return nil
        }
    }

    /// The member as a date, from epoch milliseconds.
    func epochMillis(_ key: String) -> Date? {
        guard let millis = self[key]?.doubleValue ?? self.text(key).flatMap(Double.init) else { return nil }
        return Date(timeIntervalSince1970: millis / 1000)
    }

    /// A required member, or a decoding error naming it.
    func required<T>(_ key: String, _ read: (JSONValue) -> (String) -> T?, in operation: String)
        throws(ResponseDecodingError) -> T
    {
        guard let value = read(self)(key) else {
            throw ResponseDecodingError(
                operation: operation, detail: "the field \"\(key)\" is missing or has the wrong type")
        }
        return value
    }
}

/// A 2xx response whose body is not what the operation returns.
public struct ResponseDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The operation, e.g. `GET /_remote/info`.
    public var operation: String
    public var detail: String

    public init(operation: String, detail: String) {
        self.operation = operation
        self.detail = detail
    }

    public var description: String {
        "The answer to \(operation) could not be read: \(detail). The endpoint may not be Elasticsearch, or a proxy changed the response."
    }
}

extension HTTPResponse {
    /// The body parsed as a JSON object, or a decoding error for `operation`.
    func jsonObject(for operation: String) throws(ResponseDecodingError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(body)
        } catch {
            throw ResponseDecodingError(operation: operation, detail: "the body is not JSON (\(error))")
        }
        guard value.objectValue != nil else {
            throw ResponseDecodingError(operation: operation, detail: "the body is not a JSON object")
        }
        return value
    }
}
