import CNcurses
import Foundation
import Synchronization

/// Whether the full-screen terminal is taken, and its settings from before: what a fatal exit on
/// another thread needs to give it back (`TerminalSession.restoreBeforeFatalExit`). Kept here,
/// behind a lock, because the exit can come from any thread while the run loop draws.
enum TakenTerminal {
    private enum State {
        case notTaken
        /// Taken; `settings` are the terminal's from before (nil when they could not be read).
        case taken(settings: termios?)
    }

    private static let state = Mutex(State.notTaken)

    /// The terminal's settings now, before the program changes them.
    static func currentSettings() -> termios? {
        var settings = termios()
        return tcgetattr(STDIN_FILENO, &settings) == 0 ? settings : nil
    }

    /// The program has taken the terminal, which had `settings` before.
    static func taken(restoring settings: termios?) { state.withLock { $0 = .taken(settings: settings) } }

    /// The program gave the terminal back itself.
    static func givenBack() { state.withLock { $0 = .notTaken } }

    /// Gives the terminal back for a process about to end, once; nothing when it is not taken.
    static func giveBackForExit() {
        let before = state.withLock { current in
            defer { current = .notTaken }
            return current
        }
        guard case .taken(let settings) = before else { return }
        if var settings {
            cn_give_terminal_back_for_exit(&settings)
        } else {
            cn_give_terminal_back_for_exit(nil)
        }
    }
}
