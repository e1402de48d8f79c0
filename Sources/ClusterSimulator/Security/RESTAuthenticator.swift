import Foundation
import OrderedCollections
import RemoteClusterKit

/// Authenticates a REST request; throws the exact 401 body Elasticsearch sends.
public protocol RESTAuthenticating: Sendable {
    func authenticate(_ request: IncomingHTTPRequest) async throws(ElasticsearchErrorResponse) -> AuthenticatedPrincipal
}

/// Basic (native and reserved realm users) and `ApiKey` (REST keys only) authentication.
public final class RESTAuthenticator: RESTAuthenticating {
    private let users: LockedState<[String: SimulatedUser]>
    private let apiKeys: APIKeyStore
    /// The cluster privileges a list of role names grants now (the role store); added to a user's own.
    private let rolePrivileges: (@Sendable ([String]) -> Set<String>)?

    /// The `WWW-Authenticate` values sent with every 401.
    public static let challenges = [
        "Basic realm=\"security\", charset=\"UTF-8\"", "Bearer realm=\"security\"", "ApiKey",
    ]

    public init(
        users: [SimulatedUser], apiKeys: APIKeyStore, rolePrivileges: (@Sendable ([String]) -> Set<String>)? = nil
    ) {
        self.users = LockedState(Dictionary(users.map { ($0.username, $0) }, uniquingKeysWith: { _, last in last }))
        self.apiKeys = apiKeys
        self.rolePrivileges = rolePrivileges
    }

    /// Removes a user; returns whether it existed.
    @discardableResult
    public func removeUser(_ name: String) -> Bool { users.withLock { $0.removeValue(forKey: name) != nil } }

    /// The cluster privileges of a user: its own and those its roles grant now.
    func clusterPrivileges(of user: SimulatedUser) -> Set<String> {
        user.clusterPrivileges.union(rolePrivileges?(user.roles) ?? [])
    }

    /// Adds or replaces a user.
    public func setUser(_ user: SimulatedUser) { users.withLock { $0[user.username] = user } }

    /// The user with this name.
    public func user(_ name: String) -> SimulatedUser? { users.current[name] }

    /// Every user name, sorted.
    public var userNames: [String] { users.current.keys.sorted() }

    public func authenticate(_ request: IncomingHTTPRequest) async throws(ElasticsearchErrorResponse)
        -> AuthenticatedPrincipal
    {
        guard let header = request.header("Authorization")?.trimmingWhitespace(), !header.isEmpty
        else {
            throw Self.unauthorized("missing authentication credentials for REST request [\(request.uri)]")
        }
        let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
        let scheme = parts[0].lowercased()
        let credentials = parts.count > 1 ? parts[1].trimmingWhitespace() : ""
        switch scheme {
        case "basic":
            return try authenticateBasic(credentials, uri: request.uri)
        case "apikey":
            return try authenticateAPIKey(credentials)
        default:
            throw Self.unauthorized("missing authentication credentials for REST request [\(request.uri)]")
        }
    }

    private func authenticateBasic(_ credentials: String, uri: String) throws(ElasticsearchErrorResponse)
        -> AuthenticatedPrincipal
    {
        guard let data = Data(base64Encoded: credentials), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else {
            throw Self.unauthorized("missing authentication credentials for REST request [\(uri)]")
        }
        let name = String(text[..<colon])
        let password = String(text[text.index(after: colon)...])
        guard let user = users.current[name], user.password.revealed == password else {
            throw Self.unauthorized("unable to authenticate user [\(name)] for REST request [\(uri)]")
        }
        return AuthenticatedPrincipal(
            username: user.username, roles: user.roles, clusterPrivileges: clusterPrivileges(of: user),
            realm: user.username == "elastic" ? "reserved" : "default_native", apiKeyID: nil, apiKeyName: nil)
    }

    private func authenticateAPIKey(_ encoded: String) throws(ElasticsearchErrorResponse) -> AuthenticatedPrincipal {
        let failure: String
        switch apiKeys.check(encoded: encoded) {
        case .valid(let key):
            guard key.type == .rest else {
                failure =
                    "authentication expected API key type of [rest], but API key [\(key.id)] has type [\(key.type.rawValue)]"
                break
            }
            let owner = users.current[key.username]
            return AuthenticatedPrincipal(
                username: key.username, roles: [], clusterPrivileges: owner.map(clusterPrivileges(of:)) ?? [],
                realm: key.realm, apiKeyID: key.id, apiKeyName: key.name)
        case .malformed:
            failure = "invalid API key value"
        case .unknown(let id):
            failure = "unable to find apikey with id \(id)"
        case .wrongSecret(let id):
            failure = "invalid credentials for API key [\(id)]"
        case .expired:
            failure = "api key is expired"
        case .invalidated:
            failure = "api key has been invalidated"
        }
        throw Self.unauthorized(
            "unable to authenticate with provided credentials and anonymous access is not allowed for this request",
            extra: ["additional_unsuccessful_credentials": .string("API key: \(failure)")])
    }

    /// A 401 `security_exception` with the `WWW-Authenticate` challenges in the body and as headers.
    public static func unauthorized(_ reason: String, extra: OrderedDictionary<String, JSONValue> = [:])
        -> ElasticsearchErrorResponse
    {
        var members = extra
        members["header"] = .object(["WWW-Authenticate": .array(challenges.map { .string($0) })])
        return ElasticsearchErrorResponse(
            status: 401, type: "security_exception", reason: reason, extra: members,
            responseHeaders: challenges.map { HTTPHeader("WWW-Authenticate", $0) })
    }
}
