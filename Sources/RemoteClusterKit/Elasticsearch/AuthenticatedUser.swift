/// The answer of `GET /_security/_authenticate`: who the credentials belong to.
public struct AuthenticatedUser: Sendable, Hashable {
    public var username: String
    public var roles: [String]
    public var fullName: String?
    public var email: String?
    public var enabled: Bool
    /// The realm that checked the credentials, e.g. `file`, `native`, `_es_api_key`.
    public var authenticationRealm: String?
    public var authenticationRealmType: String?
    /// The realm that resolved the user; differs from the authentication realm under run-as.
    public var lookupRealm: String?
    /// `realm`, `api_key`, `token`, `anonymous` or `internal`.
    public var authenticationType: String?
    /// The API key's id when the call was authenticated with one.
    public var apiKeyID: String?
    public var apiKeyName: String?

    public init(
        username: String, roles: [String] = [], fullName: String? = nil, enabled: Bool = true,
        authenticationRealm: String? = nil, authenticationRealmType: String? = nil, authenticationType: String? = nil,
        apiKeyID: String? = nil, apiKeyName: String? = nil
    ) {
        self.username = username
        self.roles = roles
        self.fullName = fullName
        self.enabled = enabled
        self.authenticationRealm = authenticationRealm
        self.authenticationRealmType = authenticationRealmType
        self.authenticationType = authenticationType
        self.apiKeyID = apiKeyID
        self.apiKeyName = apiKeyName
    }

    /// Whether the caller used an API key (which cannot create cross-cluster keys).
    public var isAPIKey: Bool { authenticationType == "api_key" || apiKeyID != nil }

    static let operation = "GET /_security/_authenticate"

    init(json: JSONValue) throws(ResponseDecodingError) {
        self.init(
            username: try json.required("username", JSONValue.text, in: Self.operation),
            roles: json.strings("roles") ?? [],
            fullName: json.text("full_name"),
            enabled: json.flag("enabled") ?? true,
            authenticationRealm: json["authentication_realm"]?.text("name"),
            authenticationRealmType: json["authentication_realm"]?.text("type"),
            authenticationType: json.text("authentication_type"),
            apiKeyID: json["api_key"]?.text("id"),
            apiKeyName: json["api_key"]?.text("name"))
        email = json.text("email")
        lookupRealm = json["lookup_realm"]?.text("name")
    }
}
