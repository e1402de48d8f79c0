import Foundation
import OrderedCollections
import RemoteClusterKit

/// Parses and validates the `access` of a cross-cluster API key the way Elasticsearch does, and
/// derives the key's `cross_cluster` role descriptor.
struct CrossClusterAccess: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var names: [String]
        var fieldSecurity: JSONValue?
        var query: JSONValue?
        var allowRestrictedIndices: Bool
        var usesDocumentOrFieldLevelSecurity: Bool { fieldSecurity != nil || query != nil }
    }

    var search: [Entry]
    var replication: [Entry]

    static let parserName = "cross_cluster_api_key_request_payload"
    static let accessParserName = "cross_cluster_api_key_request_access"

    /// Parses `access` without validating it (Elasticsearch validates when it builds the role
    /// descriptor, after parsing: call `validate()`). `raw` is the body text, for error locations;
    /// `parser` names the request parser that owns the `access` field.
    static func parse(_ value: JSONValue, raw: String, parser: String = parserName) throws(ElasticsearchErrorResponse)
        -> CrossClusterAccess
    {
        let location = JSONLocator.valueLocation(of: "access", in: raw)
        guard case .object(let members) = value else {
            throw .parse(
                "access doesn't support values of type: \(JSONLocator.tokenName(value))",
                parser: parser, line: location.line, column: location.column)
        }
        do throws(ElasticsearchErrorResponse) {
            var search: [Entry] = []
            var replication: [Entry] = []
            for (key, member) in members {
                switch key {
                case "search": search = try entries(member, field: key, raw: raw)
                case "replication": replication = try entries(member, field: key, raw: raw)
                default:
                    let keyLocation = JSONLocator.keyLocation(of: key, in: raw)
                    throw ElasticsearchErrorResponse.parse(
                        "unknown field [\(key)]", parser: accessParserName, line: keyLocation.line,
                        column: keyLocation.column)
                }
            }
            return CrossClusterAccess(search: search, replication: replication)
        } catch {
            throw .fieldParseFailure(
                parser: parser, field: "access", line: location.line, column: location.column, inner: error)
        }
    }

    private static func entries(_ value: JSONValue, field: String, raw: String) throws(ElasticsearchErrorResponse)
        -> [Entry]
    {
        let location = JSONLocator.valueLocation(of: field, in: raw)
        guard case .array(let items) = value else {
            throw .parse(
                "\(field) doesn't support values of type: \(JSONLocator.tokenName(value))",
                parser: accessParserName, line: location.line, column: location.column)
        }
        do throws(ElasticsearchErrorResponse) {
            return try items.map { item throws(ElasticsearchErrorResponse) in try entry(item) }
        } catch {
            throw .fieldParseFailure(
                parser: accessParserName, field: field, line: location.line, column: location.column, inner: error)
        }
    }

    private static func entry(_ item: JSONValue) throws(ElasticsearchErrorResponse) -> Entry {
        guard case .object(let members) = item else {
            throw ElasticsearchErrorResponse(
                status: 400, type: "parse_exception",
                reason:
                    "failed to parse indices privileges for role [cross_cluster]. expected field [names] value to be an array, but found [\(JSONLocator.tokenName(item))] instead"
            )
        }
        if members["privileges"] != nil {
            throw ElasticsearchErrorResponse(
                status: 400, type: "parse_exception",
                reason:
                    "failed to parse indices privileges for role [cross_cluster]. field [privileges] must not present"
            )
        }
        let names: [String]
        switch members["names"] {
        case .string(let one)?: names = [one]
        case .array(let many)?: names = many.compactMap(\.stringValue)
        default:
            throw ElasticsearchErrorResponse(
                status: 400, type: "parse_exception",
                reason:
                    "failed to parse indices privileges for role [cross_cluster]. missing required [names] field")
        }
        for key in members.keys
        where !["names", "field_security", "query", "allow_restricted_indices"].contains(key) {
            throw ElasticsearchErrorResponse(
                status: 400, type: "parse_exception",
                reason: "failed to parse indices privileges for role [cross_cluster]. unexpected field [\(key)]")
        }
        return Entry(
            names: names, fieldSecurity: members["field_security"], query: members["query"],
            allowRestrictedIndices: members["allow_restricted_indices"]?.boolValue ?? false)
    }

    /// Elasticsearch's `CrossClusterApiKeyRoleDescriptorBuilder.build()` checks, in its order.
    func validate() throws(ElasticsearchErrorResponse) {
        if search.isEmpty && replication.isEmpty {
            throw .illegalArgument("must specify non-empty access for either [search] or [replication]")
        }
        if !search.isEmpty && !replication.isEmpty && search.contains(where: \.usesDocumentOrFieldLevelSecurity) {
            throw .illegalArgument(
                "search does not support document or field level security if replication is assigned")
        }
        if replication.contains(where: \.usesDocumentOrFieldLevelSecurity) {
            throw .illegalArgument("replication does not support document or field level security")
        }
    }

    /// `access` as `GET /_security/api_key` shows it.
    var json: JSONValue {
        var result = OrderedDictionary<String, JSONValue>()
        if !search.isEmpty { result["search"] = .array(search.map { Self.accessJSON($0) }) }
        if !replication.isEmpty {
            result["replication"] = .array(
                replication.map { entry in
                    [
                        "names": .array(entry.names.map { .string($0) }),
                        "allow_restricted_indices": .bool(entry.allowRestrictedIndices),
                    ]
                })
        }
        return .object(result)
    }

    /// The `cross_cluster` role descriptor the key carries.
    var roleDescriptors: JSONValue {
        var cluster: [JSONValue] = []
        if !search.isEmpty { cluster += ["cross_cluster_search", "monitor_enrich"] }
        if !replication.isEmpty { cluster.append("cross_cluster_replication") }
        var indices: [JSONValue] = []
        for entry in search {
            var index = OrderedDictionary<String, JSONValue>()
            index["names"] = .array(entry.names.map { .string($0) })
            index["privileges"] = ["read", "read_cross_cluster", "view_index_metadata"]
            if let fieldSecurity = entry.fieldSecurity { index["field_security"] = fieldSecurity }
            if let query = entry.query { index["query"] = query }
            index["allow_restricted_indices"] = .bool(entry.allowRestrictedIndices)
            indices.append(.object(index))
        }
        for entry in replication {
            indices.append([
                "names": .array(entry.names.map { .string($0) }),
                "privileges": ["cross_cluster_replication", "cross_cluster_replication_internal"],
                "allow_restricted_indices": .bool(entry.allowRestrictedIndices),
            ])
        }
        return [
            "cross_cluster": [
                "cluster": .array(cluster), "indices": .array(indices), "applications": [], "run_as": [],
                "metadata": .object([:]), "transient_metadata": ["enabled": true],
            ]
        ]
    }

    private static func accessJSON(_ entry: Entry) -> JSONValue {
        var result = OrderedDictionary<String, JSONValue>()
        result["names"] = .array(entry.names.map { .string($0) })
        if let fieldSecurity = entry.fieldSecurity { result["field_security"] = fieldSecurity }
        if let query = entry.query { result["query"] = query }
        result["allow_restricted_indices"] = .bool(entry.allowRestrictedIndices)
        return .object(result)
    }
}

/// Finds where a key or its value starts in JSON text, as Elasticsearch's `[line:column]` (1-based).
enum JSONLocator {
    static func keyLocation(of key: String, in text: String) -> (line: Int, column: Int) {
        guard let range = text.range(of: "\"\(key)\"") else { return (1, 1) }
        return location(of: range.lowerBound, in: text)
    }

    static func valueLocation(of key: String, in text: String) -> (line: Int, column: Int) {
        guard let range = text.range(of: "\"\(key)\"") else { return (1, 1) }
        var index = range.upperBound
        while index < text.endIndex,
            text[index] == " " || text[index] == ":" || text[index].isNewline
                || text[index] == "\t"
        {
            index = text.index(after: index)
        }
        return location(of: index, in: text)
    }

    private static func location(of index: String.Index, in text: String) -> (line: Int, column: Int) {
        let before = text[..<index]
        let line = before.filter(\.isNewline).count + 1
        let lineStart = before.lastIndex(where: \.isNewline).map { text.index(after: $0) } ?? text.startIndex
        return (line, text.distance(from: lineStart, to: index) + 1)
    }

    /// Jackson's token name for a value: `VALUE_NULL`, `VALUE_STRING`, `START_ARRAY`, ...
    static func tokenName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "VALUE_NULL"
        case .string: return "VALUE_STRING"
        case .number(let n): return n.rounded() == n ? "VALUE_NUMBER_INT" : "VALUE_NUMBER_FLOAT"
        case .bool(let b): return b ? "VALUE_TRUE" : "VALUE_FALSE"
        case .array: return "START_ARRAY"
        case .object: return "START_OBJECT"
        }
    }
}

/// Elasticsearch time values (`1d`, `12h`, `30m`, `90s`, `500ms`).
enum TimeValueParser {
    static func seconds(_ text: String, setting: String) throws(ElasticsearchErrorResponse) -> Double {
        let units: [(String, Double)] = [
            ("nanos", 1e-9), ("micros", 1e-6), ("ms", 0.001), ("s", 1), ("m", 60),
            ("h", 3_600), ("d", 86_400),
        ]
        let trimmed = text.trimmingWhitespace().lowercased()
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count)
            if let value = Double(number), value >= 0 { return value * factor }
            break
        }
        throw ElasticsearchErrorResponse(
            status: 400, type: "parse_exception",
            reason:
                "failed to parse setting [\(setting)] with value [\(text)] as a time value: unit is missing or unrecognized"
        )
    }
}
