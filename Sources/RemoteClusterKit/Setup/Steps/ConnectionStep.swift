/// Step 7: polls `GET /_resolve/cluster/<alias>:*` (which makes the local cluster contact the
/// remote) and `GET /_remote/info` until the alias is connected with `cluster_credentials`, within
/// the poll policy's deadline. A cause that waiting cannot cure (a rejected key, a license, the
/// transport port) ends the wait early; at the deadline the observation is diagnosed.
public struct ConnectionStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.connection, alias: alias) }
    public var title: String { "Wait for the connection" }

    /// Causes for which waiting longer does not help.
    static let final: Set<Diagnosis.Cause> = [
        .restKeyInsteadOfCrossCluster, .invalidKey, .licenseTooLow, .transportPort, .unknownAlias,
        .proxyReachesSeveralClusters,
    ]

    /// Whether waiting cannot cure what the observation shows. An alias counts as unknown only
    /// when `_resolve/cluster` says so, not when an answer merely lacks it for a moment.
    static func isFinal(_ diagnosis: Diagnosis, _ observation: ConnectionObservation) -> Bool {
        guard final.contains(diagnosis.cause) else { return false }
        return diagnosis.cause != .unknownAlias || observation.resolveError != nil
    }

    public func preview(in context: SetupContext) -> StepPreview {
        StepPreview(
            notes: [
                "_remote/info alone can show a stale connected flag; _resolve/cluster contacts the remote each time."
            ],
            actions: [
                .http(ElasticsearchRequests.resolveCluster(aliases: [alias]), target: .localCluster),
                .http(ElasticsearchRequests.remoteInfo(), target: .localCluster),
                .wait("\(alias) is connected with cluster_credentials", seconds: 300),
            ])
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, execution in
            _ = try context.requireRemote(alias)
            let client = context.localClient(services)
            var last = ConnectionObservation(alias: alias)
            var reported: String?
            var unknownBefore = false
            let snapshot = context
            let connected = try await Polling.until(services) { () -> ConnectionObservation? in
                let observation = await ConnectionObserver.observe(alias, in: snapshot, services: services)
                last = observation
                let line = Self.statusLine(observation)
                if line != reported {
                    reported = line
                    execution.progress(line)
                }
                if observation.isConnectedWithCredentials { return observation }
                let diagnosis = Diagnosis.diagnose(observation)
                // An unknown alias right after it was added may be the cluster catching up: it
                // counts only when two looks in a row say so.
                let unknown = diagnosis.cause == .unknownAlias && observation.resolveError != nil
                defer { unknownBefore = unknown }
                if Self.isFinal(diagnosis, observation), !unknown || unknownBefore,
                    snapshot.localOutputs.rolloutFinished != false
                {
                    context.update(alias) { $0.connection = observation }
                    throw StepStop.failed(diagnosis)
                }
                return nil
            }
            if let connected {
                context.update(alias) { $0.connection = connected }
                let info = connected.remoteInfo
                let sockets =
                    info.map {
                        "\($0.connections.open) of \($0.connections.maximum.map(String.init) ?? "?") connections"
                    } ?? ""
                return .passed("\(alias) is connected (\(sockets), cluster_credentials present).")
            }
            last.searchFailures = await Self.searchFailures(alias, client: client)
            context.update(alias) { $0.connection = last }
            throw StepStop.failed(Diagnosis.diagnose(last))
        }
    }

    static func statusLine(_ observation: ConnectionObservation) -> String {
        guard let info = observation.remoteInfo else {
            return "\(observation.alias): not in _remote/info yet"
        }
        let connected = observation.isConnected ? "connected" : "not connected"
        let credentials = info.hasClusterCredentials ? "cluster_credentials present" : "no cluster_credentials"
        let error = observation.resolved?.error.map { "; \($0)" } ?? ""
        return "\(observation.alias): \(connected), \(info.connections.open) open, \(credentials)\(error)"
    }

    /// The failure texts of a `size=0` search across the alias, which carry the connection's real
    /// error; empty when the search gives none.
    static func searchFailures(_ alias: String, client: ElasticsearchClient) async -> [String] {
        do {
            return CrossClusterSearchAnswer(
                alias: alias, json: try await client.countAcross(alias: alias, pattern: "*")
            ).failures
        } catch {
            if case .server(let server) = error { return server.allReasons }
            return []
        }
    }
}
