import CProcessSpawn
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program started with `posix_spawn`, and the parent's ends of its standard input, output and
/// error pipes.
///
/// The child starts in the state a shell would give it, whatever this process is in: no signal
/// blocked (the thread that spawns is often a Swift concurrency or Dispatch worker, which blocks
/// nearly all of them, and a child inherits its spawning thread's mask), every signal at its
/// default action (this process ignores SIGPIPE), and no open descriptor but its three pipes.
struct ChildProcess {
    let pid: pid_t
    /// Where the child's standard input is written.
    let input: Int32
    /// Where its standard output and standard error are read.
    let output: Int32
    let errors: Int32

    /// Starts `executable` with `arguments` (argv[0] is the executable's path) and `environment`
    /// (this process's own when nil).
    static func start(
        _ executable: String, arguments: [String], environment: [String: String]?
    ) throws(ProcessLaunchError) -> ChildProcess {
        func failure(_ reason: String) -> ProcessLaunchError {
            ProcessLaunchError(executable: executable, reason: reason)
        }
        let words = [executable] + arguments
        let variables = environment.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
        if words.contains(where: { $0.utf8.contains(0) }) || variables?.contains(where: { $0.utf8.contains(0) }) == true {
            throw failure("an argument or environment value contains a NUL character")
        }

        var pipes: [(read: Int32, write: Int32)] = []
        defer {
            for descriptor in pipes.flatMap({ [$0.read, $0.write] }) where descriptor >= 0 { close(descriptor) }
        }
        for _ in 0..<3 {
            var ends: [Int32] = [-1, -1]
            guard cps_pipe(&ends) == 0 else { throw failure("no pipe: \(String(cString: strerror(errno)))") }
            pipes.append((read: ends[0], write: ends[1]))
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes[0].read, 0)
        posix_spawn_file_actions_adddup2(&actions, pipes[1].write, 1)
        posix_spawn_file_actions_adddup2(&actions, pipes[2].write, 2)
        // glibc before 2.34 cannot; the pipes are close-on-exec anyway, other descriptors of
        // this process mostly are too.
        _ = cps_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = words.map { strdup($0) } + [nil]
        let envp = variables.map { $0.map { strdup($0) } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code =
            if let envp {
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            } else {
                posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
            }
        guard code == 0 else { throw failure(String(cString: strerror(code))) }

        let child = ChildProcess(pid: pid, input: pipes[0].write, output: pipes[1].read, errors: pipes[2].read)
        // The parent keeps its own ends; the deferred clean-up closes the child's.
        pipes = [
            (read: pipes[0].read, write: -1), (read: -1, write: pipes[1].write), (read: -1, write: pipes[2].write),
        ]
        return child
    }

    /// Waits until the child ends, then gives its exit status, or 128 + the signal that ended it
    /// (the shell's convention); -1 when it could not be waited for.
    static func waitForExit(of pid: pid_t) -> Int32 {
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }
}
