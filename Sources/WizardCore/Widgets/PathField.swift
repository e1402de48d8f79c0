import RemoteClusterKit

/// A file path field with completion (Ctrl-T) and a one-line hint of what the file holds.
///
/// The field never touches the file system: Ctrl-T asks for a directory listing and leaving the field
/// asks for a description of the file, both as effects. Results carry the token of the request and
/// only the latest one is used.
public struct PathField: Sendable, Hashable {
    public var field: TextField
    /// What the file holds ("PEM: 1 certificate, CN=..."), or why it cannot be read.
    public private(set) var hint: String?
    /// Names that match when completion found several.
    public private(set) var candidates: [String] = []
    public private(set) var pendingListing: Token?
    public private(set) var pendingDescription: Token?
    /// The path the current hint describes.
    public private(set) var describedPath: String?

    public init(_ path: String = "", placeholder: String = "") {
        self.field = TextField(path, placeholder: placeholder)
    }

    public var path: String { field.text }

    /// The key that completes the path. Not Tab: Tab always moves to the next field.
    public static let completionKey = Key.control("t")

    /// Handles a key; Ctrl-T starts completion. Returns the effect to run, if any.
    public mutating func handle(_ key: Key, tokens: inout TokenSource) -> (KeyOutcome, [Effect<Never>]) {
        if key == Self.completionKey {
            let token = tokens.next()
            pendingListing = token
            return (.handled, [.listDirectory(path: directoryPart.isEmpty ? "." : directoryPart, token: token)])
        }
        let before = field.text
        let outcome = field.handle(key)
        if field.text != before {
            candidates = []
            pendingListing = nil
        }
        return (outcome, [])
    }

    /// Asks for a description of the file when the path changed since the last one, and drops the
    /// completion candidates (called when focus leaves the field and after a completion).
    public mutating func describeIfChanged(tokens: inout TokenSource) -> [Effect<Never>] {
        candidates = []
        pendingListing = nil
        let trimmed = path.trimmingWhitespace()
        guard trimmed != describedPath else { return [] }
        describedPath = trimmed
        if trimmed.isEmpty {
            hint = nil
            pendingDescription = nil
            return []
        }
        let token = tokens.next()
        pendingDescription = token
        return [.describeFile(path: trimmed, token: token)]
    }

    /// The directory part of the path, up to and including the last `/`.
    var directoryPart: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// Applies a directory listing; ignores it unless it answers the latest completion.
    public mutating func apply(
        listing: Result<[DirectoryEntry], FileAccessError>, token: Token,
        tokens: inout TokenSource
    ) -> [Effect<Never>] {
        guard token == pendingListing else { return [] }
        pendingListing = nil
        let directory = directoryPart
        let prefix = String(path.dropFirst(directory.count))
        switch listing {
        case .failure(let error):
            candidates = []
            hint = error.message
            return []
        case .success(let entries):
            let matches =
                entries
                .filter { $0.name.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.name.hasPrefix(".")) }
                .sorted { $0.name < $1.name }
            if matches.isEmpty {
                candidates = []
                hint = "No file in \(directory.isEmpty ? "this directory" : directory) starts with \(TextExcerpt.quoted(prefix))"
                return []
            }
            if matches.count == 1 {
                let match = matches[0]
                field.text = directory + match.name + (match.isDirectory ? "/" : "")
                candidates = []
                return match.isDirectory ? [] : describeIfChanged(tokens: &tokens)
            }
            let common = Self.commonPrefix(matches.map(\.name))
            field.text = directory + common
            candidates = matches.map { $0.name + ($0.isDirectory ? "/" : "") }
            return []
        }
    }

    /// Applies a file description; ignores it unless it answers the latest request.
    public mutating func apply(description: String, token: Token) {
        guard token == pendingDescription else { return }
        pendingDescription = nil
        hint = description
    }

    static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first.map(Array.init) else { return "" }
        for name in names.dropFirst() {
            let chars = Array(name)
            var n = 0
            while n < prefix.count && n < chars.count && prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix[..<n])
        }
        return String(prefix)
    }

    /// Extra lines under the field: the candidates and the hint.
    public var extraLines: Int { (candidates.isEmpty ? 0 : 1) + (hint == nil ? 0 : 1) }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, focused: Bool, glyphs: Glyphs) {
        field.render(into: &buffer, rect: rect.row(0), focused: focused)
        var y = 1
        if !candidates.isEmpty {
            buffer.write(candidates.joined(separator: "  "), x: rect.x, y: rect.y + y, width: rect.width, style: .muted)
            y += 1
        }
        if let hint {
            buffer.write(hint, x: rect.x, y: rect.y + y, width: rect.width, style: .muted)
        }
    }
}

import Foundation
