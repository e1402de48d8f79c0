import Foundation

/// Runs a command-line tool (curl, openssl) and collects its output, without blocking a thread.
struct ProcessResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum ProcessRunner {
    /// Output goes to temporary files, read after the process ends, so no thread ever blocks on a
    /// pipe (blocking Dispatch workers would starve the Swift concurrency pool the servers run on).
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) async throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let base = NSTemporaryDirectory() + "proc-" + UUID().uuidString
        FileManager.default.createFile(atPath: base + ".out", contents: nil)
        FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
                if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
                try? input.fileHandleForWriting.close()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        return ProcessResult(status: status, stdout: stdout, stderr: stderr)
    }

    /// `curl -sS` with a 20-second limit.
    static func curl(_ arguments: [String]) async throws -> ProcessResult {
        try await run("/usr/bin/curl", ["-sS", "--max-time", "20"] + arguments)
    }
}

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory: Sendable {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "sim-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
