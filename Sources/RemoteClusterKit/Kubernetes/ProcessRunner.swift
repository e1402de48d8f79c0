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
    /// `timeoutSeconds`. A process that runs longer is sent SIGTERM, then SIGKILL two seconds
    /// later. The process starts with a clean signal state and no inherited descriptors (see
    /// `ChildProcess`).
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
        let child: ChildProcess
        do {
            child = try ChildProcess.start(executable.path, arguments: arguments, environment: environment)
        } catch {
            return .failure(error)
        }
        let output = OutputCollector(reading: child.output)
        let errors = OutputCollector(reading: child.errors)
        let bytes = stdin ?? Data()
        Thread { writeAll(bytes, to: child.input) }.start()

        let exit = ExitWatcher(pid: child.pid)
        var timedOut = false
        if !exit.ended(within: timeoutSeconds) {
            timedOut = true
            kill(child.pid, SIGTERM)
            if !exit.ended(within: 2) { kill(child.pid, SIGKILL) }
        }
        let status = exit.status()
        // Output ends when the process closes its pipes; a child it left behind may keep them
        // open, so stop waiting after a short grace period.
        let grace: Double = timedOut ? 1 : 10
        let stdoutData = output.finish(waitingAtMost: grace)
        let stderrData = errors.finish(waitingAtMost: grace)
        return .success(ProcessResult(status: status, stdout: stdoutData, stderr: stderrData, timedOut: timedOut))
    }

    /// Writes `bytes` to `descriptor`, then closes it; stops early when the reader is gone.
    private static func writeAll(_ bytes: Data, to descriptor: Int32) {
        defer { close(descriptor) }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count > 0 {
                    offset += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}

/// Reaps a child on a thread of its own, so its end can be waited for with a time limit.
private final class ExitWatcher: @unchecked Sendable {
    private let exited = DispatchSemaphore(value: 0)
    private var reaped = false
    /// Set by the reaping thread before it signals `exited`; read only once `reaped`.
    private var exitStatus: Int32 = -1

    init(pid: pid_t) {
        Thread { [self] in
            exitStatus = ChildProcess.waitForExit(of: pid)
            exited.signal()
        }.start()
    }

    /// Whether the child ended within `seconds`.
    func ended(within seconds: Double) -> Bool {
        if !reaped { reaped = exited.wait(timeout: .now() + seconds) == .success }
        return reaped
    }

    /// Returns once the child has ended, with the status it ended with (see
    /// `ChildProcess.waitForExit`).
    func status() -> Int32 {
        if !reaped {
            exited.wait()
            reaped = true
        }
        return exitStatus
    }
}

/// Collects everything a process writes to one pipe, on a thread of its own that reads until
/// end of file and then closes the pipe.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let closed = DispatchSemaphore(value: 0)

    init(reading descriptor: Int32) {
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
            close(descriptor)
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
