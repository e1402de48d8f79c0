import Testing

@testable import ClusterSimulator

/// Async clean-up for tests: `defer` cannot `await`, and `defer { Task { ... } }` lets the process
/// exit before the clusters stop and their files are removed. A test in a suite marked
/// `.stopsResources` registers `TestCleanup.add { await pair.shutdown() }` right after starting
/// something; the trait awaits every registered action (last registered first) when the test ends,
/// whether it passed, failed or threw.
struct StopsResourcesTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> StopsResourcesTrait? {
        testCase == nil ? nil : self
    }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let cleanup = TestCleanup()
        do {
            try await TestCleanup.$current.withValue(cleanup) { try await function() }
        } catch {
            await cleanup.run()
            throw error
        }
        await cleanup.run()
    }
}

extension Trait where Self == StopsResourcesTrait {
    /// Stops what each test registered with `TestCleanup.add` before the test returns.
    static var stopsResources: StopsResourcesTrait { StopsResourcesTrait() }
}

/// The clean-up actions of the running test.
final class TestCleanup: Sendable {
    @TaskLocal static var current: TestCleanup?

    private let actions = LockedState<[@Sendable () async -> Void]>([])

    /// Registers `action` to run when the current test ends. Records an issue when the suite lacks
    /// the `.stopsResources` trait (the action would never run).
    static func add(
        sourceLocation: SourceLocation = #_sourceLocation, _ action: @escaping @Sendable () async -> Void
    ) {
        guard let current else {
            Issue.record("TestCleanup.add needs the .stopsResources trait on the suite", sourceLocation: sourceLocation)
            return
        }
        current.actions.withLock { $0.append(action) }
    }

    func run() async {
        let registered = actions.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for action in registered.reversed() { await action() }
    }
}
