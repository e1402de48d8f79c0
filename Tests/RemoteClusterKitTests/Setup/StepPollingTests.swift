import Foundation
import RemoteClusterKit
import Testing

/// Waiting through the injected clock: the connection step polls on virtual time, gives up at the
/// deadline with a diagnosis, and stops when its task is cancelled.
@Suite struct StepPollingTests {
    /// A clock that never waits: `sleep` only advances its time and records the duration.
    final class VirtualClock: SetupClock, @unchecked Sendable {
        private let lock = NSLock()
        private var elapsed: Duration = .zero
        private var recorded: [Duration] = []

        func now() -> Duration { lock.withLock { elapsed } }

        func sleep(for duration: Duration) async throws {
            try Task.checkCancellation()
            lock.withLock {
                elapsed += duration
                recorded.append(duration)
            }
            await Task.yield()
        }

        var sleeps: [Duration] { lock.withLock { recorded } }
    }

    /// A clock whose sleep waits on real time until the task is cancelled.
    struct BlockingClock: SetupClock {
        func now() -> Duration { .zero }
        func sleep(for duration: Duration) async throws { try await Task.sleep(for: .seconds(3600)) }
    }

    /// Answers `_resolve/cluster` with the next scripted state and `_remote/info` to match; counts searches.
    final class ScriptedLocalCluster: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var states: [Bool]
        private(set) var searches = 0
        private(set) var requests: [String] = []

        init(connectedAfter checks: Int?) {
            states = checks.map { Array(repeating: false, count: $0) + [true] } ?? []
        }

        func send(_ request: HTTPRequest, to endpoint: ClusterEndpoint) async throws(TransportError) -> HTTPResponse {
            let connected: Bool = lock.withLock {
                requests.append("\(request.method.rawValue) \(request.path)")
                if request.path.hasSuffix("/_search") { searches += 1 }
                guard request.path.hasPrefix("/_resolve/cluster") else { return states.first ?? false }
                return states.count > 1 ? states.removeFirst() : (states.first ?? false)
            }
            let body: JSONValue
            switch request.path {
            case let path where path.hasPrefix("/_resolve/cluster"):
                body = ["eu": ["connected": .bool(connected), "skip_unavailable": true]]
            case "/_remote/info":
                body = [
                    "eu": [
                        "connected": .bool(connected), "mode": "proxy", "proxy_address": "lb:9443",
                        "num_proxy_sockets_connected": .int(connected ? 18 : 0), "max_proxy_socket_connections": 18,
                        "cluster_credentials": "::es_redacted::",
                    ]
                ]
            default:
                body = ["_clusters": ["details": ["eu": ["status": "skipped", "failures": []]]]]
            }
            return HTTPResponse(status: 200, body: Data(body.jsonString().utf8))
        }
    }

    struct UnusedProber: TLSProbing {
        func probe(_ request: TLSProbeRequest) async -> TLSProbeResult {
            TLSProbeResult(request: request, connection: .failed(detail: "not used"))
        }
    }

    static func services(_ transport: any HTTPTransport, clock: any SetupClock) -> SetupServices {
        SetupServices(
            transport: transport, prober: UnusedProber(),
            kubernetes: KubectlClient(executable: "/nonexistent/kubectl", searchPath: nil),
            clock: clock, poll: PollPolicy(interval: .seconds(2), maximumInterval: .seconds(8), deadline: .seconds(30)))
    }

    static let context = SetupContext(
        local: LocalClusterTarget(
            eck: ECKClusterReference(name: "central", namespace: "search", context: "local"),
            endpoint: ClusterEndpoint(baseURL: "https://local.test:9200")),
        remotes: [RemoteTarget(setup: RemoteSetup(alias: "eu", type: .ech, proxyAddress: "lb:9443"))])

    @Test func pollsOnTheInjectedClockUntilConnected() async {
        let clock = VirtualClock()
        let cluster = ScriptedLocalCluster(connectedAfter: 3)
        let result = await ConnectionStep(alias: "eu").run(
            in: Self.context, services: Self.services(cluster, clock: clock), events: .ignore)
        guard case .passed(let text) = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        #expect(text.contains("eu is connected (18 of 18 connections"))
        #expect(clock.sleeps == [.seconds(2), .seconds(2), .seconds(2)])
        #expect(clock.now() == .seconds(6), "only virtual time passed")
        #expect(result.context.outputs(for: "eu").connection?.isConnectedWithCredentials == true)
    }

    @Test func givesUpAtTheDeadlineWithADiagnosis() async {
        let clock = VirtualClock()
        let cluster = ScriptedLocalCluster(connectedAfter: nil)
        let result = await ConnectionStep(alias: "eu").run(
            in: Self.context, services: Self.services(cluster, clock: clock), events: .ignore)
        guard case .failed(let diagnosis) = result.outcome else {
            Issue.record("\(result.outcome)")
            return
        }
        #expect(diagnosis.cause == .stillConnecting)
        #expect(clock.now() == .seconds(30))
        #expect(clock.sleeps.reduce(.zero, +) == .seconds(30))
        #expect(cluster.searches == 1, "one search for the connection's error at the end")
        #expect(result.context.outputs(for: "eu").diagnosis == diagnosis)
    }

    @Test func cancellingTheTaskEndsTheWait() async {
        let cluster = ScriptedLocalCluster(connectedAfter: nil)
        let services = Self.services(cluster, clock: BlockingClock())
        let events = EventRecorder()
        let task = Task {
            await ConnectionStep(alias: "eu").run(in: Self.context, services: services, events: events.sink)
        }
        while !events.kinds.contains(where: { if case .progress = $0 { return true } else { return false } }) {
            await Task.yield()
        }
        task.cancel()
        let result = await task.value
        #expect(result.outcome == .cancelled)
        #expect(events.kinds.last == .finished(.cancelled))
    }

    @Test func theWaitGrowsAfterFailures() {
        let policy = PollPolicy(interval: .seconds(1), maximumInterval: .seconds(8), deadline: .seconds(60))
        #expect(
            (0...5).map(policy.wait(afterFailures:)) == [
                .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8),
            ])
    }

    /// Collects the events a step sends.
    final class EventRecorder: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [SetupEvent.Kind] = []
        var kinds: [SetupEvent.Kind] { lock.withLock { recorded } }
        var sink: SetupEventSink { SetupEventSink { event in self.lock.withLock { self.recorded.append(event.kind) } } }
    }
}
