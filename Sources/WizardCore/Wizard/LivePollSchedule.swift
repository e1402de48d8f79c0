/// When a live view asks for fresh data: at most one request in flight, a timer whose token drops
/// stale ticks, no polling while a change is being applied, "refresh now", and exponential
/// back-off after failures.
///
/// The policy is a value in the screen's state; its methods return the effects to run.
public struct LivePollSchedule: Sendable, Hashable {
    /// The timer id the policy's ticks arrive under.
    public let timerID: String
    public var intervalMilliseconds: Int64
    public var maximumBackoffMilliseconds: Int64
    /// The request in flight, if any.
    public private(set) var inFlight: Token?
    /// The timer the policy waits for; ticks with another token are stale.
    public private(set) var pendingTimer: Token?
    public private(set) var isPaused = false
    /// Failures in a row since the last success.
    public private(set) var consecutiveFailures = 0
    /// A refresh was asked for while a request was in flight; it runs when that one answers.
    public private(set) var refreshQueued = false

    public init(timerID: String, intervalMilliseconds: Int64, maximumBackoffMilliseconds: Int64 = 30_000) {
        self.timerID = timerID
        self.intervalMilliseconds = intervalMilliseconds
        self.maximumBackoffMilliseconds = maximumBackoffMilliseconds
    }

    /// What the policy wants done.
    public enum Action: Sendable, Hashable {
        /// Send the request now, under this token.
        case fetch(Token)
        /// Start the timer.
        case schedule(token: Token, afterMilliseconds: Int64)
    }

    /// The delay before the next request: the interval, doubled per failure, capped.
    public var currentDelay: Int64 {
        var delay = intervalMilliseconds
        for _ in 0..<min(consecutiveFailures, 16) where delay < maximumBackoffMilliseconds { delay *= 2 }
        return min(delay, max(intervalMilliseconds, maximumBackoffMilliseconds))
    }

    /// Starts polling: fetch at once.
    public mutating func start(tokens: inout TokenSource) -> [Action] {
        fetchNow(tokens: &tokens)
    }

    /// A timer fired. Stale ticks, ticks while paused and ticks while a request is in flight do nothing.
    public mutating func timerFired(token: Token, tokens: inout TokenSource) -> [Action] {
        guard token == pendingTimer else { return [] }
        pendingTimer = nil
        guard !isPaused, inFlight == nil else { return [] }
        return fetchNow(tokens: &tokens)
    }

    /// A request answered. Answers to anything but the request in flight are stale and ignored
    /// (returns false then); otherwise the next timer is scheduled.
    public mutating func completed(token: Token, success: Bool, tokens: inout TokenSource) -> (accepted: Bool, [Action])
    {
        guard token == inFlight else { return (false, []) }
        inFlight = nil
        consecutiveFailures = success ? 0 : consecutiveFailures + 1
        guard !isPaused else { return (true, []) }
        if refreshQueued {
            refreshQueued = false
            return (true, fetchNow(tokens: &tokens))
        }
        return (true, schedule(tokens: &tokens))
    }

    /// Refresh now: fetch at once unless a request is in flight (then right after it answers).
    public mutating func refreshNow(tokens: inout TokenSource) -> [Action] {
        guard !isPaused else { return [] }
        guard inFlight == nil else {
            refreshQueued = true
            return []
        }
        consecutiveFailures = 0
        return fetchNow(tokens: &tokens)
    }

    /// Stops polling while a change is applied; the pending timer becomes stale.
    public mutating func pause() {
        isPaused = true
        pendingTimer = nil
        refreshQueued = false
    }

    /// Resumes after `pause`, fetching at once.
    public mutating func resume(tokens: inout TokenSource) -> [Action] {
        guard isPaused else { return [] }
        isPaused = false
        guard inFlight == nil else { return [] }
        return fetchNow(tokens: &tokens)
    }

    private mutating func fetchNow(tokens: inout TokenSource) -> [Action] {
        pendingTimer = nil
        let token = tokens.next()
        inFlight = token
        return [.fetch(token)]
    }

    private mutating func schedule(tokens: inout TokenSource) -> [Action] {
        let token = tokens.next()
        pendingTimer = token
        return [.schedule(token: token, afterMilliseconds: currentDelay)]
    }
}
