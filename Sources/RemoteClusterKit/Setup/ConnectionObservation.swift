/// Everything the engine (or `status`) saw about one remote, the input of `Diagnosis`.
///
/// Every field is optional: the diagnosis uses what is there. `status` fills the REST answers and
/// a probe from this machine; the setup steps also fill the key's state, what was applied, the
/// versions and licenses.
public struct ConnectionObservation: Sendable, Hashable {
    public var alias: String
    /// The addresses the local cluster dials (proxy address or seeds), as configured.
    public var addresses: [String]
    public var serverName: String?
    /// How the local cluster connects (proxy or sniff), when known from the plan or `_remote/info`.
    public var mode: RemoteConnectionMode?
    /// The alias's entry in `GET /_remote/info`; nil when the alias is not there.
    public var remoteInfo: RemoteInfo?
    /// The alias's entry in `GET /_resolve/cluster/<alias>:*`.
    public var resolved: ResolvedCluster?
    /// The error of `_resolve/cluster` itself (for example `no such remote cluster`).
    public var resolveError: ElasticsearchError?
    /// Why the local cluster itself could not be asked (no HTTP answer, or an unreadable one).
    public var requestError: String?
    /// Failure texts from a cross-cluster search (`_clusters.details.<alias>.failures` or the error
    /// body), which carry the connection's real error when the other APIs only say "not connected".
    public var searchFailures: [String]
    /// The TLS preflight, with the server name and CA the local cluster uses when known.
    public var preflight: [TLSProbeResult]
    /// Whether `preflight` used the local cluster's trust (the CA it was given); false for a
    /// probe from `status` against the system store, whose trust verdict says little.
    public var preflightUsedClusterTrust: Bool
    /// What the remote said about the key.
    public var keyState: APIKeyState?
    /// Whether the credentials Secret holds the alias's key (nil: unknown).
    public var credentialsApplied: Bool?
    /// Whether the CA is in the ConfigMap and trusted by the resource (nil: unknown or public).
    public var certificateAuthorityApplied: Bool?
    /// Whether the local rollout finished (nil: unknown).
    public var rolloutFinished: Bool?
    public var localVersion: String?
    public var remoteVersion: String?
    public var localLicense: LicenseInfo?
    public var remoteLicense: LicenseInfo?

    public init(
        alias: String, addresses: [String] = [], serverName: String? = nil, mode: RemoteConnectionMode? = nil,
        remoteInfo: RemoteInfo? = nil,
        resolved: ResolvedCluster? = nil, resolveError: ElasticsearchError? = nil, requestError: String? = nil,
        searchFailures: [String] = [],
        preflight: [TLSProbeResult] = [], preflightUsedClusterTrust: Bool = true, keyState: APIKeyState? = nil,
        credentialsApplied: Bool? = nil, certificateAuthorityApplied: Bool? = nil, rolloutFinished: Bool? = nil,
        localVersion: String? = nil, remoteVersion: String? = nil, localLicense: LicenseInfo? = nil,
        remoteLicense: LicenseInfo? = nil
    ) {
        self.alias = alias
        self.addresses = addresses
        self.serverName = serverName
        self.mode = mode
        self.remoteInfo = remoteInfo
        self.resolved = resolved
        self.resolveError = resolveError
        self.requestError = requestError
        self.searchFailures = searchFailures
        self.preflight = preflight
        self.preflightUsedClusterTrust = preflightUsedClusterTrust
        self.keyState = keyState
        self.credentialsApplied = credentialsApplied
        self.certificateAuthorityApplied = certificateAuthorityApplied
        self.rolloutFinished = rolloutFinished
        self.localVersion = localVersion
        self.remoteVersion = remoteVersion
        self.localLicense = localLicense
        self.remoteLicense = remoteLicense
    }

    /// Whether the local cluster dials seeds (sniff mode), by the plan or by `_remote/info`.
    public var usesSeeds: Bool { (mode ?? remoteInfo?.mode) == .sniff }

    /// Connected as `_resolve/cluster` says (it contacts the remote), else as `_remote/info` says.
    public var isConnected: Bool { resolved?.connected ?? remoteInfo?.connected ?? false }

    /// Connected and using the API-key model (`cluster_credentials` in `_remote/info`).
    public var isConnectedWithCredentials: Bool { isConnected && remoteInfo?.hasClusterCredentials == true }

    /// Every error text observed, most specific first: search failures, the resolve error, the
    /// resolve entry's error.
    public var errorTexts: [String] {
        searchFailures + (resolveError?.allReasons ?? []) + [resolved?.error].compactMap { $0 }
    }
}
