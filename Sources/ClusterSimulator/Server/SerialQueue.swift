/// Runs async operations one after another, in the order they were submitted, so that starting
/// and stopping listeners from several places (faults, a simulated restart) never interleave.
actor SerialQueue {
    private var last: Task<Void, Never>?

    /// Runs `operation` after every operation submitted before it; returns its result.
    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = last
        let task = Task<Result<T, any Error>, Never> {
            await previous?.value
            do {
                return .success(try await operation())
            } catch {
                return .failure(error)
            }
        }
        last = Task { _ = await task.value }
        return try await task.value.get()
    }
}
