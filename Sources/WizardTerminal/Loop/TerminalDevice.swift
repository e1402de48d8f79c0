import WizardCore

/// Something that came from the terminal.
public enum TerminalInput: Sendable, Hashable {
    case key(Key)
    case resize(Size)
    /// SIGINT, SIGTERM or SIGHUP arrived; the loop ends and the terminal is restored.
    case interrupted(signal: Int32)
}

/// A screen the run loop draws on and reads keys from: the ncurses terminal or the headless one.
/// Used from the main thread only.
public protocol TerminalDevice: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Colours and glyphs this terminal supports.
    var theme: Theme { get }
    /// Waits at most `timeoutMilliseconds` for input and returns what arrived (possibly nothing).
    func readInput(timeoutMilliseconds: Int) -> [TerminalInput]
    /// Shows the buffer.
    func draw(_ buffer: ScreenBuffer)
}

/// The run loop's source of time.
public protocol LoopClock: AnyObject {
    var now: Moment { get }
}

/// Monotonic time since the clock was made.
public final class SystemClock: LoopClock {
    private let start = ContinuousClock.now
    public init() {}
    public var now: Moment {
        let elapsed = ContinuousClock.now - start
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        return Moment(milliseconds: ms)
    }
}

/// A clock that moves only when a test says so.
public final class ManualClock: LoopClock {
    public private(set) var now: Moment
    public init(now: Moment = .zero) { self.now = now }
    public func advance(milliseconds: Int64) { now = now.adding(milliseconds: milliseconds) }
    public func set(_ moment: Moment) { now = max(now, moment) }
}
