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
    ///
    /// A node without the `remote_cluster_client` role lists no remotes in `_remote/info`, so when
    /// that is empty the remotes in `_cluster/settings` are checked instead (and found down).
    public func run() async throws(ElasticsearchClientError) -> [RemoteStatus] {
        var remotes = try await client.remoteInfo()
        if remotes.isEmpty { remotes = await configuredRemotes() }
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
                serverName: remote.serverName, mode: remote.mode, remoteInfo: remote, resolved: resolved[remote.alias],
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

    /// The remotes `_cluster/settings` configures, as `_remote/info` would list them when not
    /// connected; empty when the settings cannot be read.
    func configuredRemotes() async -> [RemoteInfo] {
        guard let configured = try? await client.configuredRemotes() else { return [] }
        var seen: Set<String> = []
        return configured.compactMap { remote -> RemoteInfo? in
            guard let settings = remote.remoteClusterSettings, seen.insert(remote.alias).inserted else { return nil }
            var raw: JSONValue = ["connected": false, "mode": .string(remote.mode.name)]
            switch settings.mode {
            case .proxy(let address, let serverName, _):
                raw["proxy_address"] = .string(address)
                raw["server_name"] = .string(serverName ?? "")
            case .sniff(let seeds, _):
                raw["seeds"] = .array(seeds.map { .string($0) })
            }
            raw["skip_unavailable"] = .bool(settings.skipUnavailable)
            return RemoteInfo(alias: remote.alias, json: raw)
        }.sorted { $0.alias < $1.alias }
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

    /// The table (connected from `_resolve/cluster`) fitted to `width` (nil: no limit; `wide`: every
    /// column in full), then the cause and fix of each remote that is down.
    public static func lines(
        for statuses: [RemoteStatus], symbols: StatusSymbols, width: Int? = nil, wide: Bool = false
    )
        -> [String]
    {
        var lines = RemoteInfoTable.lines(for: statuses.map(\.info), symbols: symbols, width: width, wide: wide)
        for status in statuses {
            guard let diagnosis = status.diagnosis else { continue }
            lines.append("")
            lines.append("\(symbols.failure) \(status.info.alias): \(diagnosis.summary)")
            if let evidence = diagnosis.evidence { lines.append("  Seen: \(evidence)") }
            if let raw = diagnosis.raw, diagnosis.cause == .unknown, raw != diagnosis.evidence {
                lines.append("  Error: \(raw)")
            }
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
