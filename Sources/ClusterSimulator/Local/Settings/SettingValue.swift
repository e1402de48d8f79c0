import Foundation
import OrderedCollections
import RemoteClusterKit

/// A cluster setting value the way Elasticsearch keeps it: text, or a list of texts.
///
/// Numbers and booleans sent in JSON become their text (`3` → `"3"`, `true` → `"true"`), as
/// `Settings.Builder.loadFromMap` does; arrays become lists of texts.
public enum SettingValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case list([String])

    /// The value as a JSON value: a string or an array of strings.
    public var json: JSONValue {
        switch self {
        case .string(let text): return .string(text)
        case .list(let items): return .array(items.map { .string($0) })
        }
    }

    /// The value read as a scalar setting (a list renders like Java's `List.toString`).
    public var scalarText: String {
        switch self {
        case .string(let text): return text
        case .list(let items): return "[" + items.joined(separator: ", ") + "]"
        }
    }

    /// The value read as a list setting: a list as is; text split at commas and trimmed
    /// (`Settings.getAsList` with comma delimiting).
    public var listItems: [String] {
        switch self {
        case .list(let items): return items
        case .string(let text):
            return text.split(separator: ",", omittingEmptySubsequences: true)
                .map { $0.trimmingWhitespace() }
                .filter { !$0.isEmpty }
        }
    }

    public var description: String { scalarText }

    /// The text of a JSON scalar as Elasticsearch stores it, or nil for objects, arrays and null.
    static func text(of scalar: JSONValue) -> String? {
        switch scalar {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            if number.rounded() == number, abs(number) < 9.0e15 { return String(Int64(number)) }
            return String(number)
        case .null, .array, .object: return nil
        }
    }
}

/// Why a settings body could not be read into flat keys.
struct SettingsShapeError: Error {
    var exception: ElasticsearchErrorResponse
}

/// Turns the `persistent` or `transient` member of a settings request into flat keys, the way
/// `Settings.Builder.loadFromMap` does: nested objects join their keys with `.`; `null` means
/// "remove" (a nil value). Later duplicates of the same flat key replace earlier ones.
enum SettingsFlattener {
    static func flatten(_ object: JSONValue, scope: SettingsScope) throws(SettingsShapeError)
        -> OrderedDictionary<String, SettingValue?>
    {
        guard case .object(let members) = object else {
            if object.isNull { return [:] }
            throw SettingsShapeError(exception: .illegalArgument(
                "[\(scope.rawValue)] must be an object of settings, found \(object.jsonString())"))
        }
        var flat = OrderedDictionary<String, SettingValue?>()
        try flatten(members, prefix: "", into: &flat)
        return flat
    }

    private static func flatten(
        _ members: OrderedDictionary<String, JSONValue>, prefix: String,
        into flat: inout OrderedDictionary<String, SettingValue?>
    ) throws(SettingsShapeError) {
        for (name, value) in members {
            let key = prefix.isEmpty ? name : prefix + "." + name
            switch value {
            case .object(let nested):
                try flatten(nested, prefix: key, into: &flat)
            case .null:
                flat[key] = .some(nil)
            case .array(let items):
                var texts: [String] = []
                for item in items {
                    if item.isNull { continue }
                    guard let text = SettingValue.text(of: item) else {
                        throw SettingsShapeError(exception: .illegalArgument(
                            "failed to load settings: setting [\(key)] must hold only strings, numbers or booleans"))
                    }
                    texts.append(text)
                }
                flat[key] = .list(texts)
            default:
                flat[key] = .string(SettingValue.text(of: value) ?? "")
            }
        }
    }

    /// Renders flat settings as Elasticsearch does: dotted keys with `flat_settings=true`, otherwise
    /// nested objects split at every `.`. Keys are sorted, as in Elasticsearch's `Settings`.
    static func render(_ settings: [String: SettingValue], flat: Bool) -> JSONValue {
        let keys = settings.keys.sorted()
        if flat {
            var members = OrderedDictionary<String, JSONValue>()
            for key in keys { members[key] = settings[key]!.json }
            return .object(members)
        }
        var root = JSONValue.object([:])
        for key in keys {
            root = inserting(settings[key]!.json, at: key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)[...], into: root)
        }
        return root
    }

    private static func inserting(_ value: JSONValue, at path: ArraySlice<String>, into node: JSONValue) -> JSONValue {
        guard let head = path.first else { return value }
        var members = node.objectValue ?? [:]
        let child = members[head] ?? .object([:])
        members[head] = inserting(value, at: path.dropFirst(), into: child.objectValue != nil ? child : .object([:]))
        return .object(members)
    }
}
