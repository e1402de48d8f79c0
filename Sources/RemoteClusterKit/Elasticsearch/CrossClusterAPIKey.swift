import Foundation

/// A newly created cross-cluster API key. `encoded` is what goes into the local keystore as
/// `cluster.remote.<alias>.credentials`; both secret parts print as `::redacted::`.
public struct CrossClusterAPIKey: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The secret half of the key.
    public var apiKey: Secret
    /// Base64 of `id:api_key`.
    public var encoded: Secret
    /// When the key expires; nil when it never does.
    public var expiration: Date?

    public init(id: String, name: String, apiKey: Secret, encoded: Secret, expiration: Date? = nil) {
        self.id = id
        self.name = name
        self.apiKey = apiKey
        self.encoded = encoded
        self.expiration = expiration
    }

    static let operation = "POST /_security/cross_cluster/api_key"

    init(json: JSONValue) throws(ResponseDecodingError) {
        let op = Self.operation
        let apiKey: String = try json.required("api_key", JSONValue.text, in: op)
        let encoded: String = try json.required("encoded", JSONValue.text, in: op)
        self.init(
            id: try json.required("id", JSONValue.text, in: op),
            name: try json.required("name", JSONValue.text, in: op),
            apiKey: Secret(apiKey), encoded: Secret(encoded), expiration: json.epochMillis("expiration"))
    }
}
