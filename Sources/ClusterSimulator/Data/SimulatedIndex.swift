import Foundation
import OrderedCollections
import RemoteClusterKit

/// One document of a simulated index: its `_id` and its `_source`.
public struct SimulatedDocument: Sendable, Hashable {
    public var id: String
    public var source: JSONValue

    public init(id: String, source: JSONValue) {
        self.id = id
        self.source = source
    }
}

/// An index of a simulated cluster. A single-node ECK cluster keeps each index in one primary
/// shard, so every index counts as one shard in `_shards`.
public struct SimulatedIndex: Sendable, Hashable {
    public var name: String
    public var documents: [SimulatedDocument]

    public init(name: String, documents: [SimulatedDocument]) {
        self.name = name
        self.documents = documents
    }

    /// The shards a search of this index touches.
    public var shardCount: Int { 1 }

    /// Whether wildcards skip the index unless the pattern itself starts with a dot (dot-prefixed
    /// indices are hidden or system indices in Elasticsearch).
    public var isHidden: Bool { name.hasPrefix(".") }
}

/// The indices of one simulated cluster, safe from any thread.
public final class IndexStore: Sendable {
    private let indices: LockedState<[String: SimulatedIndex]>

    public init(_ indices: [SimulatedIndex] = []) {
        self.indices = LockedState(Dictionary(indices.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last }))
    }

    /// The index names, sorted.
    public var names: [String] { indices.current.keys.sorted() }

    /// The index with this name.
    public func index(_ name: String) -> SimulatedIndex? { indices.current[name] }

    /// Adds or replaces an index.
    public func put(_ index: SimulatedIndex) { indices.withLock { $0[index.name] = index } }

    /// The number of documents of each index, by name.
    public var documentCounts: [String: Int] { indices.current.mapValues(\.documents.count) }
}

extension IndexStore {
    /// The indices every simulated remote cluster starts with: two days of `logs-*`, one of
    /// `metrics-*`, and `audit-*`, which the usual `logs*`/`metrics*` grants do not cover.
    /// Documents are made from their position only, so every run holds the same data.
    public static func seededRemoteIndices() -> [SimulatedIndex] {
        [
            logs(day: "2025.06.01", count: 12), logs(day: "2025.06.02", count: 8),
            metrics(day: "2025.06.01", count: 15), audit(day: "2025.06.01", count: 4),
        ]
    }

    static let services = ["web", "api", "checkout"]
    static let levels = ["info", "info", "warn", "error"]

    /// An index `<prefix>-<day>` of `count` documents `<idPrefix>-<date>-<n>`; `source` makes the
    /// source of document `i` (from 0) with its `@timestamp` `minutesApart * i` after midnight.
    static func index(
        _ prefix: String, idPrefix: String, day: String, count: Int, minutesApart: Int,
        source: (Int) -> OrderedDictionary<String, JSONValue>
    ) -> SimulatedIndex {
        let date = day.replacingOccurrences(of: ".", with: "-")
        let documents = (0..<count).map { i in
            var fields: OrderedDictionary<String, JSONValue> = [
                "@timestamp": .string(timestamp(date, minute: i * minutesApart))
            ]
            for (key, value) in source(i) { fields[key] = value }
            return SimulatedDocument(id: "\(idPrefix)-\(date)-\(i + 1)", source: .object(fields))
        }
        return SimulatedIndex(name: "\(prefix)-\(day)", documents: documents)
    }

    static func logs(day: String, count: Int) -> SimulatedIndex {
        index("logs", idPrefix: "log", day: day, count: count, minutesApart: 5) { i in
            let service = services[i % services.count]
            let level = levels[i % levels.count]
            return [
                "service": ["name": .string(service)], "log": ["level": .string(level)],
                "message": .string("\(service) request \(i + 1) finished with \(level)"),
            ]
        }
    }

    static func metrics(day: String, count: Int) -> SimulatedIndex {
        index("metrics", idPrefix: "metric", day: day, count: count, minutesApart: 1) { i in
            [
                "host": ["name": .string("node-\(i % 3 + 1)")],
                "system": ["cpu": ["pct": .number(Double((i * 7) % 100) / 100)]],
            ]
        }
    }

    static func audit(day: String, count: Int) -> SimulatedIndex {
        index("audit", idPrefix: "audit", day: day, count: count, minutesApart: 15) { i in
            [
                "user": ["name": .string(i % 2 == 0 ? "alice" : "bob")],
                "event": ["action": .string(i % 2 == 0 ? "login" : "logout")],
            ]
        }
    }

    static func timestamp(_ date: String, minute: Int) -> String {
        date + "T" + String(format: "%02d:%02d", minute / 60 % 24, minute % 60) + ":00.000Z"
    }
}
