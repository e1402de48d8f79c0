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

/// How the local cluster connects to the remote (`cluster.remote.<alias>.mode`).
public enum RemoteConnectionMode: String, Sendable, Hashable, CaseIterable {
    case proxy
    case sniff
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

/// One index-access entry of a cross-cluster API key (`access.search[]` or `access.replication[]`).
public struct IndexAccessEntry: Sendable, Hashable {
    public var names: [String]
    /// `field_security` (`{grant, except}`), search only.
    public var fieldSecurity: JSONValue?
    /// A document-level security query, search only.
    public var query: JSONValue?
    public var allowRestrictedIndices: Bool?

    public init(names: [String], fieldSecurity: JSONValue? = nil, query: JSONValue? = nil, allowRestrictedIndices: Bool? = nil) {
        self.names = names
        self.fieldSecurity = fieldSecurity
        self.query = query
        self.allowRestrictedIndices = allowRestrictedIndices
    }

    /// The entry as the Elasticsearch API expects it.
    public var json: JSONValue {
        var object: JSONValue = ["names": .array(names.map(JSONValue.string))]
        if let fieldSecurity { object["field_security"] = fieldSecurity }
        if let query { object["query"] = query }
        if let allowRestrictedIndices { object["allow_restricted_indices"] = .bool(allowRestrictedIndices) }
        return object
    }
}

/// What a new cross-cluster API key should be: name, expiry and access.
public struct CrossClusterKeySpecification: Sendable, Hashable {
    public var name: String
    /// An Elasticsearch duration such as `90d`; nil = never expires.
    public var expiration: String?
    public var search: [IndexAccessEntry]
    public var replication: [IndexAccessEntry]
    /// Extra metadata; keys starting with `_` are reserved by Elasticsearch.
    public var metadata: JSONValue?

    public init(name: String, expiration: String? = nil, search: [IndexAccessEntry] = [],
                replication: [IndexAccessEntry] = [], metadata: JSONValue? = nil) {
        self.name = name
        self.expiration = expiration
        self.search = search
        self.replication = replication
        self.metadata = metadata
    }

    /// The body of `POST /_security/cross_cluster/api_key`.
    public var requestBody: JSONValue {
        var access: JSONValue = [:]
        if !search.isEmpty { access["search"] = .array(search.map(\.json)) }
        if !replication.isEmpty { access["replication"] = .array(replication.map(\.json)) }
        var body: JSONValue = ["name": .string(name)]
        if let expiration { body["expiration"] = .string(expiration) }
        body["access"] = access
        if let metadata { body["metadata"] = metadata }
        return body
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
    public var keyToCreate: CrossClusterKeySpecification?
    /// The encoded cross-cluster API key, when known.
    public var credentials: Secret?
    /// DNS names for a self-managed remote's certificate; empty = taken from the addresses.
    public var certificateDNSNames: [String]
    /// IP addresses for a self-managed remote's certificate; empty = taken from the addresses.
    public var certificateIPAddresses: [String]

    public init(alias: String, type: RemoteClusterType, mode: RemoteConnectionMode = .proxy,
                proxyAddress: String? = nil, seeds: [String] = [], serverName: String? = nil,
                certificateAuthority: RemoteCertificateAuthority? = nil, skipUnavailable: Bool? = nil,
                eck: ECKClusterReference? = nil, keyToCreate: CrossClusterKeySpecification? = nil,
                credentials: Secret? = nil, certificateDNSNames: [String] = [], certificateIPAddresses: [String] = []) {
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
        mode == .proxy ? (proxyAddress.map { [$0] } ?? []) : seeds
    }
}

/// The local role that grants access to remote indices (`remote_indices`).
public struct RemoteRoleSetup: Sendable, Hashable {
    public var name: String
    public var indexNames: [String]
    public var privileges: [String]

    /// The privileges a cross-cluster search role needs (FACTS §4.7).
    public static let searchPrivileges = ["read", "read_cross_cluster", "view_index_metadata"]

    public init(name: String, indexNames: [String], privileges: [String] = RemoteRoleSetup.searchPrivileges) {
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

    public init(local: ECKClusterReference, localElasticsearch: JSONValue, remotes: [RemoteSetup],
                role: RemoteRoleSetup? = nil, includeSecrets: Bool = false) {
        self.local = local
        self.localElasticsearch = localElasticsearch
        self.remotes = remotes
        self.role = role
        self.includeSecrets = includeSecrets
    }
}
