import Foundation

/// What every whole-process figure needs: the binary under test, how many runs, the tools.
public struct BenchmarkContext: Sendable {
    /// Absolute path of the shipped binary (`make release`).
    public var binary: String
    /// Runs per figure (the issue asks for medians of at least 11).
    public var runs: Int
    /// Seconds the idle-CPU figure watches the live screen.
    public var idleSeconds: Int
    public var hyperfine: Hyperfine?

    public init(binary: String, runs: Int, idleSeconds: Int) {
        self.binary = binary
        self.runs = runs
        self.idleSeconds = idleSeconds
        hyperfine = Hyperfine(runs: runs)
    }

    /// The environment every measured process gets: the same few variables each run, a UTF-8
    /// locale and a colour terminal, so that nothing inherited from the caller changes a figure.
    public var environment: [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        return [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": inherited["HOME"] ?? "/tmp",
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        ]
    }
}
