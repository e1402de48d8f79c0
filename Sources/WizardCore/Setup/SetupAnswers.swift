import RemoteClusterKit

/// Everything the operator answered, without secrets: what the wizard saves after every step so an
/// interrupted run resumes where it stopped, and what "save as plan" is made from.
///
/// Text fields are kept as typed (validated by the screens); lists as lists.
public struct SetupAnswers: Sendable, Hashable, Codable {
    // Remote type and preparation.
    public var remoteType: String = ""
    public var remoteECKName: String = ""
    public var remoteECKNamespace: String = "default"
    public var remoteECKContext: String = ""
    public var remoteECKVersion: String = "3.3.0"
    /// Self-managed: DNS names or IP addresses the remote's certificate must carry (comma separated).
    public var selfManagedHosts: String = ""
    /// ECE: whether the proxies use a private CA.
    public var ecePrivateCA: Bool = false

    // Connection details.
    public var proxyAddress: String = ""
    public var serverName: String = ""
    /// The CA file the local cluster trusts for the remote; empty when publicly trusted.
    public var caFile: String = ""

    // Cross-cluster API key.
    /// `create` (through the remote's REST API) or `paste` (an encoded key).
    public var apiKeyMode: String = "create"
    public var remoteURL: String = ""
    public var remoteUser: String = "elastic"
    public var remoteHTTPCAFile: String = ""
    public var keyName: String = ""
    public var searchPatterns: String = ""
    public var replicationPatterns: String = ""
    /// Document-level security for search: a query as JSON, optional.
    public var searchQuery: String = ""
    /// Field-level security for search: fields to grant (comma separated), optional.
    public var searchFields: String = ""
    public var expiration: String = "90d"

    // Local ECK cluster.
    public var localName: String = ""
    public var localNamespace: String = "default"
    public var localContext: String = ""
    public var localURL: String = ""
    public var localUser: String = "elastic"
    public var localHTTPCAFile: String = ""
    /// Where "save to files" writes the manifests.
    public var manifestsDirectory: String = "remote-cluster-manifests"
    /// How the local manifests are applied: `kubectl` or `files` (written, applied by hand).
    public var applyManifests: String = "kubectl"

    // Adding the remote.
    public var alias: String = ""
    /// `proxy` or `sniff` (sniff only for self-managed).
    public var mode: String = "proxy"
    public var seeds: String = ""
    public var skipUnavailable: Bool = true

    // Optional role.
    public var roleName: String = ""
    public var rolePatterns: String = ""

    public init() {}

    /// The remote type, when one was chosen.
    public var type: RemoteClusterType? { RemoteClusterType(rawValue: remoteType) }

    /// A comma-separated answer as a list, blanks dropped.
    public static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

/// Secrets typed during this run. Kept in memory only: never saved, never logged, never in a plan.
public struct SetupSecrets: Sendable, Hashable {
    public var remotePassword: Secret?
    public var localPassword: Secret?
    /// The encoded cross-cluster API key, created or pasted.
    public var encodedKey: Secret?

    public init(remotePassword: Secret? = nil, localPassword: Secret? = nil, encodedKey: Secret? = nil) {
        self.remotePassword = remotePassword
        self.localPassword = localPassword
        self.encodedKey = encodedKey
    }
}

extension SetupAnswers {
    /// Takes the endpoints (addresses, URLs, CA files, contexts) from `other`, keeping every other
    /// answer: for a resumed demo, whose simulated clusters listen on new ports.
    public mutating func refreshEndpoints(from other: SetupAnswers) {
        proxyAddress = other.proxyAddress
        remoteURL = other.remoteURL
        remoteHTTPCAFile = other.remoteHTTPCAFile
        remoteECKContext = other.remoteECKContext
        localURL = other.localURL
        localHTTPCAFile = other.localHTTPCAFile
        localContext = other.localContext
        manifestsDirectory = other.manifestsDirectory
    }
}
