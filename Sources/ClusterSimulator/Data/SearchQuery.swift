import Foundation
import OrderedCollections
import RemoteClusterKit

/// The part of Elasticsearch's query DSL the simulator evaluates: enough to count documents for a
/// search body and for the document-level security `query` of a key or role.
///
/// Strings behave like dynamically mapped `text` fields with a `.keyword` sub-field: `term`,
/// `terms`, `prefix` and `wildcard` on `field` compare with the lowercased words of the value (or
/// the whole value), on `field.keyword` with the whole value only; `match` matches when any (or,
/// with `operator: and`, every) word of its text is a word of the value.
public indirect enum SearchQuery: Sendable, Hashable {
    case matchAll
    case matchNone
    case term(field: String, value: JSONValue)
    case terms(field: String, values: [JSONValue])
    case match(field: String, text: String, requiresAllWords: Bool)
    case exists(field: String)
    case prefix(field: String, prefix: String)
    case wildcard(field: String, pattern: String)
    case ids([String])
    case range(field: String, bounds: [RangeBound])
    case bool(
        must: [SearchQuery], filter: [SearchQuery], should: [SearchQuery], mustNot: [SearchQuery],
        minimumShouldMatch: Int?)

    /// One side of a `range` query.
    public struct RangeBound: Sendable, Hashable {
        public enum Operator: String, Sendable, Hashable, CaseIterable { case gt, gte, lt, lte }
        public var op: Operator
        public var value: JSONValue
    }

    // MARK: - Parsing

    /// Parses a query object (`{"match_all": {}}`); malformed queries fail with Elasticsearch's
    /// `parsing_exception` (400).
    public static func parse(_ json: JSONValue) throws(ElasticsearchErrorResponse) -> SearchQuery {
        guard case .object(let members) = json, members.count == 1, let (name, body) = members.elements.first else {
            throw malformed("[_na] query malformed, must start with start_object")
        }
        switch name {
        case "match_all": return .matchAll
        case "match_none": return .matchNone
        case "term":
            let (field, value) = try fieldAndValue(body, query: name, valueKey: "value")
            return .term(field: field, value: value)
        case "terms":
            guard case .object(let fields) = body,
                let (field, value) = fields.elements.first(where: { $0.key != "boost" }),
                let values = value.arrayValue
            else { throw malformed("[terms] query does not support [\(body.jsonString())]") }
            return .terms(field: field, values: values)
        case "match":
            let (field, value) = try fieldAndValue(body, query: name, valueKey: "query")
            let operatorName = body[field]?["operator"]?.stringValue?.lowercased()
            return .match(field: field, text: scalarText(value), requiresAllWords: operatorName == "and")
        case "exists":
            guard let field = body["field"]?.stringValue else {
                throw malformed("[exists] must be provided with a [field]")
            }
            return .exists(field: field)
        case "prefix":
            let (field, value) = try fieldAndValue(body, query: name, valueKey: "value")
            return .prefix(field: field, prefix: scalarText(value))
        case "wildcard":
            let (field, value) = try fieldAndValue(body, query: name, valueKey: "value")
            return .wildcard(field: field, pattern: scalarText(value))
        case "ids":
            return .ids((body["values"]?.arrayValue ?? []).compactMap(\.stringValue))
        case "range":
            guard case .object(let fields) = body, let (field, spec) = fields.elements.first,
                case .object(let ops) = spec
            else {
                throw malformed("[range] query malformed, no start_object after query name")
            }
            var bounds: [RangeBound] = []
            for (key, value) in ops {
                if let op = RangeBound.Operator(rawValue: key) { bounds.append(RangeBound(op: op, value: value)) }
            }
            return .range(field: field, bounds: bounds)
        case "bool":
            guard case .object = body else {
                throw malformed("[bool] query malformed, no start_object after query name")
            }
            return .bool(
                must: try clauses(body["must"]), filter: try clauses(body["filter"]),
                should: try clauses(body["should"]), mustNot: try clauses(body["must_not"]),
                minimumShouldMatch: body["minimum_should_match"].flatMap {
                    $0.intValue ?? $0.stringValue.flatMap { Int($0) }
                })
        default:
            throw malformed("unknown query [\(name)]")
        }
    }

    /// A document-level security query as roles and keys store it: an object or a JSON text.
    /// A query that cannot be read hides every document.
    static func parseStored(_ value: JSONValue) -> SearchQuery {
        var json = value
        if let text = value.stringValue {
            guard let parsed = try? JSONValue.parse(text) else { return .matchNone }
            json = parsed
        }
        return (try? parse(json)) ?? .matchNone
    }

    private static func clauses(_ value: JSONValue?) throws(ElasticsearchErrorResponse) -> [SearchQuery] {
        guard let value else { return [] }
        if let items = value.arrayValue {
            var result: [SearchQuery] = []
            for item in items { result.append(try parse(item)) }
            return result
        }
        return [try parse(value)]
    }

    /// `{"field": value}` or `{"field": {"<valueKey>": value, ...}}`.
    private static func fieldAndValue(_ body: JSONValue, query: String, valueKey: String)
        throws(ElasticsearchErrorResponse)
        -> (String, JSONValue)
    {
        guard case .object(let fields) = body, fields.count == 1, let (field, spec) = fields.elements.first else {
            throw malformed("[\(query)] query malformed, no start_object after query name")
        }
        if case .object(let options) = spec {
            guard let value = options[valueKey] else {
                throw malformed("[\(query)] query does not support [\(options.keys.first ?? "")]")
            }
            return (field, value)
        }
        return (field, spec)
    }

    private static func malformed(_ reason: String) -> ElasticsearchErrorResponse {
        ElasticsearchErrorResponse(status: 400, type: "parsing_exception", reason: reason)
    }

    private static func scalarText(_ value: JSONValue) -> String {
        if let text = value.stringValue { return text }
        if let number = value.intValue { return String(number) }
        return value.jsonString()
    }

    // MARK: - Evaluation

    /// Whether the document matches.
    public func matches(_ document: SimulatedDocument) -> Bool {
        switch self {
        case .matchAll: return true
        case .matchNone: return false
        case .ids(let ids): return ids.contains(document.id)
        case .term(let field, let value):
            return Self.values(of: field, in: document).contains {
                Self.equals($0, value, keywordOnly: Self.isKeyword(field))
            }
        case .terms(let field, let wanted):
            let values = Self.values(of: field, in: document)
            return wanted.contains { term in
                values.contains { Self.equals($0, term, keywordOnly: Self.isKeyword(field)) }
            }
        case .match(let field, let text, let requiresAll):
            let wanted = Self.words(text)
            guard !wanted.isEmpty else { return false }
            let present = Set(Self.values(of: field, in: document).flatMap { Self.words(Self.scalarText($0)) })
            return requiresAll ? wanted.allSatisfy(present.contains) : wanted.contains(where: present.contains)
        case .exists(let field):
            return !Self.values(of: field, in: document).isEmpty
        case .prefix(let field, let prefix):
            return Self.candidates(field, document).contains {
                $0.hasPrefix(Self.isKeyword(field) ? prefix : prefix.lowercased())
            }
        case .wildcard(let field, let pattern):
            let wanted = Self.isKeyword(field) ? pattern : pattern.lowercased()
            return Self.candidates(field, document).contains { SimpleWildcard.matches(pattern: wanted, $0) }
        case .range(let field, let bounds):
            return Self.values(of: field, in: document).contains { value in
                bounds.allSatisfy { bound in
                    guard let order = Self.compare(value, bound.value) else { return false }
                    switch bound.op {
                    case .gt: return order > 0
                    case .gte: return order >= 0
                    case .lt: return order < 0
                    case .lte: return order <= 0
                    }
                }
            }
        case .bool(let must, let filter, let should, let mustNot, let minimum):
            guard (must + filter).allSatisfy({ $0.matches(document) }) else { return false }
            guard !mustNot.contains(where: { $0.matches(document) }) else { return false }
            guard !should.isEmpty else { return true }
            let needed = minimum ?? ((must + filter).isEmpty ? 1 : 0)
            return should.filter { $0.matches(document) }.count >= needed
        }
    }

    static func isKeyword(_ field: String) -> Bool { field.hasSuffix(".keyword") }

    /// The leaf values at a dotted path (`service.name`), flattening arrays; `.keyword` addresses
    /// the field itself.
    static func values(of field: String, in document: SimulatedDocument) -> [JSONValue] {
        let path = (isKeyword(field) ? String(field.dropLast(".keyword".count)) : field)
        if path == "_id" { return [.string(document.id)] }
        var current: [JSONValue] = [document.source]
        for part in path.split(separator: ".").map(String.init) {
            current = current.flatMap { value -> [JSONValue] in
                guard let next = value[part] else { return [] }
                return next.arrayValue ?? [next]
            }
        }
        return current.filter { !$0.isNull && $0.objectValue == nil }
    }

    /// What `prefix` and `wildcard` compare with: the whole value and, for text, its words.
    private static func candidates(_ field: String, _ document: SimulatedDocument) -> [String] {
        values(of: field, in: document).flatMap { value -> [String] in
            let text = scalarText(value)
            return isKeyword(field) || value.stringValue == nil ? [text] : [text.lowercased()] + words(text)
        }
    }

    private static func equals(_ value: JSONValue, _ term: JSONValue, keywordOnly: Bool) -> Bool {
        if let a = value.doubleValue ?? Double(scalarText(value)), let b = term.doubleValue ?? Double(scalarText(term)),
            value.doubleValue != nil || term.doubleValue != nil
        {
            return a == b
        }
        if let a = value.boolValue { return scalarText(term) == String(a) }
        let text = scalarText(value)
        let wanted = scalarText(term)
        if text == wanted { return true }
        return !keywordOnly && value.stringValue != nil && words(text).contains(wanted)
    }

    /// Numbers compare as numbers, everything else as text (ISO dates sort as text).
    private static func compare(_ value: JSONValue, _ bound: JSONValue) -> Int? {
        if let a = value.doubleValue, let b = bound.doubleValue ?? Double(scalarText(bound)) {
            return a < b ? -1 : (a > b ? 1 : 0)
        }
        let a = scalarText(value)
        let b = scalarText(bound)
        return a < b ? -1 : (a > b ? 1 : 0)
    }

    /// Lowercased words (runs of letters and digits), as the standard analyzer splits text.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
