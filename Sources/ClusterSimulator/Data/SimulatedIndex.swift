import Foundation
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

    static func logs(day: String, count: Int) -> SimulatedIndex {
        let date = day.replacingOccurrences(of: ".", with: "-")
        let documents = (0..<count).map { i in
            let service = services[i % services.count]
            let level = levels[i % levels.count]
            return SimulatedDocument(
                id: "log-\(date)-\(i + 1)",
                source: [
                    "@timestamp": .string(timestamp(date, minute: i * 5)),
                    "service": ["name": .string(service)],
                    "log": ["level": .string(level)],
                    "message": .string("\(service) request \(i + 1) finished with \(level)"),
                ])
        }
        return SimulatedIndex(name: "logs-\(day)", documents: documents)
    }

    static func metrics(day: String, count: Int) -> SimulatedIndex {
        let date = day.replacingOccurrences(of: ".", with: "-")
        let documents = (0..<count).map { i in
            SimulatedDocument(
                id: "metric-\(date)-\(i + 1)",
                source: [
                    "@timestamp": .string(timestamp(date, minute: i)),
                    "host": ["name": .string("node-\(i % 3 + 1)")],
                    "system": ["cpu": ["pct": .number(Double((i * 7) % 100) / 100)]],
                ])
        }
        return SimulatedIndex(name: "metrics-\(day)", documents: documents)
    }

    static func audit(day: String, count: Int) -> SimulatedIndex {
        let date = day.replacingOccurrences(of: ".", with: "-")
        let documents = (0..<count).map { i in
            SimulatedDocument(
                id: "audit-\(date)-\(i + 1)",
                source: [
                    "@timestamp": .string(timestamp(date, minute: i * 15)),
                    "user": ["name": .string(i % 2 == 0 ? "alice" : "bob")],
                    "event": ["action": .string(i % 2 == 0 ? "login" : "logout")],
                ])
        }
        return SimulatedIndex(name: "audit-\(day)", documents: documents)
    }

    static func timestamp(_ date: String, minute: Int) -> String {
        date + "T" + String(format: "%02d:%02d", minute / 60 % 24, minute % 60) + ":00.000Z"
    }
}
