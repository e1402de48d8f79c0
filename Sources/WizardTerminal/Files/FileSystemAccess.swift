import WizardCore

/// The file operations behind the core's file effects: listing for completion, a one-line
/// description for path hints, and saving documents.
public protocol FileSystemAccess: Sendable {
    func list(directory: String) -> Result<[DirectoryEntry], FileAccessError>
    func describe(file: String) -> String
    /// Writes the file; mode 0600 when `secret`, 0644 otherwise.
    func save(_ contents: String, to path: String, secret: Bool) -> Result<Void, FileAccessError>
}

/// Files as a dictionary, for tests: `path → contents`; directories are implied by paths.
public final class InMemoryFileSystem: FileSystemAccess, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: String]
    /// Saved files with whether they were saved as secret.
    public private(set) var saved: [String: (contents: String, secret: Bool)] = [:]

    public init(files: [String: String] = [:]) { self.files = files }

    public func list(directory: String) -> Result<[DirectoryEntry], FileAccessError> {
        lock.lock()
        defer { lock.unlock() }
        let prefix = directory == "." ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
        var entries: [String: Bool] = [:]
        for path in files.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            guard let first = rest.split(separator: "/").first else { continue }
            entries[String(first)] = rest.contains("/")
        }
        if entries.isEmpty { return .failure(FileAccessError("\(directory) does not exist")) }
        return .success(
            entries.map { DirectoryEntry(name: $0.key, isDirectory: $0.value) }.sorted { $0.name < $1.name })
    }

    public func describe(file: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        guard let contents = files[file] else { return "No such file: \(file)" }
        return FileDescription.describe(Data(contents.utf8))
    }

    public func save(_ contents: String, to path: String, secret: Bool) -> Result<Void, FileAccessError> {
        lock.lock()
        defer { lock.unlock() }
        saved[path] = (contents, secret)
        files[path] = contents
        return .success(())
    }
}

import Foundation
