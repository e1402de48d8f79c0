import Testing

@testable import ClusterSimulator

@Suite("SerialQueue")
struct SerialQueueTests {
    actor Log {
        var entries: [String] = []
        func add(_ entry: String) { entries.append(entry) }
    }

    @Test("operations run one at a time in submission order, and errors reach their caller")
    func ordering() async throws {
        let queue = SerialQueue()
        let log = Log()
        let first = Task {
            try await queue.run {
                await log.add("first start")
                try await Task.sleep(for: .milliseconds(100))
                await log.add("first end")
            }
        }
        // Submitted only once the first operation has started.
        while await log.entries.isEmpty { await Task.yield() }
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await queue.run { () async throws -> Void in
                await log.add("second")
                throw Failure()
            }
        }
        try await first.value
        #expect(await log.entries == ["first start", "first end", "second"])
        #expect(try await queue.run { 42 } == 42)
    }
}
