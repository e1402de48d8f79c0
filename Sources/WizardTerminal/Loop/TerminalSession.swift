import CNcurses
import Foundation
import WizardCore

/// Runs a program full-screen on the real terminal and always gives the terminal back: on quit, on
/// a thrown error and on SIGINT/SIGTERM/SIGHUP (after which the process ends by the same signal).
public enum TerminalSession {
    /// Puts a device between the terminal and the run loop (autoplay does, to add its keys), given
    /// the terminal, the loop's clock and a way to look at the loop's current program.
    public typealias DeviceWrapper<Program> = (
        _ terminal: any TerminalDevice, _ clock: any LoopClock, _ program: @escaping () -> Program?
    ) -> any TerminalDevice

    /// Runs `program` until it quits, on the main thread. Throws if the terminal cannot be set up.
    /// After a signal the process ends by that signal, unless `reraisingSignals` is false: then the
    /// caller cleans up and calls `reraise(_:)` itself. `wrap` puts a device between the terminal
    /// and the loop.
    @MainActor
    @discardableResult
    public static func run<Program: TerminalProgram>(
        _ program: Program, jobs: any JobRunner<Program.Job, Program.Reply>,
        files: any FileSystemAccess = LocalFileSystem(), glyphs: Glyphs? = nil, reraisingSignals: Bool = true,
        wrap: DeviceWrapper<Program>? = nil
    ) throws -> ProgramLoop<Program>.Ending {
        let terminal = NcursesTerminal()
        defer { terminal.stop() }
        try terminal.start(glyphs: glyphs)
        let clock = SystemClock()
        weak var running: ProgramLoop<Program>?
        let device = wrap?(terminal, clock, { running?.program }) ?? terminal
        let loop = ProgramLoop(program: program, terminal: device, clock: clock, files: files, jobs: jobs)
        running = loop
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

    /// Gives the terminal back at once, from any thread, for a process about to end without
    /// returning to its run loop (libcurl missing when the first request loads it). The run loop
    /// may be drawing on the main thread meanwhile: its output goes nowhere from then on. Harmless
    /// when the terminal was never taken or was already given back.
    public nonisolated static func restoreBeforeFatalExit() { TakenTerminal.giveBackForExit() }
}
