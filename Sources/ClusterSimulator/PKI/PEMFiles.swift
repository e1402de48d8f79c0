import Foundation

/// Paths of the PEM files written for one certificate.
public struct PEMFilePaths: Sendable, Hashable {
    /// The leaf (or CA) certificate alone.
    public var certificate: String
    /// The private key, mode 0600.
    public var privateKey: String
    /// The leaf followed by its issuing CA.
    public var chain: String
    /// The issuing CA's certificate.
    public var ca: String
}

/// Writes PEM text to disk; key material is created with mode 0600 and never world-readable.
enum PEMWriter {
    /// Errors are reported with the path and the reason.
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "could not write \(path): \(reason)" }
    }

    static func write(_ text: String, to path: String, secret: Bool) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            try? manager.removeItem(atPath: path)
        }
        let attributes: [FileAttributeKey: Any] = [.posixPermissions: secret ? 0o600 : 0o644]
        guard manager.createFile(atPath: path, contents: Data(text.utf8), attributes: attributes) else {
            throw WriteError(path: path, reason: "the file could not be created")
        }
        // createFile applies the umask; set the mode explicitly so a key is always 0600.
        try manager.setAttributes([.posixPermissions: secret ? 0o600 : 0o644], ofItemAtPath: path)
    }

    static func ensureDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
