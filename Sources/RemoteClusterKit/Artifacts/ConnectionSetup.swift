/// The kind of deployment the remote cluster runs on; it decides how the remote is prepared.
public enum RemoteClusterType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Elastic Cloud Hosted.
    case ech
    /// Elastic Cloud Enterprise.
    case ece
    /// A cluster managed by another ECK operator.
    case eck
    /// A self-managed installation.
    case selfManaged = "self-managed"

    /// The name operators know, e.g. "Elastic Cloud Hosted".
    public var displayName: String {
        switch self {
        case .ech: return "Elastic Cloud Hosted"
        case .ece: return "Elastic Cloud Enterprise"
        case .eck: return "ECK, another operator"
        case .selfManaged: return "self-managed"
        }
    }

    public var description: String { rawValue }
}

/// An `Elasticsearch` resource managed by ECK: its name, namespace, and where to reach it.
public struct ECKClusterReference: Sendable, Hashable {
    public var name: String
    public var namespace: String
    /// The kubeconfig context; nil when the operator did not name one.
    public var context: String?
    /// The ECK operator version, when known.
    public var version: ECKVersion?

    public init(name: String, namespace: String, context: String? = nil, version: ECKVersion? = nil) {
        self.name = name
        self.namespace = namespace
        self.context = context
        self.version = version
    }

    /// The Kubernetes location, when the context is known.
    public var location: KubernetesLocation? {
        context.map { KubernetesLocation(context: $0, namespace: namespace) }
    }
}

/// The CA a remote's certificate chains to when it is not publicly trusted.
public struct RemoteCertificateAuthority: Sendable, Hashable {
    /// Where the operator keeps the CA file (as written in the plan or typed in the wizard).
    public var path: String
    /// The PEM text; nil while the file does not exist yet (e.g. an ECK CA still to be saved).
    public var pem: String?

    public init(path: String, pem: String?) {
        self.path = path
        self.pem = pem
    }
}

/// Everything about one remote that the artifacts depend on.
public struct RemoteSetup: Sendable, Hashable {
    /// The alias the local cluster knows the remote by (`cluster.remote.<alias>`).
    public var alias: String
    public var type: RemoteClusterType
    public var mode: RemoteConnectionMode
    /// `host:port` for proxy mode.
    public var proxyAddress: String?
    /// `host:port` entries for sniff mode.
    public var seeds: [String]
    public var serverName: String?
    /// nil when the remote's certificate is publicly trusted.
    public var certificateAuthority: RemoteCertificateAuthority?
    public var skipUnavailable: Bool?
    /// The remote `Elasticsearch` resource, for type `eck`.
    public var eck: ECKClusterReference?
    /// The key to create on the remote; nil when the operator brings an encoded key.
    public var keyToCreate: CrossClusterAPIKeyRequest?
    /// The encoded cross-cluster API key, when known.
    public var credentials: Secret?
    /// DNS names for a self-managed remote's certificate; empty = taken from the addresses.
    public var certificateDNSNames: [String]
    /// IP addresses for a self-managed remote's certificate; empty = taken from the addresses.
    public var certificateIPAddresses: [String]

    public init(
        alias: String, type: RemoteClusterType, mode: RemoteConnectionMode = .proxy,
        proxyAddress: String? = nil, seeds: [String] = [], serverName: String? = nil,
        certificateAuthority: RemoteCertificateAuthority? = nil, skipUnavailable: Bool? = nil,
        eck: ECKClusterReference? = nil, keyToCreate: CrossClusterAPIKeyRequest? = nil,
        credentials: Secret? = nil, certificateDNSNames: [String] = [], certificateIPAddresses: [String] = []
    ) {
        self.alias = alias
        self.type = type
        self.mode = mode
        self.proxyAddress = proxyAddress
        self.seeds = seeds
        self.serverName = serverName
        self.certificateAuthority = certificateAuthority
        self.skipUnavailable = skipUnavailable
        self.eck = eck
        self.keyToCreate = keyToCreate
        self.credentials = credentials
        self.certificateDNSNames = certificateDNSNames
        self.certificateIPAddresses = certificateIPAddresses
    }

    /// The addresses the local cluster dials: the proxy address, or the seeds.
    public var addresses: [String] {
        mode == .sniff ? seeds : (proxyAddress.map { [$0] } ?? [])
    }

    /// The `cluster.remote.<alias>.*` settings for this remote.
    public var settings: RemoteClusterSettings {
        let connection: RemoteClusterSettings.Mode =
            mode == .sniff
            ? .sniff(seeds: seeds) : .proxy(address: proxyAddress ?? "", serverName: serverName)
        return RemoteClusterSettings(alias: alias, mode: connection, skipUnavailable: skipUnavailable ?? true)
    }
}

/// The local role that grants access to remote indices (`remote_indices`).
public struct RemoteRoleSetup: Sendable, Hashable {
    public var name: String
    public var indexNames: [String]
    public var privileges: [String]

    public init(name: String, indexNames: [String], privileges: [String] = RoleDefinition.searchPrivileges) {
        self.name = name
        self.indexNames = indexNames
        self.privileges = privileges
    }
}

/// Everything the artifacts are made from: the local ECK cluster with its current resource, the
/// remotes, and the optional role.
public struct ConnectionSetup: Sendable, Hashable {
    public var local: ECKClusterReference
    /// The current local `Elasticsearch` resource (as `kubectl get -o yaml` prints it).
    public var localElasticsearch: JSONValue
    public var remotes: [RemoteSetup]
    public var role: RemoteRoleSetup?
    /// Whether Secret artifacts carry the real credentials (otherwise a placeholder).
    public var includeSecrets: Bool

    public init(
        local: ECKClusterReference, localElasticsearch: JSONValue, remotes: [RemoteSetup],
        role: RemoteRoleSetup? = nil, includeSecrets: Bool = false
    ) {
        self.local = local
        self.localElasticsearch = localElasticsearch
        self.remotes = remotes
        self.role = role
        self.includeSecrets = includeSecrets
    }
}
