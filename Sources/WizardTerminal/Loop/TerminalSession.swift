import CNcurses
import Foundation
import WizardCore

/// Runs a program full-screen on the real terminal and always gives the terminal back: on quit, on
/// a thrown error and on SIGINT/SIGTERM/SIGHUP (after which the process ends by the same signal).
public enum TerminalSession {
    /// Runs `program` until it quits, on the main thread. Throws if the terminal cannot be set up.
    /// After a signal the process ends by that signal, unless `reraisingSignals` is false: then the
    /// caller cleans up and calls `reraise(_:)` itself.
    @MainActor
    @discardableResult
    public static func run<Program: TerminalProgram>(
        _ program: Program, jobs: any JobRunner<Program.Job, Program.Reply>,
        files: any FileSystemAccess = LocalFileSystem(), glyphs: Glyphs? = nil, reraisingSignals: Bool = true
    ) throws -> ProgramLoop<Program>.Ending {
        let terminal = NcursesTerminal()
        defer { terminal.stop() }
        try terminal.start(glyphs: glyphs)
        let loop = ProgramLoop(program: program, terminal: terminal, clock: SystemClock(), files: files, jobs: jobs)
        let ending = loop.run()
        terminal.stop()
        if reraisingSignals, case .signal(let signal) = ending {
            // The terminal is restored; now end the way the signal asked.
            reraise(signal)
        }
        return ending
    }

    /// Ends the process by `signal` with its default action (after the terminal is restored).
    public static func reraise(_ signal: Int32) { cn_reraise(signal) }
}
