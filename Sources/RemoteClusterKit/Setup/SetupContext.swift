import Foundation

/// The local ECK cluster a setup configures: where its resource lives, its REST API, and how its
/// Kubernetes objects are applied.
public struct LocalClusterTarget: Sendable, Hashable {
    /// The `Elasticsearch` resource; `context` must be set when `applyManifests` is `kubectl`
    /// (the command resolves kubectl's current context once when the plan leaves it out).
    public var eck: ECKClusterReference
    /// The local cluster's REST API (URL, credentials, trust).
    public var endpoint: ClusterEndpoint
    public var applyManifests: ManifestApplyMode
    /// Where `files` mode writes the manifests.
    public var manifestsDirectory: URL?
    /// The current resource when the operator supplied it (`--local-resource`); otherwise the
    /// local step reads it with kubectl.
    public var resource: JSONValue?

    public init(
        eck: ECKClusterReference, endpoint: ClusterEndpoint, applyManifests: ManifestApplyMode = .kubectl,
        manifestsDirectory: URL? = nil, resource: JSONValue? = nil
    ) {
        self.eck = eck
        self.endpoint = endpoint
        self.applyManifests = applyManifests
        self.manifestsDirectory = manifestsDirectory
        self.resource = resource
    }
}

/// What the operator decided for one remote, for the steps that stop to ask.
public struct RemoteDecisions: Sendable, Hashable {
    /// ECK remote: apply the `spec.remoteClusterServer` change with kubectl (otherwise the step
    /// only checks that it is in place and says what to apply).
    public var applyRemoteChange: Bool
    /// Self-managed remote: the operator confirms the generated configuration was applied and the
    /// nodes restarted.
    public var remotePrepared: Bool
    /// Go on when the preflight fails (the plan or the operator said so).
    public var continuePastFailedPreflight: Bool

    public init(applyRemoteChange: Bool = true, remotePrepared: Bool = false, continuePastFailedPreflight: Bool = false)
    {
        self.applyRemoteChange = applyRemoteChange
        self.remotePrepared = remotePrepared
        self.continuePastFailedPreflight = continuePastFailedPreflight
    }
}

/// One remote of a setup: the artifacts' model of it, its REST API when known, and the decisions.
public struct RemoteTarget: Sendable, Hashable {
    /// Alias, type, addresses, CA, ECK reference; `credentials` when the key is given encoded,
    /// `keyToCreate` when the key step creates it.
    public var setup: RemoteSetup
    /// The remote's REST API: needed to create the key, and used for the version and license check.
    public var endpoint: ClusterEndpoint?
    public var decisions: RemoteDecisions
    /// The index pattern the data access step searches; nil: the key's first search pattern.
    public var searchPattern: String?
    /// Where the remote is described, e.g. `remotes[1]`, for messages.
    public var source: String?

    public init(
        setup: RemoteSetup, endpoint: ClusterEndpoint? = nil, decisions: RemoteDecisions = RemoteDecisions(),
        searchPattern: String? = nil, source: String? = nil
    ) {
        self.setup = setup
        self.endpoint = endpoint
        self.decisions = decisions
        self.searchPattern = searchPattern
        self.source = source
    }

    public var alias: String { setup.alias }
}

/// What the steps found and made for one remote; each step fills its part.
public struct RemoteOutputs: Sendable, Hashable {
    /// Step 1: the two clusters' versions and licenses.
    public var clusters: ClusterCheck?
    /// Step 2: the CA the local cluster must trust (read from the file, or from ECK's Secret).
    public var certificateAuthorityPEM: String?
    /// Step 3: one result per address probed.
    public var preflight: [TLSProbeResult]
    /// Step 4: the encoded cross-cluster key (created, reused or given).
    public var credentials: Secret?
    /// Step 4: the key's id and name on the remote, when known.
    public var keyID: String?
    public var keyName: String?
    /// Step 4: whether this run created the key.
    public var keyCreated: Bool
    /// Step 4: what the remote said about the key (active, invalidated, expired, wrong type).
    public var keyState: APIKeyState?
    /// Step 7: the last observation of the connection.
    public var connection: ConnectionObservation?
    /// Step 8: the cross-cluster search.
    public var dataAccess: DataAccessResult?
    /// The diagnosis of the step that failed, when one did.
    public var diagnosis: Diagnosis?

    public init() {
        preflight = []
        keyCreated = false
    }
}

/// What the setup-wide steps found and made on the local cluster.
public struct LocalOutputs: Sendable, Hashable {
    /// The `Elasticsearch` resource as read (server-set fields removed).
    public var resource: JSONValue?
    /// Whether the credentials Secret now holds each alias's key (by alias).
    public var credentialsApplied: [String: Bool]
    /// Whether the CA of each alias is in the CA ConfigMap and trusted by the resource.
    public var certificateAuthorityApplied: [String: Bool]
    /// Whether the rollout after the change finished (nil: nothing was applied by the engine).
    public var rolloutFinished: Bool?
    /// Files written in `files` mode.
    public var filesWritten: [String]

    public init() {
        credentialsApplied = [:]
        certificateAuthorityApplied = [:]
        filesWritten = []
    }
}

/// Everything the steps of one setup read and write: the targets, the optional role, and what each
/// step found or made so far. A value: the caller keeps the one a step returns and hands it to the
/// next step.
public struct SetupContext: Sendable, Hashable {
    public var local: LocalClusterTarget
    /// The remotes in plan order.
    public var remotes: [RemoteTarget]
    public var role: RemoteRoleSetup?
    /// Outputs by alias.
    public var outputs: [String: RemoteOutputs]
    public var localOutputs: LocalOutputs

    public init(local: LocalClusterTarget, remotes: [RemoteTarget], role: RemoteRoleSetup? = nil) {
        self.local = local
        self.remotes = remotes
        self.role = role
        self.outputs = Dictionary(uniqueKeysWithValues: remotes.map { ($0.alias, RemoteOutputs()) })
        self.localOutputs = LocalOutputs()
    }

    /// The remote with this alias.
    public func remote(_ alias: String) -> RemoteTarget? { remotes.first { $0.alias == alias } }

    /// The outputs of one remote (empty when none yet).
    public func outputs(for alias: String) -> RemoteOutputs { outputs[alias] ?? RemoteOutputs() }

    /// Changes the outputs of one remote.
    public mutating func update(_ alias: String, _ change: (inout RemoteOutputs) -> Void) {
        var current = outputs[alias] ?? RemoteOutputs()
        change(&current)
        outputs[alias] = current
    }

    /// This context with one remote's outputs taken from `other` (the runner merges the contexts
    /// of remotes that ran concurrently).
    public func merging(outputsOf alias: String, from other: SetupContext) -> SetupContext {
        var merged = self
        merged.outputs[alias] = other.outputs[alias]
        return merged
    }
}

/// Step 1's findings for one remote.
public struct ClusterCheck: Sendable, Hashable {
    /// What one cluster answered.
    public struct Side: Sendable, Hashable {
        public var user: AuthenticatedUser
        public var info: ClusterInfo
        public var license: LicenseInfo

        public init(user: AuthenticatedUser, info: ClusterInfo, license: LicenseInfo) {
            self.user = user
            self.info = info
            self.license = license
        }
    }

    public var local: Side
    /// nil when the remote's REST URL is not known.
    public var remote: Side?

    public init(local: Side, remote: Side?) {
        self.local = local
        self.remote = remote
    }
}

/// What the remote said about a cross-cluster key.
public enum APIKeyState: Sendable, Hashable {
    case active
    case invalidated
    case expired
    /// The key is a REST key, not a cross-cluster key.
    case wrongType(String)
    /// No key with that id exists on the remote.
    case notFound
}

/// Step 8's result: the cross-cluster search's counts, or the error it got.
public struct DataAccessResult: Sendable, Hashable {
    /// `<alias>:<pattern>`.
    public var expression: String
    /// `hits.total.value` (a lower bound when `hitsAreLowerBound`).
    public var hits: Int?
    public var hitsAreLowerBound: Bool
    public var shardsTotal: Int?
    public var shardsSuccessful: Int?
    public var shardsSkipped: Int?
    public var shardsFailed: Int?
    /// The remote's status in `_clusters.details` (`successful`, `skipped`, `partial`, `failed`).
    public var clusterStatus: String?
    /// Failure reasons the search reported for the remote (skipped cluster or error body).
    public var failures: [String]

    public init(
        expression: String, hits: Int? = nil, hitsAreLowerBound: Bool = false, shardsTotal: Int? = nil,
        shardsSuccessful: Int? = nil, shardsSkipped: Int? = nil, shardsFailed: Int? = nil,
        clusterStatus: String? = nil, failures: [String] = []
    ) {
        self.expression = expression
        self.hits = hits
        self.hitsAreLowerBound = hitsAreLowerBound
        self.shardsTotal = shardsTotal
        self.shardsSuccessful = shardsSuccessful
        self.shardsSkipped = shardsSkipped
        self.shardsFailed = shardsFailed
        self.clusterStatus = clusterStatus
        self.failures = failures
    }
}
