import WizardCore

/// Runs a `TerminalProgram` on the main thread: reads keys with a short timeout, drains results
/// of background work from a thread-safe mailbox, fires due timers, calls `update` for each, carries
/// out the effects, and draws once per iteration when something happened and the screen changed.
///
/// The same loop drives the ncurses terminal and the headless one; only the device and the clock differ.
public final class ProgramLoop<Program: TerminalProgram> {
    /// Why the loop ended.
    public enum Ending: Sendable, Hashable {
        /// The program returned `.quit`.
        case quit
        /// A signal arrived.
        case signal(Int32)
    }

    public private(set) var program: Program
    public let terminal: any TerminalDevice
    public let clock: any LoopClock
    private let files: any FileSystemAccess
    private let jobs: any JobRunner<Program.Job, Program.Reply>
    /// Where background work and file results arrive; safe to post to from any thread. Job replies
    /// are stamped with the loop's clock when they are delivered.
    public let mailbox = Mailbox<Mail<Program.Reply>>()
    private var timers: [(due: Moment, id: String, token: Token)] = []
    /// Jobs started and not yet answered, cancelled or timed out.
    private var running: [Token: RunningJob<Program.Job>] = [:]
    private var needsRender = true
    private var lastSize: Size?
    /// The last buffer drawn.
    public private(set) var screen: ScreenBuffer?
    public private(set) var ending: Ending?
    /// How long one read waits at most, so timers and mailbox stay responsive.
    public var pollIntervalMilliseconds = 50
    /// How many frames were drawn (for tests: rendering happens only on change).
    public private(set) var framesDrawn = 0

    public init(
        program: Program, terminal: any TerminalDevice, clock: any LoopClock, files: any FileSystemAccess,
        jobs: any JobRunner<Program.Job, Program.Reply>
    ) {
        self.program = program
        self.terminal = terminal
        self.clock = clock
        self.files = files
        self.jobs = jobs
    }

    /// Runs the program's start effects and draws the first frame.
    public func start() {
        lastSize = terminal.size
        perform(program.update(.resize(terminal.size)))
        perform(program.start(now: clock.now))
        needsRender = true
        renderIfNeeded()
    }

    /// Runs until the program quits or a signal arrives.
    @discardableResult
    public func run() -> Ending {
        start()
        while ending == nil { runOnce(waitMilliseconds: pollIntervalMilliseconds) }
        return ending!
    }

    /// One iteration: input (waiting at most until the next timer or `waitMilliseconds`), mailbox,
    /// due timers, render.
    public func runOnce(waitMilliseconds: Int) {
        var wait = waitMilliseconds
        if let next = nextDue {
            wait = max(0, min(wait, Int(next.milliseconds(since: clock.now))))
        }
        if !mailbox.isEmpty { wait = 0 }
        for input in terminal.readInput(timeoutMilliseconds: wait) {
            switch input {
            case .key(let key): dispatch(.key(key))
            case .resize(let size):
                lastSize = size
                dispatch(.resize(size))
            case .interrupted(let signal):
                ending = .signal(signal)
                cancelAllJobs()
                return
            }
            if ending != nil { break }
        }
        deliverMailbox()
        fireDueTimers()
        expireDeadlines()
        if terminal.size != lastSize {
            lastSize = terminal.size
            dispatch(.resize(terminal.size))
        }
        renderIfNeeded()
    }

    /// Whether anything is waiting: mail, or a timer or job deadline due now.
    public var hasWork: Bool {
        !mailbox.isEmpty || (nextDue.map { $0 <= clock.now } ?? false)
    }

    /// When the next timer or job deadline is due.
    public var nextTimerDue: Moment? { nextDue }

    private var nextDue: Moment? {
        (timers.map(\.due) + running.values.compactMap(\.deadline)).min()
    }

    /// The jobs started and not yet answered, cancelled or timed out, oldest first.
    public var runningJobs: [(token: Token, job: Program.Job)] {
        running.sorted { $0.key < $1.key }.map { ($0.key, $0.value.job) }
    }

    /// Whether a job is in flight.
    public var hasRunningJobs: Bool { !running.isEmpty }

    /// Feeds one event to the program directly (also used by tests).
    public func dispatch(_ event: Event<Program.Reply>) {
        guard ending == nil else { return }
        perform(program.update(event))
        needsRender = true
    }

    private func deliverMailbox() {
        for mail in mailbox.drain() where ending == nil {
            switch mail {
            case .event(let event): dispatch(event)
            case .reply(let token, let reply):
                // A cancelled or timed-out job's late reply is dropped.
                guard running.removeValue(forKey: token) != nil else { continue }
                dispatch(.jobFinished(token: token, reply: reply, now: clock.now))
            case .progress(let token, let reply):
                guard running[token] != nil else { continue }
                dispatch(.jobProgress(token: token, reply: reply, now: clock.now))
            }
        }
    }

    private func fireDueTimers() {
        while ending == nil {
            let now = clock.now
            guard
                let index = timers.indices.filter({ timers[$0].due <= now }).min(by: { timers[$0].due < timers[$1].due }
                )
            else { return }
            let timer = timers.remove(at: index)
            dispatch(.timer(id: timer.id, token: timer.token, now: now))
        }
    }

    /// Cancels the jobs whose deadline has passed and tells the program.
    private func expireDeadlines() {
        while ending == nil {
            let now = clock.now
            guard
                let (token, job) = running.filter({ $0.value.deadline.map { $0 <= now } ?? false })
                    .min(by: { $0.key < $1.key })
            else { return }
            running.removeValue(forKey: token)
            job.handle.cancel()
            dispatch(.jobTimedOut(token: token, afterMilliseconds: job.allowedMilliseconds ?? 0, now: now))
        }
    }

    /// Cancels every job still running (when the loop ends).
    private func cancelAllJobs() {
        for job in running.values { job.handle.cancel() }
        running.removeAll()
    }

    private func perform(_ effects: [Effect<Program.Job>]) {
        for effect in effects {
            switch effect {
            case .quit:
                ending = .quit
            case .startTimer(let id, let token, let after):
                timers.removeAll { $0.id == id }
                timers.append((clock.now.adding(milliseconds: after), id, token))
            case .listDirectory(let path, let token):
                mailbox.post(.event(.directoryListed(path: path, token: token, result: files.list(directory: path))))
            case .describeFile(let path, let token):
                mailbox.post(.event(.fileDescribed(path: path, token: token, description: files.describe(file: path))))
            case .saveFile(let path, let contents, let secret, let token):
                mailbox.post(
                    .event(
                        .fileSaved(
                            path: path, token: token,
                            result: files.save(contents, to: path, secret: secret))))
            case .run(let job, let token, let deadline):
                let mailbox = self.mailbox
                let handle = jobs.start(
                    job, progress: { reply in mailbox.post(.progress(token: token, reply)) },
                    deliver: { reply in mailbox.post(.reply(token: token, reply)) })
                running[token] = RunningJob(
                    job: job, handle: handle, deadline: deadline.map { clock.now.adding(milliseconds: $0) },
                    allowedMilliseconds: deadline)
            case .cancel(let token):
                running.removeValue(forKey: token)?.handle.cancel()
            }
            if ending != nil { cancelAllJobs() }
        }
    }

    private func renderIfNeeded() {
        guard needsRender, ending == nil else { return }
        needsRender = false
        var buffer = ScreenBuffer(size: terminal.size)
        program.render(into: &buffer, theme: terminal.theme)
        guard buffer != screen else { return }
        screen = buffer
        framesDrawn += 1
        terminal.draw(buffer)
    }
}

/// A job the loop started: what it is, how to stop it, and when it must have answered.
private struct RunningJob<Job> {
    var job: Job
    var handle: JobHandle
    var deadline: Moment?
    var allowedMilliseconds: Int64?
}

/// What arrives in the run loop's mailbox: a ready event, or a job's reply or progress to be
/// stamped with the loop's clock on delivery.
public enum Mail<Reply: Sendable>: Sendable {
    case event(Event<Reply>)
    case reply(token: Token, Reply)
    case progress(token: Token, Reply)
}
