/// Waits for an ECK `Elasticsearch` resource to finish a rollout, reporting its phase as it changes.
enum RolloutWait {
    /// Polls the resource until it is Ready and has observed its current generation.
    ///
    /// With `mustLeaveReady` (a change that does not bump the generation, such as a Secret in
    /// `spec.secureSettings`), it first waits up to `PollPolicy.rolloutStartGrace` for ECK to
    /// leave Ready, so that a rollout not started yet is not taken for a finished one.
    static func untilReady(
        name: String, in location: KubernetesLocation, mustLeaveReady: Bool, services: SetupServices,
        execution: StepExecution
    ) async throws {
        let lastPhase = PhaseReporter(execution: execution, name: name)
        let look = { () async throws -> Bool in
            let resource = try await read(name, in: location, kubernetes: services.kubernetes)
            lastPhase.report(resource)
            return KubectlClient.isReady(resource)
        }
        if mustLeaveReady {
            _ = try await Polling.until(services, deadline: services.poll.rolloutStartGrace) {
                try await look() ? nil : true
            }
        }
        let ready = try await Polling.until(services) { try await look() ? true : nil }
        guard ready != nil else {
            throw StepStop.failed(
                Diagnosis(
                    cause: .stillConnecting,
                    summary:
                        "Elasticsearch \(name) (\(location)) did not finish its rollout within \(services.poll.deadline)\(lastPhase.lastSeen.map { " (last seen: \($0))" } ?? "").",
                    fix:
                        "Check the pods with kubectl --context \(location.context) --namespace \(location.namespace) get pods, and the resource's events; then run again."
                ))
        }
    }

    /// The resource; a failure that waiting cannot cure (no such context, object or kubectl) stops
    /// the step at once, others (a timeout, a refused command) are retried by the poll.
    static func read(_ name: String, in location: KubernetesLocation, kubernetes: any KubernetesClient) async throws
        -> JSONValue
    {
        do { return try await kubernetes.get(kind: "elasticsearch", name: name, in: location) } catch {
            switch error {
            case .kubectlNotFound, .unknownContext, .notFound:
                throw StepStop.failed(StepFailures.diagnosis(for: error, doing: "Reading Elasticsearch \(name)"))
            default:
                throw error
            }
        }
    }

    /// Sends a progress line when the resource's phase or health changes.
    final class PhaseReporter: @unchecked Sendable {
        let execution: StepExecution
        let name: String
        private var last: String?
        /// The phase, health and generations of the last look, for a rollout that does not end.
        private(set) var lastSeen: String?

        init(execution: StepExecution, name: String) {
            self.execution = execution
            self.name = name
        }

        func report(_ resource: JSONValue) {
            let phase = resource[path: ["status", "phase"]]?.stringValue ?? "unknown"
            let health = resource[path: ["status", "health"]]?.stringValue.map { ", health \($0)" } ?? ""
            let text = "Elasticsearch \(name): phase \(phase)\(health)"
            let generation = resource[path: ["metadata", "generation"]]?.intValue.map(String.init) ?? "?"
            let observed = resource[path: ["status", "observedGeneration"]]?.intValue.map(String.init) ?? "none"
            lastSeen = "phase \(phase)\(health), observed generation \(observed) of \(generation)"
            if text != last {
                last = text
                execution.progress(text)
            }
        }
    }
}

/// Whether one JSON value already holds everything another gives (objects member by member,
/// everything else equal): the test for "this merge patch would change nothing".
enum JSONSubset {
    static func contains(_ value: JSONValue?, _ wanted: JSONValue) -> Bool {
        guard let wantedMembers = wanted.objectValue else { return value == wanted }
        guard let members = value?.objectValue else { return false }
        return wantedMembers.allSatisfy { key, child in
            child.isNull ? members[key] == nil : contains(members[key], child)
        }
    }
}
