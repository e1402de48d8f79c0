import Foundation
import Testing

/// A tmux server of its own (unique socket) with one pane running a plain bash, for driving the real
/// binary as a user would. `close()` kills that server and nothing else.
final class TmuxPane {
    let socket: String
    let session: String
    static let prompt = "e2e$ "

    init(width: Int = 100, height: Int = 30) throws {
        let id = UUID().uuidString.prefix(8).lowercased()
        socket = "rcw-e2e-\(id)"
        session = "demo-\(id)"
        // NO_COLOR is dropped: swift test sets it, and the panes should start like a user's terminal.
        let shell =
            "env -u NO_COLOR PS1='\(Self.prompt)' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color bash --norc --noprofile"
        do {
            try run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", shell])
            try run(["set-option", "-t", session, "window-size", "manual"])
        } catch {
            close()  // a half-started server must not outlive the test
            throw error
        }
        _ = waitFor("the shell prompt") { Self.promptIsBack($0) }
    }

    /// Runs a tmux command on this server and returns its output.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let (status, text) = try ChildProcess.run(["tmux", "-u", "-f", "/dev/null", "-L", socket] + arguments)
        if status != 0 {
            throw TmuxError(description: "tmux \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// Types a command line and presses Enter.
    func typeLine(_ line: String) throws {
        try run(["send-keys", "-t", session, "-l", line])
        try run(["send-keys", "-t", session, "Enter"])
    }

    /// Sends tmux key names (Enter, Down, Escape, C-c, ...).
    func keys(_ names: String...) throws {
        try run(["send-keys", "-t", session] + names)
    }

    /// Types text literally.
    func literal(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
    }

    /// Pastes text the way a terminal does, with bracketed paste when the program asked for it.
    func paste(_ text: String) throws {
        try run(["set-buffer", "-b", "e2e", text])
        try run(["paste-buffer", "-p", "-d", "-b", "e2e", "-t", session])
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen as text.
    func capture() -> String {
        (try? run(["capture-pane", "-p", "-t", session])) ?? ""
    }

    /// The process id of the shell in the pane.
    func shellPID() throws -> Int32 {
        Int32(
            try run(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(
                in: .whitespacesAndNewlines)) ?? -1
    }

    /// Polls the screen until `condition` holds or the deadline passes; records an issue with the
    /// last screen on timeout. Returns the screen that satisfied it. The deadline is generous for a
    /// loaded CI machine; a passing test never waits for it.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !condition(screen) {
            if Date() > deadline {
                Issue.record("Timed out waiting for \(what). Screen:\n\(screen)", sourceLocation: sourceLocation)
                return screen
            }
            Thread.sleep(forTimeInterval: 0.05)
            screen = capture()
        }
        return screen
    }

    /// The same, for async tests: waits with `Task.sleep`, so the test does not hold one of the
    /// threads that other tests' tasks need.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) async -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !condition(screen) {
            if Date() > deadline {
                Issue.record("Timed out waiting for \(what). Screen:\n\(screen)", sourceLocation: sourceLocation)
                return screen
            }
            try? await Task.sleep(for: .milliseconds(50))
            screen = capture()
        }
        return screen
    }

    /// Whether the last non-empty line is the shell prompt (the program has exited).
    static func promptIsBack(_ screen: String) -> Bool {
        let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.last == prompt.trimmingCharacters(in: .whitespaces)
    }

    func close() {
        _ = try? run(["kill-server"])
        unlink("/tmp/tmux-\(getuid())/\(socket)")
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
}

/// Where the built binary is: `.build/debug/remote-cluster-wizard` under the repository root, or next
/// to the test bundle.
enum WizardBinary {
    static var path: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            root.appendingPathComponent(".build/debug/remote-cluster-wizard").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("remote-cluster-wizard").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("remote-cluster-wizard").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var isTmuxInstalled: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }
}

/// Runs a program found on PATH with posix_spawn and waits for it with waitpid, with only standard
/// input, output and error open in it. (Foundation's Process learns of an exit when the child's end
/// of a socket closes, so it waits forever for a tmux client whose server lives on.)
enum ChildProcess {
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module hides behind `_GNU_SOURCE`.
    private static let closeFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np")
        else { fatalError("this glibc has no posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later is needed)") }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString).out")
            .path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // The output goes to a file, not a pipe: a tmux server started by new-session inherits the
        // descriptor and would keep a pipe open.
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else is inherited. A tmux server lives on after new-session, and a descriptor it
        // inherited stays open as long as it does: among them the socket by which Foundation's
        // Process learns that a child another test started has ended, whose wait then never ends.
        _ = closeFrom(&actions, 3)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // Test threads block most signals and a spawned process inherits that mask; the tmux server and
        // the demo under it must receive SIGTERM and SIGINT, so start with nothing blocked and
        // default actions.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard spawned == 0 else {
            throw TmuxError(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitCode, output)
    }
}
