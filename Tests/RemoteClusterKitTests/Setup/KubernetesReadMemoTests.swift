import Foundation
import Synchronization
import Testing

@testable import RemoteClusterKit

/// The run's memo of Kubernetes reads: one read per object however many remotes ask, concurrent
/// askers share it, a failed read is tried again, and `forget` makes the next reader see the change.
@Suite struct KubernetesReadMemoTests {
    let location = KubernetesLocation(context: "c", namespace: "ns")

    /// Counts reads; the first `failures` reads fail.
    final class Reads: Sendable {
        let count = Mutex(0)
        let failures: Int
        init(failures: Int = 0) { self.failures = failures }

        func read() async throws(KubernetesError) -> JSONValue {
            let number = count.withLock { count -> Int in
                count += 1
                return count
            }
            try? await Task.sleep(for: .milliseconds(20))
            if number <= failures { throw .timedOut(operation: "get", seconds: 1) }
            return ["read": .int(number)]
        }
    }

    @Test func concurrentReadersShareOneRead() async throws {
        let memo = KubernetesReadMemo()
        let reads = Reads()
        let location = self.location
        let objects = try await withThrowingTaskGroup(of: JSONValue.self) { group in
            for _ in 0..<8 {
                group.addTask { try await memo.object(kind: "secret", name: "ca", in: location, read: reads.read) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reads.count.withLock { $0 } == 1)
        #expect(Set(objects) == [["read": 1]])
        // Another object is read on its own.
        _ = try await memo.object(kind: "secret", name: "other", in: location, read: reads.read)
        #expect(reads.count.withLock { $0 } == 2)
    }

    @Test func aFailedReadIsNotKept() async throws {
        let memo = KubernetesReadMemo()
        let reads = Reads(failures: 1)
        await #expect(throws: KubernetesError.self) {
            try await memo.object(kind: "elasticsearch", name: "es", in: location, read: reads.read)
        }
        let object = try await memo.object(kind: "elasticsearch", name: "es", in: location, read: reads.read)
        #expect(object == ["read": 2])
    }

    @Test func forgetMakesTheNextReaderAskAgain() async throws {
        let memo = KubernetesReadMemo()
        let reads = Reads()
        _ = try await memo.object(kind: "elasticsearch", name: "es", in: location, read: reads.read)
        memo.forget(kind: "elasticsearch", name: "es", in: location)
        let object = try await memo.object(kind: "elasticsearch", name: "es", in: location, read: reads.read)
        #expect(object == ["read": 2])
    }
}
