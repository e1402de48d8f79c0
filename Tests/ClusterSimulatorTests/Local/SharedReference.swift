import Foundation
import RemoteClusterKit

/// Files of the shared reference data (`../shared` beside the repository root).
enum SharedReference {
    static var root: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared")
    }

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    static func json(_ relative: String) throws -> JSONValue {
        try JSONValue.parse(try text(relative))
    }
}
