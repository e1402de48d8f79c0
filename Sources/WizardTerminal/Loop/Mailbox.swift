import Synchronization

/// A thread-safe queue that background work posts results into and the run loop drains.
public final class Mailbox<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    public init() {}

    /// Adds an item; callable from any thread.
    public func post(_ item: Element) {
        items.withLock { $0.append(item) }
    }

    /// Takes every item posted so far, oldest first.
    public func drain() -> [Element] {
        items.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }

    public var isEmpty: Bool { items.withLock { $0.isEmpty } }
}
