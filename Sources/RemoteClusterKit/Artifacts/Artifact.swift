/// One generated file: a Kubernetes manifest, a configuration fragment, a script, a Dev Tools
/// request, or the notes.
public struct Artifact: Sendable, Hashable {
    /// What kind of content the artifact holds.
    public enum Kind: String, Sendable, Hashable {
        /// A Kubernetes object to `kubectl apply`.
        case kubernetesManifest
        /// A merge patch for a Kubernetes object (`kubectl patch --type merge --patch-file`).
        case kubernetesPatch
        /// Lines for `elasticsearch.yml`.
        case elasticsearchYML
        /// A `sh` script.
        case shellScript
        /// A request to paste into Kibana Dev Tools (request line + JSON body).
        case devToolsRequest
        /// Explanations in Markdown.
        case notes
    }

    /// Which cluster the artifact is for.
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        case local
        case remote(alias: String)

        public var description: String {
            switch self {
            case .local: return "local cluster"
            case .remote(let alias): return "remote \(alias)"
            }
        }
    }

    /// The file name, unique within one set (no folders).
    public var fileName: String
    /// One line saying what the file is.
    public var title: String
    public var kind: Kind
    public var target: Target
    /// The file contents.
    public var text: String
    /// The object (manifest or patch), for applying it without re-reading the text.
    public var object: JSONValue?
    /// Whether `text` holds real secret values (the file must then be mode 0600).
    public var containsSecrets: Bool

    public init(
        fileName: String, title: String, kind: Kind, target: Target, text: String,
        object: JSONValue? = nil, containsSecrets: Bool = false
    ) {
        self.fileName = fileName
        self.title = title
        self.kind = kind
        self.target = target
        self.text = text
        self.object = object
        self.containsSecrets = containsSecrets
    }

    /// A YAML artifact made from an object.
    static func yaml(
        _ object: JSONValue, fileName: String, title: String, kind: Kind, target: Target,
        containsSecrets: Bool = false
    ) -> Artifact {
        Artifact(
            fileName: fileName, title: title, kind: kind, target: target, text: object.yamlString(),
            object: object, containsSecrets: containsSecrets)
    }

    /// Dev Tools requests (`METHOD path` and the pretty JSON body each), separated by blank lines.
    static func devTools(_ requests: [HTTPRequest], fileName: String, title: String, target: Target) -> Artifact {
        Artifact(
            fileName: fileName, title: title, kind: .devToolsRequest, target: target,
            text: requests.map(\.description).joined(separator: "\n\n") + "\n",
            object: requests.count == 1 ? requests[0].body : nil)
    }
}

/// A sentence or paragraph of advice that goes with the artifacts.
public struct ArtifactNote: Sendable, Hashable {
    /// Whether the note only explains or warns about a consequence (a restart, lost trust).
    public enum Severity: String, Sendable, Hashable {
        case info
        case warning
    }

    public var target: Artifact.Target
    public var severity: Severity
    public var text: String

    public init(_ text: String, target: Artifact.Target, severity: Severity = .info) {
        self.text = text
        self.target = target
        self.severity = severity
    }
}

/// The artifacts for one setup plus the notes that explain them.
public struct ArtifactSet: Sendable, Hashable {
    public var artifacts: [Artifact]
    public var notes: [ArtifactNote]

    public init(artifacts: [Artifact] = [], notes: [ArtifactNote] = []) {
        self.artifacts = artifacts
        self.notes = notes
    }

    mutating func append(_ other: ArtifactSet) {
        artifacts += other.artifacts
        notes += other.notes
    }

    /// The artifact with this file name.
    public func artifact(named fileName: String) -> Artifact? {
        artifacts.first { $0.fileName == fileName }
    }

    /// The local cluster's Kubernetes objects in the order to apply them (credentials Secret,
    /// CA ConfigMap, then the `Elasticsearch` resource), e.g. for `KubernetesClient.apply`.
    public var localManifests: [JSONValue] {
        artifacts.filter { $0.target == .local && $0.kind == .kubernetesManifest }.compactMap(\.object)
    }

    /// The merge patch for a remote ECK cluster's `Elasticsearch` resource, if it has one.
    public func remotePatch(alias: String) -> JSONValue? {
        artifacts.first { $0.target == .remote(alias: alias) && $0.kind == .kubernetesPatch }?.object
    }
}
