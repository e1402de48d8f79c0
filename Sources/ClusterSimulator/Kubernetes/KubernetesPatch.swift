import Foundation
import OrderedCollections
import RemoteClusterKit

/// The patch formats the simulated API server takes (`Content-Type` of a `PATCH`).
public enum KubernetesPatchType: String, Sendable, Hashable, CaseIterable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategic = "application/strategic-merge-patch+json"
    /// Server-side apply (`kubectl apply --server-side`): the whole intended object, in YAML or JSON.
    case apply = "application/apply-patch+yaml"

    /// The type named by a `Content-Type` header (parameters ignored).
    public init?(contentType: String) {
        let media =
            contentType.split(separator: ";").first.map { $0.trimmingWhitespace().lowercased() } ?? ""
        self.init(rawValue: media)
    }
}

/// Applying patches to stored objects: RFC 7386 merge patches, RFC 6902 JSON patches, and the
/// strategic merge patches kubectl computes for built-in kinds.
enum KubernetesPatch {
    /// RFC 7386 JSON merge patch.
    static func merge(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = merge(result[key] ?? .null, value)
            }
        }
        return .object(result)
    }

    /// The merge keys of lists that strategic merge patches merge element by element, by field
    /// path (the `patchMergeKey` of the built-in types the simulator serves).
    static let mergeKeys: [String: String] = [
        "spec.ports": "port", "metadata.ownerReferences": "uid",
    ]

    /// Strategic merge patch (apimachinery `strategicpatch`): maps merge, `null` deletes, lists
    /// with a merge key merge by that key, other lists are replaced; the directives `$patch`
    /// (`replace`, `delete`), `$retainKeys`, `$setElementOrder/<list>` and
    /// `$deleteFromPrimitiveList/<list>` are honoured.
    static func strategic(_ target: JSONValue, _ patch: JSONValue, path: String = "") -> JSONValue {
        guard case .object(var members) = patch else { return patch }
        if let directive = members["$patch"]?.stringValue {
            members.removeValue(forKey: "$patch")
            if directive == "replace" { return .object(members) }
            if directive == "delete" { return .null }
        }
        var result = target.objectValue ?? [:]
        let retained = members.removeValue(forKey: "$retainKeys")?.arrayValue?.compactMap(\.stringValue)
        var orders: [String: [JSONValue]] = [:]
        for (key, value) in members {
            if key.hasPrefix("$setElementOrder/") {
                orders[String(key.dropFirst("$setElementOrder/".count))] = value.arrayValue ?? []
            } else if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let removed = value.arrayValue ?? []
                if case .array(let items)? = result[field] {
                    result[field] = .array(items.filter { !removed.contains($0) })
                }
            }
        }
        for (key, value) in members where !key.hasPrefix("$") {
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            if value.isNull {
                result.removeValue(forKey: key)
            } else if case .array(let items) = value, let mergeKey = mergeKeys[childPath] {
                result[key] = .array(
                    mergeList(result[key]?.arrayValue ?? [], items, key: mergeKey, order: orders[key], path: childPath))
            } else if case .object = value {
                let merged = strategic(result[key] ?? .object([:]), value, path: childPath)
                if merged.isNull { result.removeValue(forKey: key) } else { result[key] = merged }
            } else {
                result[key] = value
            }
        }
        if let retained {
            for key in Array(result.keys) where !retained.contains(key) { result.removeValue(forKey: key) }
        }
        return .object(result)
    }

    private static func mergeList(
        _ current: [JSONValue], _ patch: [JSONValue], key: String, order: [JSONValue]?, path: String
    ) -> [JSONValue] {
        var result = current
        for element in patch {
            guard let identity = element[key] else { continue }
            let index = result.firstIndex { $0[key] == identity }
            if element["$patch"]?.stringValue == "delete" {
                if let index { result.remove(at: index) }
            } else if let index {
                result[index] = strategic(result[index], element, path: path)
            } else {
                result.append(strategic(.object([:]), element, path: path))
            }
        }
        guard let order else { return result }
        let keys = order.compactMap { $0[key] }
        return result.sorted { a, b in
            (keys.firstIndex(of: a[key] ?? .null) ?? keys.count) < (keys.firstIndex(of: b[key] ?? .null) ?? keys.count)
        }
    }

    /// RFC 6902 JSON patch (`add`, `remove`, `replace`, `test`); nil when an operation does not apply.
    static func jsonPatch(_ target: JSONValue, _ operations: [JSONValue]) -> JSONValue? {
        var document = target
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let pointer = operation["path"]?.stringValue else {
                return nil
            }
            let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            switch op {
            case "add", "replace":
                guard let value = operation["value"],
                    let next = set(document, tokens[...], value, inserting: op == "add")
                else { return nil }
                document = next
            case "remove":
                guard let next = set(document, tokens[...], nil, inserting: false) else { return nil }
                document = next
            case "test":
                guard value(document, tokens[...]) == operation["value"] else { return nil }
            default:
                return nil
            }
        }
        return document
    }

    private static func value(_ document: JSONValue, _ tokens: ArraySlice<String>) -> JSONValue? {
        guard let first = tokens.first else { return document }
        switch document {
        case .object(let members): return members[first].flatMap { value($0, tokens.dropFirst()) }
        case .array(let items):
            guard let index = Int(first), items.indices.contains(index) else { return nil }
            return value(items[index], tokens.dropFirst())
        default: return nil
        }
    }

    /// Sets (or with nil removes) the value at the pointer; nil when the path does not exist.
    private static func set(_ document: JSONValue, _ tokens: ArraySlice<String>, _ new: JSONValue?, inserting: Bool)
        -> JSONValue?
    {
        guard let first = tokens.first else { return new ?? .null }
        let rest = tokens.dropFirst()
        switch document {
        case .object(var members):
            if rest.isEmpty {
                if let new {
                    guard inserting || members[first] != nil else { return nil }
                    members[first] = new
                } else {
                    guard members.removeValue(forKey: first) != nil else { return nil }
                }
                return .object(members)
            }
            guard let child = members[first], let updated = set(child, rest, new, inserting: inserting) else {
                return nil
            }
            members[first] = updated
            return .object(members)
        case .array(var items):
            if rest.isEmpty {
                if first == "-", inserting, let new { items.append(new); return .array(items) }
                guard let index = Int(first) else { return nil }
                if let new {
                    if inserting {
                        guard (0...items.count).contains(index) else { return nil }
                        items.insert(new, at: index)
                    } else {
                        guard items.indices.contains(index) else { return nil }
                        items[index] = new
                    }
                } else {
                    guard items.indices.contains(index) else { return nil }
                    items.remove(at: index)
                }
                return .array(items)
            }
            guard let index = Int(first), items.indices.contains(index),
                let updated = set(items[index], rest, new, inserting: inserting)
            else { return nil }
            items[index] = updated
            return .array(items)
        default:
            return nil
        }
    }

    /// The JSON merge patch `kubectl apply` would send to turn `current` into `modified`, given
    /// the previous `original` (its last-applied configuration): fields of `modified` that differ
    /// are set, fields `original` had and `modified` dropped are deleted, others stay.
    static func threeWay(original: JSONValue?, modified: JSONValue, current: JSONValue) -> JSONValue {
        guard case .object(let wanted) = modified else { return modified }
        var patch = OrderedDictionary<String, JSONValue>()
        for (key, value) in wanted {
            let live = current[key]
            if case .object = value, case .object? = live {
                let child = threeWay(original: original?[key], modified: value, current: live ?? .null)
                if child.objectValue?.isEmpty == false { patch[key] = child }
            } else if live != value {
                patch[key] = value
            }
        }
        for key in original?.objectValue?.keys ?? [] where wanted[key] == nil && current[key] != nil {
            patch[key] = .null
        }
        return .object(patch)
    }
}
