/// Finds when a program has finished drawing a frame on its terminal: the arrival of the last byte
/// of a burst of output, a burst being over once the terminal stays quiet for a while.
///
/// A terminal program writes a frame in one go (ncurses flushes one refresh in a few writes) and
/// then waits for input, so the end of a burst is the moment the frame is on the screen. The quiet
/// period that closes a burst is not counted.
public struct FrameWatch: Sendable {
    /// Silence that ends a burst.
    public var quiet: Duration
    /// Text that must have been drawn (since the watch began) before a burst counts as the frame.
    public var marker: [UInt8]?
    /// Output so far, kept only until the marker is found.
    private var drawn: [UInt8] = []
    private var lastByte: ContinuousClock.Instant?
    /// Whether the marker has been drawn (or none is asked for).
    public private(set) var hasSeenMarker: Bool

    public init(quiet: Duration, marker: String? = nil) {
        self.quiet = quiet
        self.marker = marker.map { Array($0.utf8) }
        hasSeenMarker = marker == nil
    }

    /// Records output that arrived at `time`.
    public mutating func received(_ bytes: [UInt8], at time: ContinuousClock.Instant) {
        guard !bytes.isEmpty else { return }
        lastByte = time
        guard !hasSeenMarker, let marker else { return }
        // Search only where the marker can start: the new bytes and the tail it could straddle.
        let searchFrom = max(0, drawn.count - marker.count + 1)
        drawn += bytes
        hasSeenMarker = drawn[searchFrom...].firstRange(of: marker) != nil
        if hasSeenMarker { drawn = [] }
    }

    /// When the frame was complete, if by `now` the terminal has been quiet long enough after the marker.
    public func frameEnd(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        guard let lastByte, hasSeenMarker, now - lastByte >= quiet else { return nil }
        return lastByte
    }

    /// Until when to wait for more output before asking `frameEnd` again.
    public func nextCheck(deadline: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard let lastByte, hasSeenMarker else { return deadline }
        return min(lastByte + quiet, deadline)
    }
}

extension PseudoTerminalProcess {
    /// Reads until a frame (containing `marker`, when given) is complete; returns when its last
    /// byte arrived. Throws when the program ends or nothing complete arrives before `deadline`.
    public func awaitFrame(
        marker: String? = nil, quiet: Duration = .milliseconds(20), deadline: ContinuousClock.Instant
    ) throws -> ContinuousClock.Instant {
        var watch = FrameWatch(quiet: quiet, marker: marker)
        while true {
            guard let bytes = read(until: watch.nextCheck(deadline: deadline)) else {
                throw ChildProcessError("the program ended before drawing \(marker.map { "\"\($0)\"" } ?? "a frame")")
            }
            let now = ContinuousClock.now
            watch.received(bytes, at: now)
            if let end = watch.frameEnd(now: now) { return end }
            if now >= deadline {
                throw ChildProcessError(
                    "no complete frame \(marker.map { "with \"\($0)\" " } ?? "")before the deadline")
            }
        }
    }

    /// Reads and discards output until the terminal has been quiet for `quiet`.
    public func settle(quiet: Duration = .milliseconds(100), deadline: ContinuousClock.Instant) throws {
        while true {
            let wait = min(ContinuousClock.now + quiet, deadline)
            guard let bytes = read(until: wait) else { throw ChildProcessError("the program ended") }
            if bytes.isEmpty { return }
            if ContinuousClock.now >= deadline { throw ChildProcessError("the screen never settled") }
        }
    }
}
