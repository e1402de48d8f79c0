import Foundation
import WizardCore

/// Where the wizard keeps its progress between runs: a JSON file (answers, screen, changes made;
/// never secrets) in the XDG state directory, `$XDG_STATE_HOME/remote-cluster-wizard/` or
/// `~/.local/state/remote-cluster-wizard/`, in a folder only the user can read.
public struct ProgressStore: Sendable {
    /// The state file.
    public let path: String

    /// The store for one kind of run (`wizard`, `demo`), from the environment.
    public init(name: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = Self.directory(environment: environment) + "/\(name)-progress.json"
    }

    public init(path: String) { self.path = path }

    /// The XDG state directory of the wizard.
    public static func directory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/remote-cluster-wizard"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/remote-cluster-wizard"
    }

    /// Makes sure the folder exists; returns the problem when it cannot be made.
    public func prepare(_ files: LocalFileSystem = LocalFileSystem()) -> FileAccessError? {
        let folder = (path as NSString).deletingLastPathComponent
        if case .failure(let error) = files.makePrivateDirectory(folder) { return error }
        return nil
    }

    /// The saved progress of an unfinished run, or nil when there is none (or it is not a progress
    /// file of this version).
    public func load(_ files: LocalFileSystem = LocalFileSystem()) -> SavedProgress? {
        files.read(path).flatMap(SavedProgress.decode).flatMap { $0.finished ? nil : $0 }
    }

    /// Removes the saved progress (after a finished run or when starting anew).
    public func clear() { unlink(path) }
}
