import WizardCore

/// Drives a program on the headless terminal with a fake clock, the same run loop as the real
/// terminal: type, press keys, advance time, then look at the screen.
///
/// Every action settles the loop: queued input, mailbox and due timers are all processed before
/// it returns, so assertions see the final state of that step.
public final class HeadlessSession<Program: TerminalProgram> {
    public let terminal: HeadlessTerminal
    public let clock: ManualClock
    public let files: InMemoryFileSystem
    public let jobs: ScriptedJobs<Program.Job, Program.Reply>
    public let loop: ProgramLoop<Program>

    public init(
        program: Program, size: Size = Size(width: 80, height: 24), theme: Theme = .unicode,
        files: InMemoryFileSystem = InMemoryFileSystem(),
        jobs: ScriptedJobs<Program.Job, Program.Reply> = ScriptedJobs()
    ) {
        self.terminal = HeadlessTerminal(size: size, theme: theme)
        self.clock = ManualClock()
        self.files = files
        self.jobs = jobs
        self.loop = ProgramLoop(program: program, terminal: terminal, clock: clock, files: files, jobs: jobs)
        loop.start()
    }

    public var program: Program { loop.program }
    /// The last screen drawn.
    public var screen: ScreenBuffer { loop.screen ?? ScreenBuffer(size: terminal.size) }
    /// The screen as text rows.
    public var text: String { screen.text }
    public var ended: ProgramLoop<Program>.Ending? { loop.ending }

    /// Presses keys one after another.
    public func press(_ keys: Key...) { press(keys) }

    public func press(_ keys: [Key]) {
        terminal.enqueue(keys.map(TerminalInput.key))
        settle()
    }

    /// Types text, one character key at a time.
    public func type(_ text: String) { press(text.map(Key.character)) }

    /// Pastes text (as a terminal with bracketed paste would).
    public func paste(_ text: String) { press(.paste(text)) }

    /// Moves the fake clock forward, firing each timer at its due time in order.
    public func advance(milliseconds: Int64) {
        let target = clock.now.adding(milliseconds: milliseconds)
        while let due = loop.nextTimerDue, due <= target {
            clock.set(due)
            settle()
        }
        clock.set(target)
        settle()
    }

    /// Changes the terminal size.
    public func resize(to size: Size) {
        terminal.size = size
        terminal.enqueue([.resize(size)])
        settle()
    }

    /// Sends a signal as the real terminal would report it.
    public func interrupt(signal: Int32) {
        terminal.enqueue([.interrupted(signal: signal)])
        settle()
    }

    /// Answers the oldest pending background job.
    public func answerJob(with reply: Program.Reply) {
        jobs.answerOldest(with: reply)
        settle()
    }

    /// Runs the loop until nothing is left to do right now.
    public func settle() {
        var rounds = 0
        repeat {
            loop.runOnce(waitMilliseconds: 0)
            rounds += 1
        } while loop.ending == nil && (terminal.hasInput || loop.hasWork) && rounds < 10_000
    }
}
