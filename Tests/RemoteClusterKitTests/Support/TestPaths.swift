import Foundation

/// Folders the tests read: the repository, its fixtures and golden files, and the shared
/// reference data beside the clone (`../shared`).
enum TestPaths {
    /// The repository root (three levels above this file).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let testsFolder = repositoryRoot.appendingPathComponent("Tests/RemoteClusterKitTests")
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    static let golden = testsFolder.appendingPathComponent("Golden")
    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let elasticsearchCRD = shared.appendingPathComponent(
        "eck-reference/elasticsearch.k8s.elastic.co_elasticsearches.yaml")

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    static func fixtureText(_ name: String) throws -> String {
        try String(contentsOf: fixture(name), encoding: .utf8)
    }

    /// A new empty folder under the system temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rcw-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
