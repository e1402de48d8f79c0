import Foundation

/// A `major.minor.patch` version, for comparing ECK operator and Elasticsearch versions.
///
/// Accepts `3`, `3.3`, `3.3.0` and `v3.3.0`; a pre-release or build suffix (`9.5.0-SNAPSHOT`)
/// is kept for display and ignored when comparing.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// Anything after `-` or `+`, without the separator.
    public var suffix: String?

    public init(_ major: Int, _ minor: Int = 0, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses a version; nil when the text is not a version.
    public init?(_ text: String) {
        var core = Substring(text.trimmingWhitespace())
        if core.first == "v" || core.first == "V" { core = core.dropFirst() }
        var suffix: String?
        if let cut = core.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            suffix = String(core[core.index(after: cut)...])
            core = core[..<cut]
        }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCII), let value = Int(part), value >= 0 else { return nil }
            numbers.append(value)
        }
        while numbers.count < 3 { numbers.append(0) }
        self.init(numbers[0], numbers[1], numbers[2])
        self.suffix = suffix
    }

    public var description: String {
        "\(major).\(minor).\(patch)" + (suffix.map { "-\($0)" } ?? "")
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) == (rhs.major, rhs.minor, rhs.patch)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
    }
}

/// The ECK operator version of a cluster.
public typealias ECKVersion = SemanticVersion

/// Versions at which ECK and Elasticsearch behaviour the artifacts depend on changed (FACTS §1.7).
public enum FeatureVersions {
    /// ECK 3.3.0: `spec.remoteClusterServer.service` can be customised (e.g. a LoadBalancer).
    public static let eckRemoteClusterServiceTemplate = ECKVersion(3, 3, 0)
    /// ECK 3.5.0: the `eck.k8s.elastic.co/file-based-secure-settings` annotation.
    public static let eckFileBasedSecureSettings = ECKVersion(3, 5, 0)
    /// Elasticsearch 9.5.0: needed by the file-based secure settings annotation.
    public static let elasticsearchFileBasedSecureSettings = SemanticVersion(9, 5, 0)
}
