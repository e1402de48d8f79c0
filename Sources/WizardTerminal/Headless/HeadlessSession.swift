import Foundation
import WizardCore

/// Drives a program on the headless terminal with a fake clock, the same run loop as the real
/// terminal: type, press keys, advance time, then look at the screen.
///
/// Every action settles the loop: queued input, mailbox and due timers are all processed before
/// it returns, so assertions see the final state of that step. With scripted jobs the test answers
/// each job; with a real runner (the engine against the simulator) `run(until:)` waits for replies
/// in real time and moves the fake clock on only while no job is in flight.
public final class HeadlessSession<Program: TerminalProgram> {
    public let terminal: HeadlessTerminal
    public let clock: ManualClock
    public let files: any FileSystemAccess
    /// The scripted runner, when the session was made with one.
    public let jobs: ScriptedJobs<Program.Job, Program.Reply>
    public let loop: ProgramLoop<Program>

    public init(
        program: Program, size: Size = Size(width: 80, height: 24), theme: Theme = .unicode,
        files: any FileSystemAccess = InMemoryFileSystem(),
        jobs: ScriptedJobs<Program.Job, Program.Reply> = ScriptedJobs()
    ) {
        self.terminal = HeadlessTerminal(size: size, theme: theme)
        self.clock = ManualClock()
        self.files = files
        self.jobs = jobs
        self.loop = ProgramLoop(program: program, terminal: terminal, clock: clock, files: files, jobs: jobs)
        loop.start()
    }

    /// A session whose jobs run on a real runner (for example the engine against the simulator).
    public init(
        program: Program, size: Size = Size(width: 80, height: 24), theme: Theme = .unicode,
        files: any FileSystemAccess = InMemoryFileSystem(), runner: any JobRunner<Program.Job, Program.Reply>
    ) {
        self.terminal = HeadlessTerminal(size: size, theme: theme)
        self.clock = ManualClock()
        self.files = files
        self.jobs = ScriptedJobs()
        self.loop = ProgramLoop(program: program, terminal: terminal, clock: clock, files: files, jobs: runner)
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

    /// What one round of waiting did.
    private enum Round {
        /// Replies are awaited: wait a little in real time.
        case awaitingReplies
        /// The fake clock moved to the next timer, or mail was delivered.
        case moved
        /// Nothing runs and nothing is scheduled: the condition can no longer change.
        case idle
    }

    /// Delivers what arrived, or moves the fake clock to the next timer when no job is in flight.
    private func round() -> Round {
        if loop.hasRunningJobs || !loop.mailbox.isEmpty {
            loop.runOnce(waitMilliseconds: 0)
            return loop.mailbox.isEmpty ? .awaitingReplies : .moved
        }
        guard let due = loop.nextTimerDue else { return .idle }
        clock.set(due)
        return .moved
    }

    /// Runs the loop until `condition` holds for the program, waiting for job replies in real time
    /// and, whenever no job is in flight, moving the fake clock to the next timer. Returns false
    /// when `timeoutSeconds` of real time pass first or the program ends.
    @discardableResult
    public func run(until condition: (HeadlessSession<Program>) -> Bool, timeoutSeconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        settle()
        while !condition(self) {
            guard loop.ending == nil, Date() < deadline else { return false }
            switch round() {
            case .awaitingReplies: Thread.sleep(forTimeInterval: 0.005)
            case .moved: break
            case .idle:
                settle()
                return condition(self)
            }
            settle()
        }
        return true
    }

    /// The same, waiting with `Task.sleep`, so an async test does not hold one of the few threads
    /// the jobs' tasks need.
    @discardableResult
    public func run(until condition: (HeadlessSession<Program>) -> Bool, timeoutSeconds: Double = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        settle()
        while !condition(self) {
            guard loop.ending == nil, Date() < deadline else { return false }
            switch round() {
            case .awaitingReplies: try? await Task.sleep(for: .milliseconds(5))
            case .moved: break
            case .idle:
                settle()
                return condition(self)
            }
            settle()
        }
        return true
    }
}
