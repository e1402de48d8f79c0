import CPseudoTerminal
import Foundation

/// How a child process ended: its exit code, CPU time and peak resident memory (from `wait4`).
public struct ChildUsage: Sendable, Hashable {
    public var exitCode: Int32
    /// User plus system CPU time, in seconds.
    public var cpuSeconds: Double
    /// Peak resident set size, in megabytes (10^6 bytes).
    public var peakMegabytes: Double
}

/// A failure to start or follow a child process.
public struct ChildProcessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Starting processes without a shell, and waiting for them with their resource usage.
public enum ChildProcess {
    /// Starts `arguments[0]` (an absolute path) with stdin from /dev/null and output discarded,
    /// and waits for it.
    public static func run(_ arguments: [String], environment: [String: String]) throws -> ChildUsage {
        let pid = try withCStrings(arguments, environment: environment) { argv, envp in
            var pid: pid_t = 0
            let result = pt_spawn_plain(arguments[0], argv, envp, -1, &pid)
            guard result == 0 else {
                throw ChildProcessError("cannot start \(arguments[0]): \(String(cString: strerror(result)))")
            }
            return pid
        }
        return try wait(for: pid)
    }

    /// Waits for `pid` to end and returns its usage.
    public static func wait(for pid: pid_t) throws -> ChildUsage {
        var status: Int32 = 0
        var user: Int64 = 0
        var system: Int64 = 0
        var peak = 0
        let result = pt_wait(pid, &status, &user, &system, &peak)
        guard result == 0 else { throw ChildProcessError("wait4: \(String(cString: strerror(result)))") }
        return ChildUsage(
            exitCode: pt_exit_code(status), cpuSeconds: Double(user + system) / 1_000_000,
            peakMegabytes: Double(peak) * 1024 / 1_000_000)
    }

    /// Calls `body` with NULL-terminated C arrays of the arguments and of `KEY=value` pairs.
    static func withCStrings<Result>(
        _ arguments: [String], environment: [String: String],
        _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>, UnsafePointer<UnsafeMutablePointer<CChar>?>) throws
            -> Result
    ) throws -> Result {
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        return try body(argv, envp)
    }
}
