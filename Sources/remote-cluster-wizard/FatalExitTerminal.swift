import CurlTransport
import WizardTerminal

/// The full-screen commands (the wizard, demo) load libcurl only with their first request, after
/// the terminal is taken: if it cannot be loaded, the terminal is given back before the message
/// and exit status 127.
enum FatalExitTerminal {
    static func install() {
        LibcurlLoading.beforeExitingOnFailure { TerminalSession.restoreBeforeFatalExit() }
    }
}
