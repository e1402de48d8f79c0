import Foundation

/// A plan file: one local ECK cluster and the remotes to connect to it (format: PLAN.md).
///
/// Secrets are never in a plan; it names environment variables and files that hold them, and
/// `PlanSecretResolver` reads them when they are needed. Paths are absolute, resolved against
/// the plan file's folder.
public struct Plan: Sendable, Hashable {
    public var remotes: [PlanRemote]
    public var local: PlanLocal
    public var role: RemoteRoleSetup?
    /// The folder the plan file is in; relative paths were resolved against it.
    public var folder: URL
    /// Where each YAML path is in the file, for the line numbers of later problems.
    public var lineIndex: PlanLineIndex

    public init(
        remotes: [PlanRemote], local: PlanLocal, role: RemoteRoleSetup?, folder: URL,
        lineIndex: PlanLineIndex = PlanLineIndex()
    ) {
        self.remotes = remotes
        self.local = local
        self.role = role
        self.folder = folder
        self.lineIndex = lineIndex
    }
}

/// One entry of `remotes`: the remote as the artifacts see it (its members read through, e.g.
/// `remote.alias`), where its key comes from, and its YAML path for later messages.
@dynamicMemberLookup
public struct PlanRemote: Sendable, Hashable {
    /// The YAML path of this entry, e.g. `remotes[1]`, for later error messages.
    public var yamlPath: String
    /// Alias, type, addresses, ECK reference and the key to create, as the plan gives them. The
    /// CA's PEM and the encoded key are not read here (see `Plan.connectionSetup`).
    public var setup: RemoteSetup
    public var apiKey: PlanAPIKey
    /// `prepared` and `ignorePreflightFailure`: what the setup steps may assume or skip.
    public var decisions: RemoteDecisions
    /// `searchPattern`: the index pattern the data access step searches.
    public var searchPattern: String?

    public init(
        yamlPath: String, setup: RemoteSetup, apiKey: PlanAPIKey, decisions: RemoteDecisions = RemoteDecisions(),
        searchPattern: String? = nil
    ) {
        self.yamlPath = yamlPath
        self.setup = setup
        self.apiKey = apiKey
        self.decisions = decisions
        self.searchPattern = searchPattern
    }

    public subscript<Value>(dynamicMember member: KeyPath<RemoteSetup, Value>) -> Value { setup[keyPath: member] }

    /// The CA file; nil when the remote's certificate is publicly trusted.
    public var ca: URL? { setup.certificateAuthority.map { URL(fileURLWithPath: $0.path) } }
}

/// Where a remote's cross-cluster API key comes from.
public enum PlanAPIKey: Sendable, Hashable {
    /// Create it through the remote's REST API.
    case create(PlanKeyCreation)
    /// The encoded key is in this environment variable.
    case encodedEnv(String)
    /// The encoded key is in this file.
    case encodedFile(URL)
}

/// `apiKey.create`: how to reach the remote and what key to create.
public struct PlanKeyCreation: Sendable, Hashable {
    /// The remote's REST URL, e.g. `https://remote.example.net:9200`.
    public var url: String
    public var user: String
    /// The environment variable with the user's password.
    public var passwordEnv: String
    /// The CA of the remote's HTTP certificate; nil when publicly trusted.
    public var ca: URL?
    /// The key to create (name, expiration, access).
    public var key: CrossClusterAPIKeyRequest
}

/// How the local cluster's Kubernetes objects are applied.
public enum ManifestApplyMode: String, Sendable, Hashable, CaseIterable {
    /// Apply them with kubectl in the local context.
    case kubectl
    /// Only write them to `manifestsDir`.
    case files
    /// Neither; the operator takes care of them.
    case none
}

/// `local`: the local ECK cluster.
public struct PlanLocal: Sendable, Hashable {
    public var url: String
    public var user: String
    public var passwordEnv: String
    /// The CA of the local cluster's HTTP certificate; nil when publicly trusted.
    public var ca: URL?
    public var eck: ECKClusterReference
    public var applyManifests: ManifestApplyMode
    /// Where manifests are written (default: `manifests` beside the plan).
    public var manifestsDir: URL
}

/// All problems found in a plan file, each naming its YAML path.
public struct PlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems that make the plan unusable, in document order.
    public var problems: [FieldProblem]

    public init(problems: [FieldProblem]) { self.problems = problems }

    public var description: String {
        let count = problems.count
        return "The plan has \(count) problem\(count == 1 ? "" : "s"):\n"
            + problems.map { "  \($0.description)" }.joined(separator: "\n")
    }
}

/// A parsed plan and the warnings that do not stop it from being used.
public struct ParsedPlan: Sendable, Hashable {
    public var plan: Plan
    public var warnings: [FieldProblem]
}
