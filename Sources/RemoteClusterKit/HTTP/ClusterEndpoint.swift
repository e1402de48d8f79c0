import Foundation

/// How to authenticate to a cluster's REST API.
public enum ClusterAuth: Sendable, Hashable, CustomStringConvertible {
    /// No credentials.
    case none
    /// HTTP basic authentication.
    case basic(user: String, password: Secret)
    /// An encoded API key, sent as `Authorization: ApiKey <encoded>`.
    case apiKey(Secret)

    /// The `Authorization` header value, or nil without credentials. Read it only to send it.
    public var authorizationHeader: Secret? {
        switch self {
        case .none: return nil
        case .basic(let user, let password):
            return Secret("Basic " + "\(user):\(password.revealed)".utf8Data.base64EncodedString())
        case .apiKey(let key):
            return Secret("ApiKey \(key.revealed)")
        }
    }

    /// The secrets this authentication carries, for redaction: the password or key and every
    /// form a server may echo back (the base64 `user:password` token of the Basic header, the
    /// decoded `id:api_key` of an encoded key and its `api_key` part).
    public var secrets: [Secret] {
        switch self {
        case .none: return []
        case .basic(_, let password):
            let token = authorizationHeader.map { String($0.revealed.dropFirst("Basic ".count)) } ?? ""
            return [password, Secret(token)]
        case .apiKey(let key):
            guard let decoded = Validators.decodeBase64(key.revealed), let colon = decoded.firstIndex(of: ":") else {
                return [key]
            }
            return [key, Secret(decoded), Secret(String(decoded[decoded.index(after: colon)...]))]
        }
    }

    public var description: String {
        switch self {
        case .none: return "no credentials"
        case .basic(let user, _): return "user \(user)"
        case .apiKey: return "API key"
        }
    }
}

/// Which certificates to trust when verifying a server.
public enum TrustSource: Sendable, Hashable, CustomStringConvertible {
    /// The operating system's trust store (publicly trusted certificates).
    case systemStore
    /// A PEM file with one or more CA certificates.
    case caFile(String)

    public var description: String {
        switch self {
        case .systemStore: return "the system trust store"
        case .caFile(let path): return path
        }
    }
}

/// Time limits for one request, in seconds.
public struct Timeouts: Sendable, Hashable {
    /// How long to wait for the TCP connection and the TLS handshake.
    public var connect: Double
    /// How long the whole request may take.
    public var request: Double

    public init(connect: Double = 10, request: Double = 30) {
        self.connect = connect
        self.request = request
    }
}

/// One cluster's REST endpoint: where it is, how to authenticate and what to trust.
///
/// TLS verification is on unless `insecure` is set explicitly, and every screen that shows an
/// insecure endpoint says so.
public struct ClusterEndpoint: Sendable, Hashable {
    /// The base URL, e.g. `https://central.example.net:9200`, without a trailing slash.
    public var baseURL: String
    public var auth: ClusterAuth
    public var trust: TrustSource
    /// Skips certificate and host name verification. Only when the operator asked for it.
    public var insecure: Bool
    public var timeouts: Timeouts

    public init(
        baseURL: String, auth: ClusterAuth = .none, trust: TrustSource = .systemStore, insecure: Bool = false,
        timeouts: Timeouts = Timeouts()
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.auth = auth
        self.trust = trust
        self.insecure = insecure
        self.timeouts = timeouts
    }
}
