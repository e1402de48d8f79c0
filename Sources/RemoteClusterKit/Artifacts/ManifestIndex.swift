import Foundation

/// Files an earlier `manifests` run wrote into a folder and this run no longer makes (a remote
/// taken out of the plan, a renamed alias), found through the list each run leaves in the folder.
public struct StaleManifests: Sendable, Hashable {
    /// File names still in the folder that this run did not write.
    public var stale: [String]
    /// File names of `stale` that were removed (`--prune`).
    public var removed: [String]

    public init(stale: [String] = [], removed: [String] = []) {
        self.stale = stale
        self.removed = removed
    }
}

/// The list of files the last `manifests` run wrote into a folder (`.remote-cluster-wizard-files`,
/// one name per line), the only files a later run ever lists as stale or removes.
public enum ManifestIndex {
    public static let fileName = ".remote-cluster-wizard-files"

    /// The names the last run recorded in `folder`; only plain file names (no `/`, not `.` or
    /// `..`), so that an edited list can never point outside the folder.
    public static func recorded(in folder: URL) -> [String] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else {
            return []
        }
        return text.split(whereSeparator: \.isNewline).map(String.init).filter(isPlainName)
    }

    /// Records `names` as what this run wrote.
    public static func record(_ names: [String], in folder: URL) throws(SecureFileWriter.WriteError) {
        try SecureFileWriter.write(
            names.map { $0 + "\n" }.joined(), to: folder.appendingPathComponent(fileName).path, mode: 0o644)
    }

    /// The files the last run recorded that still exist and are not in `written`; removed when
    /// `remove` is set (a file that cannot be removed stays listed as stale only).
    public static func stale(in folder: URL, written: [String], remove: Bool) -> StaleManifests {
        let files = FileManager.default
        let stale = recorded(in: folder).filter { name in
            !written.contains(name) && files.fileExists(atPath: folder.appendingPathComponent(name).path)
        }.sorted()
        guard remove else { return StaleManifests(stale: stale) }
        let removed = stale.filter { (try? files.removeItem(at: folder.appendingPathComponent($0))) != nil }
        return StaleManifests(stale: stale, removed: removed)
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != "." && name != ".." && name != fileName
    }
}
