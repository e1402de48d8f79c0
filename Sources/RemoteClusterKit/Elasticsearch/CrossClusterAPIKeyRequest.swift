/// The body of `POST /_security/cross_cluster/api_key`, run on the remote cluster.
public struct CrossClusterAPIKeyRequest: Sendable, Hashable {
    public var name: String
    public var access: CrossClusterAccess
    /// An Elasticsearch duration such as `90d`; nil for a key that never expires.
    public var expiration: String?
    /// Free-form metadata (an object); keys starting with `_` are reserved.
    public var metadata: JSONValue?
    /// A certificate DN pattern the key is bound to (Elasticsearch 9.3+).
    public var certificateIdentity: String?

    public init(
        name: String, access: CrossClusterAccess, expiration: String? = nil, metadata: JSONValue? = nil,
        certificateIdentity: String? = nil
    ) {
        self.name = name
        self.access = access
        self.expiration = expiration
        self.metadata = metadata
        self.certificateIdentity = certificateIdentity
    }

    /// The request body, keys in the documented order.
    public var json: JSONValue {
        var body: JSONValue = ["name": .string(name)]
        if let expiration { body["expiration"] = .string(expiration) }
        body["access"] = access.json
        if let metadata { body["metadata"] = metadata }
        if let certificateIdentity { body["certificate_identity"] = .string(certificateIdentity) }
        return body
    }
}

/// The body of `PUT /_security/cross_cluster/api_key/<id>`: what to replace. Absent fields stay.
public struct CrossClusterAPIKeyUpdate: Sendable, Hashable {
    /// Replaces the whole previous access.
    public var access: CrossClusterAccess?
    public var expiration: String?
    /// Replaces the previous metadata entirely.
    public var metadata: JSONValue?
    /// Binds the key to another certificate DN pattern, or clears the binding (9.3+).
    public var certificateIdentity: CertificateIdentityChange?

    /// A change to `certificate_identity`.
    public enum CertificateIdentityChange: Sendable, Hashable {
        case set(String)
        case clear
    }

    public init(
        access: CrossClusterAccess? = nil, expiration: String? = nil, metadata: JSONValue? = nil,
        certificateIdentity: CertificateIdentityChange? = nil
    ) {
        self.access = access
        self.expiration = expiration
        self.metadata = metadata
        self.certificateIdentity = certificateIdentity
    }

    public var json: JSONValue {
        var body: JSONValue = [:]
        if let access { body["access"] = access.json }
        if let expiration { body["expiration"] = .string(expiration) }
        if let metadata { body["metadata"] = metadata }
        switch certificateIdentity {
        case .set(let pattern)?: body["certificate_identity"] = .string(pattern)
        case .clear?: body["certificate_identity"] = .null
        case nil: break
        }
        return body
    }
}
