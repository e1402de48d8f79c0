import ArgumentParser

/// `--plain` and `--ascii`, for the commands that run the wizard's interface.
struct InterfaceOptions: ParsableArguments {
    @Flag(help: "Use line prompts instead of the full-screen interface.")
    var plain = false

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    /// `-v` writes to standard error, which the full-screen interface covers: it goes with
    /// `--plain`; `--log-file` works with both.
    func refuseVerboseOnFullScreen(_ trace: TraceOptions) throws {
        guard trace.verbose, !plain else { return }
        throw ValidationError(
            "-v needs --plain: the full-screen interface covers standard error. Add --plain, or use --log-file FILE.")
    }
}
