import Foundation

/// One key from `GET /_security/api_key` (never holds the secret).
public struct APIKeyInfo: Sendable, Hashable {
    public var id: String
    public var name: String
    /// `rest` or `cross_cluster`; nil on releases before 8.10.
    public var type: String?
    public var creation: Date?
    public var expiration: Date?
    public var invalidated: Bool
    public var invalidation: Date?
    /// The owner.
    public var username: String?
    public var realm: String?
    /// The owner's realm type (8.14+).
    public var realmType: String?
    /// The certificate DN pattern a cross-cluster key is bound to (9.3+).
    public var certificateIdentity: String?
    public var metadata: JSONValue
    /// Cross-cluster keys only.
    public var access: CrossClusterAccess?
    /// The role descriptors as Elasticsearch stored them.
    public var roleDescriptors: JSONValue?

    public init(
        id: String, name: String, type: String? = nil, creation: Date? = nil, expiration: Date? = nil,
        invalidated: Bool = false, invalidation: Date? = nil, username: String? = nil, realm: String? = nil,
        metadata: JSONValue = [:], access: CrossClusterAccess? = nil, roleDescriptors: JSONValue? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.creation = creation
        self.expiration = expiration
        self.invalidated = invalidated
        self.invalidation = invalidation
        self.username = username
        self.realm = realm
        self.metadata = metadata
        self.access = access
        self.roleDescriptors = roleDescriptors
    }

    /// Whether the key is a cross-cluster key.
    public var isCrossCluster: Bool { type == "cross_cluster" }

    /// Whether the key can still be used at `date`.
    public func isActive(at date: Date = Date()) -> Bool {
        !invalidated && (expiration.map { $0 > date } ?? true)
    }

    static let operation = "GET /_security/api_key"

    init(json: JSONValue) throws(ResponseDecodingError) {
        self.init(
            id: try json.required("id", JSONValue.text, in: Self.operation),
            name: json.text("name") ?? "",
            type: json.text("type"),
            creation: json.epochMillis("creation"),
            expiration: json.epochMillis("expiration"),
            invalidated: json.flag("invalidated") ?? false,
            invalidation: json.epochMillis("invalidation"),
            username: json.text("username"),
            realm: json.text("realm"),
            metadata: json["metadata"] ?? [:],
            access: json["access"].map(CrossClusterAccess.init(json:)),
            roleDescriptors: json["role_descriptors"])
        realmType = json.text("realm_type")
        certificateIdentity = json.text("certificate_identity")
    }

    static func decodeAll(_ body: JSONValue) throws(ResponseDecodingError) -> [APIKeyInfo] {
        guard let keys = body["api_keys"]?.arrayValue else {
            throw ResponseDecodingError(operation: operation, detail: "the field \"api_keys\" is missing")
        }
        var result: [APIKeyInfo] = []
        for key in keys { result.append(try APIKeyInfo(json: key)) }
        return result
    }
}

/// Which keys `GET /_security/api_key` returns.
public struct APIKeyQuery: Sendable, Hashable {
    public var id: String?
    /// A key name; a trailing `*` is a wildcard.
    public var name: String?
    /// Leave out invalidated and expired keys (8.10+).
    public var activeOnly: Bool

    public init(id: String? = nil, name: String? = nil, activeOnly: Bool = false) {
        self.id = id
        self.name = name
        self.activeOnly = activeOnly
    }
}

/// Which keys `DELETE /_security/api_key` invalidates.
public enum APIKeyInvalidation: Sendable, Hashable {
    case ids([String])
    case name(String)

    var json: JSONValue {
        switch self {
        case .ids(let ids): return ["ids": .array(ids.map(JSONValue.string))]
        case .name(let name): return ["name": .string(name)]
        }
    }
}

/// The answer of `DELETE /_security/api_key`. It is a 200 even when some keys failed.
public struct APIKeyInvalidationResult: Sendable, Hashable {
    public var invalidated: [String]
    public var previouslyInvalidated: [String]
    public var errorCount: Int
    public var errors: [ElasticsearchErrorCause]

    public init(
        invalidated: [String], previouslyInvalidated: [String] = [], errorCount: Int = 0,
        errors: [ElasticsearchErrorCause] = []
    ) {
        self.invalidated = invalidated
        self.previouslyInvalidated = previouslyInvalidated
        self.errorCount = errorCount
        self.errors = errors
    }

    init(json: JSONValue) {
        self.init(
            invalidated: json.strings("invalidated_api_keys") ?? [],
            previouslyInvalidated: json.strings("previously_invalidated_api_keys") ?? [],
            errorCount: json.integer("error_count") ?? 0,
            errors: json["error_details"]?.arrayValue?.compactMap(ElasticsearchErrorCause.init(json:)) ?? [])
    }
}
