import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place files are written with a chosen mode: a file is created with its mode from the
/// start (a secret is never readable by others, not even briefly), and an existing file gets the
/// mode fixed before it is overwritten.
public enum SecureFileWriter {
    /// Why a file could not be written.
    public struct WriteError: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes `text` to `path` with `mode` (e.g. `0o600`).
    public static func write(_ text: String, to path: String, mode: Int) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode_t(mode))
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode_t(mode)) == 0 else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
            offset += written
        }
    }

    /// Opens `path` for appending (created with `mode` when missing, the mode fixed when not).
    public static func openForAppending(_ path: String, mode: Int) throws(WriteError) -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, mode_t(mode))
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        guard fchmod(descriptor, mode_t(mode)) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw WriteError(path: path, reason: reason)
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, buffer, count)
        #else
            Darwin.write(descriptor, buffer, count)
        #endif
    }
}
