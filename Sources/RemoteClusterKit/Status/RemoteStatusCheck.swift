/// One remote as `status` reports it: `_remote/info` with `connected` taken from
/// `_resolve/cluster` (which contacts the remote), and for a remote that is down the diagnosis.
public struct RemoteStatus: Sendable, Hashable {
    /// The `_remote/info` entry, its `connected` replaced by what `_resolve/cluster` found.
    public var info: RemoteInfo
    public var observation: ConnectionObservation
    /// Why the remote is down and what to do; nil when it is connected.
    public var diagnosis: Diagnosis?

    public var isConnected: Bool { observation.isConnected }
}

/// What `status` does: `GET /_remote/info`, one `GET /_resolve/cluster/<a>:*,<b>:*…` for every
/// alias, and for each alias that is down a `size=0` search across it (whose failure carries the
/// connection's error) and a TLS probe of its address from this machine; then the diagnosis.
public struct RemoteStatusCheck: Sendable {
    public var client: ElasticsearchClient
    public var prober: any TLSProbing
    /// Seconds allowed for each probe.
    public var probeTimeout: Double

    public init(client: ElasticsearchClient, prober: any TLSProbing, probeTimeout: Double = 10) {
        self.client = client
        self.prober = prober
        self.probeTimeout = probeTimeout
    }

    /// Every configured remote, sorted by alias. Throws when the local cluster cannot be asked.
    public func run() async throws(ElasticsearchClientError) -> [RemoteStatus] {
        let remotes = try await client.remoteInfo()
        guard !remotes.isEmpty else { return [] }
        var resolved: [String: ResolvedCluster] = [:]
        var resolveError: ElasticsearchError?
        do {
            for entry in try await client.resolveCluster(aliases: remotes.map(\.alias)) {
                resolved[entry.alias] = entry
            }
        } catch {
            if case .server(let server) = error { resolveError = server } else { throw error }
        }
        var statuses: [RemoteStatus] = []
        for remote in remotes {
            var observation = ConnectionObservation(
                alias: remote.alias,
                addresses: remote.mode == .sniff ? remote.seeds : remote.proxyAddress.map { [$0] } ?? [],
                serverName: remote.serverName, remoteInfo: remote, resolved: resolved[remote.alias],
                resolveError: resolveError, preflightUsedClusterTrust: false)
            var info = remote
            info.connected = observation.isConnected
            var diagnosis: Diagnosis?
            if !observation.isConnected {
                observation.searchFailures = await ConnectionStep.searchFailures(remote.alias, client: client)
                observation.preflight = await probes(observation)
                diagnosis = Diagnosis.diagnose(observation)
            }
            statuses.append(RemoteStatus(info: info, observation: observation, diagnosis: diagnosis))
        }
        return statuses
    }

    func probes(_ observation: ConnectionObservation) async -> [TLSProbeResult] {
        var results: [TLSProbeResult] = []
        for address in observation.addresses {
            guard let parsed = try? ProxyAddress(parsing: address), !Task.isCancelled else { continue }
            results.append(
                await prober.probe(
                    TLSProbeRequest(proxyAddress: parsed, serverName: observation.serverName, timeout: probeTimeout)))
        }
        return results
    }

    /// The table (connected from `_resolve/cluster`), then the cause and fix of each remote that is down.
    public static func lines(for statuses: [RemoteStatus], symbols: StatusSymbols) -> [String] {
        var lines = RemoteInfoTable.lines(for: statuses.map(\.info), symbols: symbols)
        for status in statuses {
            guard let diagnosis = status.diagnosis else { continue }
            lines.append("")
            lines.append("\(symbols.failure) \(status.info.alias): \(diagnosis.summary)")
            if let evidence = diagnosis.evidence { lines.append("  Seen: \(evidence)") }
            if let raw = diagnosis.raw, diagnosis.cause == .unknown { lines.append("  Error: \(raw)") }
            lines.append("  Fix: \(diagnosis.fix)")
        }
        return lines
    }

    /// One object keyed by alias: Elasticsearch's `_remote/info` fields (with `connected` from
    /// `_resolve/cluster`), plus `diagnosis` {cause, catalogue_row, summary, evidence, fix} for a
    /// remote that is down.
    public static func json(for statuses: [RemoteStatus]) -> JSONValue {
        var object: JSONValue = [:]
        for status in statuses {
            var entry = status.info.raw
            entry["connected"] = .bool(status.isConnected)
            if let diagnosis = status.diagnosis {
                var described: JSONValue = [
                    "cause": .string(diagnosis.cause.rawValue), "summary": .string(diagnosis.summary),
                    "fix": .string(diagnosis.fix),
                ]
                if let row = diagnosis.catalogueRow { described["catalogue_row"] = .int(row) }
                if let evidence = diagnosis.evidence { described["evidence"] = .string(evidence) }
                if let raw = diagnosis.raw { described["error"] = .string(raw) }
                entry["diagnosis"] = described
            }
            object[status.info.alias] = entry
        }
        return object
    }
}
