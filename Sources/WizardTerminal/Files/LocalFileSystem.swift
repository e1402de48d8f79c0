import Foundation
import RemoteClusterKit
import WizardCore

/// The real file system. `~` at the start of a path means the home directory.
public struct LocalFileSystem: FileSystemAccess {
    /// Describes a file's contents for the hint under a path field; the default recognises PEM
    /// certificates and keys, JSON and YAML. The executable may pass a richer one (certificate names
    /// and expiry from the engine).
    private let describer: @Sendable (String, Data) -> String

    public init(describer: @escaping @Sendable (String, Data) -> String = { _, data in FileDescription.describe(data) })
    {
        self.describer = describer
    }

    public static func expand(_ path: String) -> String {
        if path == "~" || path.hasPrefix("~/") {
            return FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst(1)
        }
        return path
    }

    public func list(directory: String) -> Result<[DirectoryEntry], FileAccessError> {
        let path = Self.expand(directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(FileAccessError("No directory \(directory)"))
        }
        guard isDirectory.boolValue else { return .failure(FileAccessError("\(directory) is a file, not a directory")) }
        do {
            let names = try FileManager.default.contentsOfDirectory(atPath: path)
            return .success(
                names.map { name in
                    var isDirectory: ObjCBool = false
                    let full = (path as NSString).appendingPathComponent(name)
                    FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
                    return DirectoryEntry(name: name, isDirectory: isDirectory.boolValue)
                })
        } catch {
            return .failure(FileAccessError("Cannot list \(directory): \(Self.reason(error))"))
        }
    }

    public func describe(file: String) -> String {
        let path = Self.expand(file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "No such file: \(file)"
        }
        if isDirectory.boolValue { return "\(file) is a directory; choose a file in it." }
        guard let handle = FileHandle(forReadingAtPath: path) else { return "Cannot read \(file): permission denied" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 256 * 1024)) ?? Data()
        return describer(path, data)
    }

    /// Writes atomically: into a temporary file beside the target (with the final mode from the
    /// start), flushed to disk, then renamed over the target, so a reader (or a run killed
    /// half-way) sees the old file or the new one, never a part.
    public func save(_ contents: String, to path: String, secret: Bool) -> Result<Void, FileAccessError> {
        let target = Self.expand(path)
        let mode: mode_t = secret ? 0o600 : 0o644
        // The folder is made when missing (e.g. the manifests folder), readable only by the user.
        let folder = (target as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let temporary = "\(target).partial-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, mode)
        guard fd >= 0 else { return .failure(Self.saveError(errno, path: path)) }
        var closed = false
        defer {
            if !closed { close(fd) }
            unlink(temporary)
        }
        // The umask may have narrowed the mode; set it exactly.
        fchmod(fd, mode)
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 { return .failure(FileAccessError(String(cString: strerror(errno)))) }
            written += n
        }
        guard fsync(fd) == 0 else { return .failure(FileAccessError(String(cString: strerror(errno)))) }
        close(fd)
        closed = true
        guard rename(temporary, target) == 0 else { return .failure(Self.saveError(errno, path: path)) }
        return .success(())
    }

    /// Makes a directory (and its parents) readable only by the user, for state files.
    public func makePrivateDirectory(_ path: String) -> Result<Void, FileAccessError> {
        do {
            try FileManager.default.createDirectory(
                atPath: Self.expand(path), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return .success(())
        } catch {
            return .failure(FileAccessError("Cannot create \(path): \(Self.reason(error))"))
        }
    }

    /// Reads a text file; nil when it does not exist or cannot be read.
    public func read(_ path: String) -> String? {
        try? String(contentsOfFile: Self.expand(path), encoding: .utf8)
    }

    /// Why a file could not be created, with what to do about it.
    static func saveError(_ code: Int32, path: String) -> FileAccessError {
        let directory = (path as NSString).deletingLastPathComponent
        switch code {
        case ENOENT:
            return FileAccessError(
                "the directory \(directory.isEmpty ? "." : directory) does not exist. Create it or choose another path")
        case EACCES, EPERM:
            return FileAccessError("permission denied. Choose a path you can write to, such as your home directory")
        case EISDIR:
            return FileAccessError("that is a directory. Add a file name")
        default:
            return FileAccessError(String(cString: strerror(code)))
        }
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// A one-line description of what file contents look like: for certificates the subject, whether
/// it is a CA and when it expires (read with the engine's `CertificateInspector`), otherwise the
/// kind of text and why it is not a certificate.
public enum FileDescription {
    public static func describe(_ data: Data, now: Date = Date()) -> String {
        guard !data.isEmpty else { return "Empty file" }
        guard let text = String(data: data, encoding: .utf8) else {
            return "Binary file (\(data.count) bytes), not PEM text"
        }
        do {
            let certificates = try CertificateInspector.inspect(pem: text)
            guard let first = certificates.first else { return "No certificate in it" }
            let summary = describe(first, now: now)
            return certificates.count == 1 ? summary : "\(certificates.count) certificates; first: \(summary)"
        } catch .notPEM {
            let trimmed = text.trimmingWhitespaceAndNewlines()
            if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
                return "JSON text (\(data.count) bytes), not a certificate"
            }
            if trimmed.hasPrefix("apiVersion:") || trimmed.hasPrefix("---") || trimmed.contains(":\n") {
                return "YAML text (\(data.count) bytes), not a certificate"
            }
            return "Text (\(data.count) bytes), no PEM certificate in it"
        } catch {
            return "Not usable: \(error.description)"
        }
    }

    /// `CN=logs-transport-ca · CA · expires 2027-03-02 (in 93 days)`.
    static func describe(_ certificate: CertificateSummary, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let days = Int((certificate.notValidAfter.timeIntervalSince(now) / 86_400).rounded(.down))
        let expiry: String
        if certificate.notValidAfter < now {
            let ago = Int(now.timeIntervalSince(certificate.notValidAfter) / 86_400)
            expiry =
                "expired \(formatter.string(from: certificate.notValidAfter)) (\(ago) day\(ago == 1 ? "" : "s") ago)"
        } else if certificate.notValidBefore > now {
            expiry = "not valid before \(formatter.string(from: certificate.notValidBefore))"
        } else {
            expiry =
                "expires \(formatter.string(from: certificate.notValidAfter)) (in \(days) day\(days == 1 ? "" : "s"))"
        }
        return [certificate.subject, certificate.isCA ? "CA" : "not a CA", expiry].joined(separator: " · ")
    }
}
