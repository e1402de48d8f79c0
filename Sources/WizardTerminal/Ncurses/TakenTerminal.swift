import CNcurses
import Foundation
import Synchronization

/// Whether the full-screen terminal is taken, and its settings from before: what a fatal exit on
/// another thread needs to give it back (`TerminalSession.restoreBeforeFatalExit`). Kept here,
/// behind a lock, because the exit can come from any thread while the run loop draws.
enum TakenTerminal {
    /// The settings to restore while the terminal is taken (nil inside when they could not be
    /// read); nil while it is not.
    private static let shellSettings = Mutex<termios??>(nil)

    /// The terminal's settings now, before the program changes them.
    static func currentSettings() -> termios? {
        var settings = termios()
        return tcgetattr(STDIN_FILENO, &settings) == 0 ? settings : nil
    }

    /// The program has taken the terminal, which had `settings` before.
    static func taken(restoring settings: termios?) { shellSettings.withLock { $0 = .some(settings) } }

    /// The program gave the terminal back itself.
    static func givenBack() { shellSettings.withLock { $0 = nil } }

    /// Gives the terminal back for a process about to end, once; nothing when it is not taken.
    static func giveBackForExit() {
        guard case .some(let settings) = shellSettings.withLock({ state in defer { state = nil }; return state })
        else { return }
        if var settings {
            cn_give_terminal_back_for_exit(&settings)
        } else {
            cn_give_terminal_back_for_exit(nil)
        }
    }
}
