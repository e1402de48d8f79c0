import Foundation
import OrderedCollections
import Yams

/// Why a YAML text could not be turned into a `JSONValue`.
public struct YAMLConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is (`line:column`), when known.
    public var location: String?
    public var reason: String
    /// Whether the text is well-formed but over ``YAMLLimits`` (too deep, or aliases that
    /// expand too far), rather than invalid.
    public var exceedsLimits: Bool

    public init(location: String?, reason: String, exceedsLimits: Bool = false) {
        self.location = location
        self.reason = reason
        self.exceedsLimits = exceedsLimits
    }

    public var description: String {
        if exceedsLimits { return "too large to read at \(location ?? "the start"): \(reason)" }
        if let location { return "invalid YAML at \(location): \(reason)" }
        return "invalid YAML: \(reason)"
    }
}

extension JSONValue {
    /// Parses one YAML document (or JSON, which is YAML), keeping the key order of mappings.
    ///
    /// An empty document is `null`. Anchors and aliases are resolved by Yams, within
    /// ``YAMLLimits/standard``.
    public static func parseYAML(_ text: String) throws(YAMLConversionError) -> JSONValue {
        guard let node = try YAMLText.compose(text) else { return .null }
        return try JSONValue(yamlNode: node)
    }

    /// Converts a composed Yams node tree, keeping mapping order.
    ///
    /// Plain scalars take the type YAML resolves for them (`true`, `3`, `1.5`, `null`); quoted
    /// scalars stay strings. Mapping keys must be scalars.
    public init(yamlNode node: Node) throws(YAMLConversionError) {
        switch node {
        case .scalar(let scalar):
            self = JSONValue.scalarValue(Node.scalar(scalar))
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for child in sequence { items.append(try JSONValue(yamlNode: child)) }
            self = .array(items)
        case .mapping(let mapping):
            var members = OrderedDictionary<String, JSONValue>()
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    throw YAMLConversionError(
                        location: key.mark?.description, reason: "a mapping key must be a plain value")
                }
                members[name] = try JSONValue(yamlNode: value)
            }
            self = .object(members)
        case .alias(let alias):
            throw YAMLConversionError(location: alias.mark?.description, reason: "unresolved alias")
        }
    }

    /// The JSON value of a scalar node, from its resolved YAML tag.
    static func scalarValue(_ node: Node) -> JSONValue {
        guard let scalar = node.scalar else { return .null }
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null: return .null
        case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case .int: return node.int.map(JSONValue.int) ?? .string(scalar.string)
        case .float:
            if let value = node.float, value.isFinite { return .number(value) }
            return .string(scalar.string)
        default: return .string(scalar.string)
        }
    }

    /// This value as a Yams node tree, keys in their order. Strings that YAML would read as
    /// something else (`"true"`, `"9443"`) are single-quoted; multi-line strings use the literal
    /// block style.
    public var yamlNode: Node {
        switch self {
        case .null: return Node("null", Tag(.null))
        case .bool(let value): return Node(value ? "true" : "false", Tag(.bool))
        case .number(let value):
            if let int = intValue { return Node(String(int), Tag(.int)) }
            return Node(String(value), Tag(.float))
        case .string(let text):
            if text.contains("\n") { return Node(text, Tag(.str), .literal) }
            return .scalar(text.represented())
        case .array(let items):
            return Node(items.map(\.yamlNode), Tag(.seq), .block)
        case .object(let members):
            return Node(
                members.map { key, value in (Node.scalar(key.represented()), value.yamlNode) }, Tag(.map), .block)
        }
    }

    /// This value as YAML text (a block-style document ending in a newline).
    public func yamlString() -> String {
        if let text = try? Yams.serialize(node: yamlNode, indent: 2, width: -1, allowUnicode: true) {
            return text
        }
        // JSON is valid YAML; Yams only fails on invalid trees, which JSONValue cannot express.
        return jsonString(pretty: true) + "\n"
    }
}
