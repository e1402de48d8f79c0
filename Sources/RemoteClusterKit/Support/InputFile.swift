import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file the operator named (a plan, a `--local-resource` file, a password or key file)
/// as UTF-8 text, with one sentence for every way that can fail.
///
/// Pipes and devices work as well as regular files (`--password-file <(pass show es)`,
/// `/dev/stdin`): the file is read to its end, never sized with `stat` first. At most
/// `maximumBytes` are read, so a device that never ends cannot fill the memory.
public enum InputFile {
    /// The text of the file at `path`. `field` names the option or YAML path in problems;
    /// `what` says what the file should hold ("the plan", "the password").
    public static func text(
        at path: String, field: String, what: String, maximumBytes: Int
    ) throws(FieldProblem) -> String {
        let data = try bytes(at: path, field: field, what: what, maximumBytes: maximumBytes)
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(data) ?? 0
            throw FieldProblem(
                field: field,
                problem: "\(TextExcerpt.quoted(path)) is not UTF-8 text (byte \(offset) is not valid UTF-8)",
                fix: "Save \(what) as UTF-8, e.g. iconv -f LATIN1 -t UTF-8 \(path) > fixed.yaml.")
        }
        return text
    }

    /// The bytes of the file at `path`, read to the end (at most `maximumBytes`).
    public static func bytes(
        at path: String, field: String, what: String, maximumBytes: Int
    ) throws(FieldProblem) -> [UInt8] {
        let shown = TextExcerpt.quoted(path)
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = errno
            if reason == ENOENT || reason == ENOTDIR {
                let relative =
                    path.hasPrefix("/")
                    ? "" : "; a relative path starts in \(FileManager.default.currentDirectoryPath)"
                throw FieldProblem(
                    field: field, problem: "there is no file at \(shown)", fix: "Check the path\(relative).")
            }
            throw FieldProblem(
                field: field, problem: "\(shown) cannot be read (\(String(cString: strerror(reason))))",
                fix: "Check the path and the file's permissions.")
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw FieldProblem(
                field: field, problem: "\(shown) is a folder, not a file",
                fix: "Give the file with \(what) inside it, e.g. \(path.hasSuffix("/") ? path : path + "/")NAME.")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FieldProblem(
                field: field, problem: "\(shown) cannot be read (\(String(cString: strerror(errno))))",
                fix: "Check the file's permissions, e.g. ls -l \(path).")
        }
        defer { close(descriptor) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FieldProblem(
                    field: field, problem: "\(shown) cannot be read (\(String(cString: strerror(errno))))",
                    fix: "Check that it is a readable file.")
            }
            if count == 0 { return data }
            data += chunk[..<count]
            if data.count > maximumBytes {
                throw FieldProblem(
                    field: field,
                    problem: "\(shown) is larger than \(ByteCountText.describe(maximumBytes)), too large for \(what)",
                    fix: "Give the file that holds only \(what).")
            }
        }
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil when all are.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// Byte counts as an operator reads them: `64 KiB`, `16 MiB`.
public enum ByteCountText {
    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
