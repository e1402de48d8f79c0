import OrderedCollections
import RemoteClusterKit

/// Elasticsearch's `filter_path` response filtering: comma-separated dotted paths where `*` inside a
/// segment matches any characters of one key, e.g. `*.connected` or `error.root_cause.reason`.
public enum JSONFilterPath {
    public static func apply(_ expression: String, to value: JSONValue) -> JSONValue {
        let paths = expression.split(separator: ",").map { $0.split(separator: ".").map(String.init) }
        return filter(value, paths: paths) ?? .object([:])
    }

    private static func filter(_ value: JSONValue, paths: [[String]]) -> JSONValue? {
        if paths.contains(where: \.isEmpty) { return value }
        switch value {
        case .array(let items):
            let kept = items.compactMap { filter($0, paths: paths) }
            return kept.isEmpty ? nil : .array(kept)
        case .object(let members):
            var result = OrderedDictionary<String, JSONValue>()
            for (key, member) in members {
                let next = paths.filter { matches($0[0], key) }.map { Array($0.dropFirst()) }
                guard !next.isEmpty, let kept = filter(member, paths: next) else { continue }
                result[key] = kept
            }
            return result.isEmpty ? nil : .object(result)
        default:
            return nil
        }
    }

    private static func matches(_ pattern: String, _ key: String) -> Bool {
        if pattern == "*" { return true }
        guard pattern.contains("*") else { return pattern == key }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(key)
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1 {
                return part.isEmpty || rest.hasSuffix(part)
            } else if let range = rest.range(of: part) {
                rest = rest[range.upperBound...]
            } else {
                return false
            }
        }
        return true
    }
}
