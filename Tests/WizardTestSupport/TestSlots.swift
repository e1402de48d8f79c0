import Foundation

/// Lets a fixed number of heavy test runs (each with its own simulated clusters, or its own demo
/// process) go at once, so that parallel tests do not slow each other past their deadlines on a
/// small machine. Waiting holds no thread.
public actor TestSlots {
    /// One slot per core.
    public static let perCore = TestSlots(count: max(1, ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(count: Int) { free = count }

    /// Waits for a free slot and takes it.
    public func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives the slot back (to the longest waiting run, if any).
    public func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
