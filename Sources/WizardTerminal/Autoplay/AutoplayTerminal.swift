import Synchronization
import WizardCore

/// Plays autoplay on a terminal. It wraps the terminal the run loop reads (ncurses, or the headless
/// one in tests) and, between the person's keys, hands the loop the pilot's next key as terminal
/// input: the wizard gets it through the very path a key from the keyboard takes.
///
/// Any key from the person hands control over at once: that key only takes over (Ctrl-C also
/// reaches the wizard, which asks whether to quit), the script stops, and the frame's bottom line
/// says "you have control". When the script is over it leaves the screen as it is and waits for
/// that key. The bottom line shows the state throughout (`AutoplayBadge`).
public final class AutoplayTerminal: TerminalDevice {
    /// Carries out what autoplay does on the remote's side (the demo's simulated remote).
    public typealias RemoteSide = @Sendable (AutoplayRemoteAction) async -> Void

    private let inner: any TerminalDevice
    private let clock: any LoopClock
    private var pilot: AutoplayPilot
    private let remoteSide: RemoteSide
    /// Milliseconds after a step; typing goes at a sixteenth of it.
    public let paceMilliseconds: Int64
    /// How the pilot looks at the wizard: the run loop's current program (nil until the loop exists).
    private let wizard: () -> SetupWizard?
    /// What the bottom line says; nil once the hand-over notice is gone.
    public private(set) var badge: AutoplayBadge? = .playing
    private var nextMove: Moment
    private var noticeEnds: Moment?
    private let remoteActionRunning = RunningFlag()
    private var lastDrawn: ScreenBuffer?

    /// How soon the pilot looks again while it waits for the wizard.
    static let lookAgainMilliseconds: Int64 = 20
    /// How long "you have control" stays.
    static let noticeMilliseconds: Int64 = 3000

    public init(
        wrapping inner: any TerminalDevice, clock: any LoopClock, wizard: @escaping () -> SetupWizard?,
        pilot: AutoplayPilot, paceMilliseconds: Int64, remoteSide: @escaping RemoteSide
    ) {
        self.inner = inner
        self.wizard = wizard
        self.pilot = pilot
        self.paceMilliseconds = max(0, paceMilliseconds)
        self.clock = clock
        self.remoteSide = remoteSide
        nextMove = clock.now
    }

    public var size: Size { inner.size }
    public var theme: Theme { inner.theme }

    /// Whether the script still has the keyboard.
    public var isPlaying: Bool { badge == .playing }

    public func readInput(timeoutMilliseconds: Int) -> [TerminalInput] {
        guard isPlaying else { return readAfterPlaying(timeoutMilliseconds) }
        let untilMove = max(0, nextMove.milliseconds(since: clock.now))
        var inputs = inner.readInput(timeoutMilliseconds: Int(min(Int64(max(0, timeoutMilliseconds)), untilMove)))
        if takeOver(&inputs) { return inputs }
        guard clock.now >= nextMove, !remoteActionRunning.isSet, let wizard = wizard() else {
            return inputs
        }
        switch pilot.next(wizard) {
        case .press(let key, let pace):
            inputs.append(.key(key))
            wait(pace == .step ? paceMilliseconds : paceMilliseconds / 16)
        case .wait:
            wait(Self.lookAgainMilliseconds)
        case .pause(let paces):
            wait(paceMilliseconds * Int64(paces))
        case .remote(let action):
            runOnRemoteSide(action)
            wait(Self.lookAgainMilliseconds)
        case .finish(let end):
            show(.ended(end))
        }
        return inputs
    }

    /// After the script: the first key takes over (when the script ended by itself), the notice
    /// goes after a while.
    private func readAfterPlaying(_ timeoutMilliseconds: Int) -> [TerminalInput] {
        var inputs = inner.readInput(timeoutMilliseconds: timeoutMilliseconds)
        if case .ended? = badge, takeOver(&inputs) { return inputs }
        if let noticeEnds, clock.now >= noticeEnds {
            self.noticeEnds = nil
            show(nil)
        }
        return inputs
    }

    /// When the person pressed a key: hands over (the key itself only takes over, except Ctrl-C).
    private func takeOver(_ inputs: inout [TerminalInput]) -> Bool {
        guard let position = inputs.firstIndex(where: { if case .key = $0 { return true } else { return false } })
        else { return false }
        if inputs[position] != .key(.control("c")) { inputs.remove(at: position) }
        noticeEnds = clock.now.adding(milliseconds: Self.noticeMilliseconds)
        show(.handedOver)
        return true
    }

    private func wait(_ milliseconds: Int64) { nextMove = clock.now.adding(milliseconds: milliseconds) }

    private func runOnRemoteSide(_ action: AutoplayRemoteAction) {
        let running = remoteActionRunning
        running.set(true)
        let remoteSide = self.remoteSide
        Task.detached {
            await remoteSide(action)
            running.set(false)
        }
    }

    // MARK: Drawing

    public func draw(_ buffer: ScreenBuffer) {
        lastDrawn = buffer
        inner.draw(decorated(buffer))
    }

    private func decorated(_ buffer: ScreenBuffer) -> ScreenBuffer {
        guard let badge else { return buffer }
        var copy = buffer
        badge.render(into: &copy, theme: inner.theme)
        return copy
    }

    /// Changes the badge and redraws the last screen with it (the loop draws only when the wizard changed).
    private func show(_ badge: AutoplayBadge?) {
        guard badge != self.badge else { return }
        self.badge = badge
        if let lastDrawn { inner.draw(decorated(lastDrawn)) }
    }
}

/// A flag set on the main thread and cleared by a background task.
private final class RunningFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set(_ on: Bool) { value.withLock { $0 = on } }
}
