import CPseudoTerminal
import Foundation

/// A child process whose standard streams and controlling terminal are a new pseudo-terminal of a
/// given size; the benchmark holds the other side, types keys into it and reads what is drawn.
public final class PseudoTerminalProcess {
    public let pid: pid_t
    private let master: Int32
    private var ended: ChildUsage?

    /// Starts `arguments[0]` (an absolute path) on a `columns` x `rows` terminal.
    public init(_ arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
        var name = [CChar](repeating: 0, count: 128)
        let master = pt_open(UInt16(rows), UInt16(columns), &name, UInt(name.count))
        guard master >= 0 else {
            throw ChildProcessError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        self.master = master
        let terminalName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do {
            pid = try ChildProcess.withCStrings(arguments, environment: environment) { argv, envp in
                var pid: pid_t = 0
                let result = pt_spawn(arguments[0], argv, envp, terminalName, master, &pid)
                guard result == 0 else {
                    throw ChildProcessError("cannot start \(arguments[0]): \(String(cString: strerror(result)))")
                }
                return pid
            }
        } catch {
            close(master)
            throw error
        }
    }

    deinit {
        if ended == nil {
            kill(pid, SIGKILL)
            _ = try? ChildProcess.wait(for: pid)
        }
        close(master)
    }

    /// Types `bytes` into the terminal.
    public func type(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                throw ChildProcessError("write to the terminal: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Reads what the program has drawn, waiting at most until `deadline`; empty when nothing
    /// arrived in time, nil when the program closed the terminal.
    public func read(until deadline: ContinuousClock.Instant) -> [UInt8]? {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        while true {
            let remaining = deadline - .now
            let milliseconds = max(0, Int32(remaining / .milliseconds(1)))
            let ready = poll(&descriptor, 1, remaining <= .zero ? 0 : max(1, milliseconds))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return [] }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            // EIO: every process holding the terminal side has closed it.
            guard count > 0 else { return nil }
            return Array(buffer[0..<count])
        }
    }

    /// Sends `signal` and waits for the program to end (SIGKILL after 5 s).
    @discardableResult
    public func stop(with signal: Int32 = SIGTERM) throws -> ChildUsage {
        if let ended { return ended }
        kill(pid, signal)
        // Drain until the program has closed the terminal, so that one writing its last frame
        // is not blocked on a full terminal.
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline, read(until: deadline) != nil {}
        if ContinuousClock.now >= deadline { kill(pid, SIGKILL) }
        let usage = try ChildProcess.wait(for: pid)
        ended = usage
        return usage
    }

    /// Seconds of CPU (user + system, all threads) the running program has used so far.
    public func cpuSecondsSoFar() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3; utime and stime are 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The program's peak resident memory so far (VmHWM), in megabytes.
    public func peakMegabytesSoFar() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ")[1])
        else { return nil }
        return kilobytes * 1024 / 1_000_000
    }
}
