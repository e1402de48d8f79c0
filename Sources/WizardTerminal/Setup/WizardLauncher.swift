import Foundation
import RemoteClusterKit
import WizardCore

/// Starts the wizard full-screen on the terminal, or as line prompts when asked for, when the
/// terminal cannot do full screen (`TERM=dumb`) or when stdin or stdout is not a terminal.
public enum WizardLauncher {
    /// How a run ended.
    public enum Ending: Sendable, Hashable {
        case quit
        case endOfInput
        /// A signal ended the run; the caller cleans up, then `TerminalSession.reraise(_:)`.
        case signal(Int32)
    }

    /// Whether plain mode is used: asked for, or no terminal able to show the full screen.
    public static func usesPlainMode(requested: Bool) -> Bool { requested || !NcursesTerminal.isUsable }

    /// Runs the wizard to the end on the main thread. `autoplay` plays it by itself on the full
    /// screen (plain mode has no autoplay: check `usesPlainMode` first).
    @MainActor
    public static func run(
        _ configuration: WizardConfiguration, jobs: AsyncJobRunner<WizardJob, WizardReply>, plain: Bool,
        glyphs: Glyphs, files: LocalFileSystem = LocalFileSystem(), autoplay: AutoplayOptions? = nil
    ) throws -> Ending {
        var configuration = configuration
        configuration.glyphs = glyphs
        let wizard = SetupWizard(configuration)
        if usesPlainMode(requested: plain) {
            let io = PlainIO.standard(glyphs: glyphs)
            let session = PlainSession(program: wizard, io: io, files: files, jobs: jobs)
            switch session.run() {
            case .finished: return .quit
            case .endOfInput:
                let saved = configuration.statePath.map { " in \($0)" } ?? ""
                io.write(
                    "\nInput ended; your answers are saved\(saved) (never passwords or keys). Run again to resume.\n")
                return .endOfInput
            case .interrupted: return .signal(SIGINT)
            }
        }
        let wrap = autoplay.map { options -> TerminalSession.DeviceWrapper<SetupWizard> in
            { terminal, clock, program in options.terminal(wrapping: terminal, clock: clock, wizard: program) }
        }
        switch try TerminalSession.run(
            wizard, jobs: jobs, files: files, glyphs: glyphs, reraisingSignals: false, wrap: wrap)
        {
        case .quit: return .quit
        case .signal(let signal): return .signal(signal)
        }
    }
}
