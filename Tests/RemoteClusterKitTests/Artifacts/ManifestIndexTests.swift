import Foundation
import Testing

@testable import RemoteClusterKit

/// Files an earlier `manifests` run left in the folder: listed, removed with `--prune`, and no
/// other file of the folder ever touched.
@Suite struct ManifestIndexTests {
    static func folder(with files: [String]) throws -> URL {
        let folder = try TestPaths.temporaryFolder()
        for name in files { try "x".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func filesTheLastRunWroteAndThisOneDoesNotAreStale() throws {
        let folder = try Self.folder(with: ["secret.yaml", "remote-old-key.json", "mine.txt"])
        try ManifestIndex.record(["secret.yaml", "remote-old-key.json"], in: folder)
        let stale = ManifestIndex.stale(in: folder, written: ["secret.yaml", "remote-new-key.json"], remove: false)
        #expect(stale == StaleManifests(stale: ["remote-old-key.json"]))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("remote-old-key.json").path))
    }

    @Test func pruneRemovesOnlyRecordedFiles() throws {
        let folder = try Self.folder(with: ["secret.yaml", "remote-old-key.json", "mine.txt"])
        try ManifestIndex.record(["secret.yaml", "remote-old-key.json", "gone.yaml"], in: folder)
        let stale = ManifestIndex.stale(in: folder, written: ["secret.yaml"], remove: true)
        #expect(stale == StaleManifests(stale: ["remote-old-key.json"], removed: ["remote-old-key.json"]))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == [ManifestIndex.fileName, "mine.txt", "secret.yaml"])
    }

    @Test func anEditedListCannotPointOutsideTheFolder() throws {
        let outside = try Self.folder(with: ["precious.txt"])
        let folder = try Self.folder(with: [])
        try "../\(outside.lastPathComponent)/precious.txt\n..\n.\n\(outside.path)/precious.txt\n".write(
            to: folder.appendingPathComponent(ManifestIndex.fileName), atomically: true, encoding: .utf8)
        #expect(ManifestIndex.recorded(in: folder).isEmpty)
        _ = ManifestIndex.stale(in: folder, written: [], remove: true)
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("precious.txt").path))
    }

    @Test func aFirstRunHasNothingStale() throws {
        let folder = try Self.folder(with: ["someone-elses.yaml"])
        #expect(ManifestIndex.stale(in: folder, written: ["secret.yaml"], remove: true) == StaleManifests())
    }
}
