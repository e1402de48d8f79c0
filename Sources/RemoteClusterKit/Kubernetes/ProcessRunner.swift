import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a finished (or stopped) process produced.
public struct ProcessResult: Sendable, Hashable {
    /// The exit status; for a process ended by a signal, 128 + the signal number.
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
    /// Whether the process was stopped because it ran past its time limit.
    public var timedOut: Bool

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Why a process could not be started.
public struct ProcessLaunchError: Error, Sendable, Hashable, CustomStringConvertible {
    public var executable: String
    public var reason: String
    public var description: String { "cannot start \(executable): \(reason)" }
}

/// Runs a program with an argument vector (never through a shell), feeds it stdin, captures
/// stdout and stderr, and stops it when it runs past a time limit.
public enum ProcessRunner {
    /// The executable for `name`: `name` itself when it contains a `/`, else the first match on
    /// `searchPath` (PATH-style, `:`-separated). nil when there is none.
    public static func findExecutable(_ name: String, searchPath: String?) -> URL? {
        let files = FileManager.default
        if name.contains("/") { return files.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
        for folder in (searchPath ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if files.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
                files.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        return nil
    }

    /// Runs `executable` with `arguments`, writes `stdin` (then closes it), and waits at most
    /// `timeoutSeconds`. A process that runs longer is sent SIGTERM, then SIGKILL.
    public static func run(
        _ executable: URL, arguments: [String], stdin: Data? = nil, timeoutSeconds: Double,
        environment: [String: String]? = nil
    ) async throws(ProcessLaunchError) -> ProcessResult {
        let outcome: Result<ProcessResult, ProcessLaunchError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    returning: runBlocking(
                        executable, arguments: arguments, stdin: stdin,
                        timeoutSeconds: timeoutSeconds, environment: environment))
            }
            thread.start()
        }
        return try outcome.get()
    }

    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    private static func runBlocking(
        _ executable: URL, arguments: [String], stdin: Data?, timeoutSeconds: Double,
        environment: [String: String]?
    ) -> Result<ProcessResult, ProcessLaunchError> {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let input = Pipe()
        let output = OutputCollector()
        let errors = OutputCollector()
        process.standardInput = input
        process.standardOutput = output.pipe
        process.standardError = errors.pipe
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return .failure(ProcessLaunchError(executable: executable.path, reason: error.localizedDescription))
        }
        output.start()
        errors.start()
        let writer = input.fileHandleForWriting
        let bytes = stdin ?? Data()
        Thread {
            if !bytes.isEmpty { try? writer.write(contentsOf: bytes) }
            try? writer.close()
        }.start()

        var timedOut = false
        if exited.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        // Output ends when the process closes its pipes; a child it left behind may keep them
        // open, so stop waiting after a short grace period.
        let grace: Double = timedOut ? 1 : 10
        let stdoutData = output.finish(waitingAtMost: grace)
        let stderrData = errors.finish(waitingAtMost: grace)
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return .success(ProcessResult(status: status, stdout: stdoutData, stderr: stderrData, timedOut: timedOut))
    }
}

/// Collects everything a process writes to one pipe, on a thread of its own that reads until
/// end of file.
private final class OutputCollector: @unchecked Sendable {
    let pipe = Pipe()
    private let lock = NSLock()
    private var data = Data()
    private let closed = DispatchSemaphore(value: 0)

    func start() {
        let descriptor = pipe.fileHandleForReading.fileDescriptor
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    lock.lock()
                    data.append(contentsOf: buffer[0..<count])
                    lock.unlock()
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            closed.signal()
        }.start()
    }

    /// What was read, once the pipe is closed or `seconds` have passed.
    func finish(waitingAtMost seconds: Double) -> Data {
        _ = closed.wait(timeout: .now() + seconds)
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
