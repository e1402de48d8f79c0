import Foundation

/// Monotonic time and waiting, injectable so that tests do not wait on real time.
public protocol SetupClock: Sendable {
    /// Time since an arbitrary fixed point; only differences matter.
    func now() -> Duration
    /// Waits `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock (`ContinuousClock`).
public struct SystemSetupClock: SetupClock {
    private let start = ContinuousClock.now
    public init() {}
    public func now() -> Duration { ContinuousClock.now - start }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

/// How a step polls a condition: how often, how the interval grows after errors, and for how long.
public struct PollPolicy: Sendable, Hashable {
    /// The wait between two checks while the answer is "not yet".
    public var interval: Duration
    /// After a failed check the wait doubles up to this.
    public var maximumInterval: Duration
    /// How long a step waits in total before it gives up (`--wait`).
    public var deadline: Duration
    /// After a change that does not bump the resource's generation (a Secret ECK watches), how
    /// long to wait for ECK to start the rollout before taking Ready as final.
    public var rolloutStartGrace: Duration

    public init(
        interval: Duration = .seconds(1), maximumInterval: Duration = .seconds(8), deadline: Duration = .seconds(300),
        rolloutStartGrace: Duration = .seconds(20)
    ) {
        self.interval = interval
        self.maximumInterval = maximumInterval
        self.deadline = deadline
        self.rolloutStartGrace = rolloutStartGrace
    }

    /// The wait after `failures` failed checks in a row (0: the normal interval).
    public func wait(afterFailures failures: Int) -> Duration {
        var wait = interval
        for _ in 0..<min(failures, 16) where wait < maximumInterval { wait = min(wait * 2, maximumInterval) }
        return wait
    }
}

/// What steps run over: the HTTP transport, the TLS prober, the Kubernetes client, the clock and
/// the poll policy. Nothing else reaches the network.
public struct SetupServices: Sendable {
    public var transport: any HTTPTransport
    public var prober: any TLSProbing
    public var kubernetes: any KubernetesClient
    public var clock: any SetupClock
    public var poll: PollPolicy
    /// The time used to judge key expiry and certificate validity.
    public var currentDate: @Sendable () -> Date
    /// Objects already read in this part of a run (`SetupRun` sets it while steps only read); nil:
    /// every read asks Kubernetes.
    public var readMemo: KubernetesReadMemo?

    public init(
        transport: any HTTPTransport, prober: any TLSProbing, kubernetes: any KubernetesClient,
        clock: any SetupClock = SystemSetupClock(), poll: PollPolicy = PollPolicy(),
        currentDate: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.transport = transport
        self.prober = prober
        self.kubernetes = kubernetes
        self.clock = clock
        self.poll = poll
        self.currentDate = currentDate
    }
}
