import Crypto
import Foundation
import OrderedCollections
import RemoteClusterKit

/// The two kinds of API key.
public enum APIKeyType: String, Sendable, Hashable {
    case rest
    case crossCluster = "cross_cluster"
}

/// One API key as the cluster stores it: the secret only as a hash.
public struct StoredAPIKey: Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: APIKeyType
    /// SHA-256 of the secret, hex.
    public var secretHash: String
    public var creation: Date
    public var expiration: Date?
    public var invalidated: Bool
    public var invalidation: Date?
    public var username: String
    public var realm: String
    public var metadata: JSONValue
    /// For cross-cluster keys: the `access` as given (normalised).
    public var access: JSONValue?
    /// The role descriptors the key carries (`cross_cluster` for cross-cluster keys).
    public var roleDescriptors: JSONValue

    /// Whether the key has expired at `now`.
    public func isExpired(at now: Date = Date()) -> Bool { expiration.map { $0 <= now } ?? false }
}

/// The result of checking an encoded API key (`base64(id:secret)`).
public enum APIKeyCheck: Sendable, Hashable {
    case valid(StoredAPIKey)
    /// Not base64 of `id:secret`.
    case malformed
    case unknown(id: String)
    case wrongSecret(id: String)
    case expired(StoredAPIKey)
    case invalidated(StoredAPIKey)
}

/// A newly created key: the stored record and the one-time secret.
public struct CreatedAPIKey: Sendable {
    public var key: StoredAPIKey
    public var secret: Secret
    /// `base64(id:secret)`, what clients send.
    public var encoded: Secret
}

/// The API keys of one simulated cluster, shared by its REST API and its remote cluster server.
public final class APIKeyStore: Sendable {
    private let keys = LockedState<[StoredAPIKey]>([])

    public init() {}

    /// Creates a key with a random id (20 characters) and secret (22 characters).
    public func create(
        name: String, type: APIKeyType, username: String, realm: String, expiration: Date?,
        metadata: JSONValue = .object([:]), access: JSONValue? = nil, roleDescriptors: JSONValue = .object([:]),
        now: Date = Date()
    ) -> CreatedAPIKey {
        let id = Self.randomToken(bytes: 15)
        let secret = Self.randomToken(bytes: 16)
        let key = StoredAPIKey(
            id: id, name: name, type: type, secretHash: Self.hash(secret), creation: now, expiration: expiration,
            invalidated: false, invalidation: nil, username: username, realm: realm, metadata: metadata,
            access: access, roleDescriptors: roleDescriptors)
        keys.withLock { $0.append(key) }
        let encoded = Data("\(id):\(secret)".utf8).base64EncodedString()
        return CreatedAPIKey(key: key, secret: Secret(secret), encoded: Secret(encoded))
    }

    /// Every key, in creation order.
    public var all: [StoredAPIKey] { keys.current }

    /// The key with this id.
    public func key(id: String) -> StoredAPIKey? { keys.current.first { $0.id == id } }

    /// Changes one key in place; returns false when there is no such key.
    @discardableResult
    public func update(id: String, _ change: (inout StoredAPIKey) -> Void) -> Bool {
        keys.withLock { keys in
            guard let index = keys.firstIndex(where: { $0.id == id }) else { return false }
            change(&keys[index])
            return true
        }
    }

    /// Marks a key invalidated; returns false when it was already invalidated or does not exist.
    @discardableResult
    public func invalidate(id: String, now: Date = Date()) -> Bool {
        keys.withLock { keys in
            guard let index = keys.firstIndex(where: { $0.id == id }), !keys[index].invalidated else { return false }
            keys[index].invalidated = true
            keys[index].invalidation = now
            return true
        }
    }

    /// Checks an encoded key: format, existence, secret, invalidation, expiry (in that order).
    public func check(encoded: String, now: Date = Date()) -> APIKeyCheck {
        guard let decoded = Data(base64Encoded: encoded.trimmingWhitespace()),
            let text = String(data: decoded, encoding: .utf8),
            let colon = text.firstIndex(of: ":"), colon != text.startIndex
        else { return .malformed }
        let id = String(text[..<colon])
        let secret = String(text[text.index(after: colon)...])
        guard let key = key(id: id) else { return .unknown(id: id) }
        guard Self.hash(secret) == key.secretHash else { return .wrongSecret(id: id) }
        if key.invalidated { return .invalidated(key) }
        if key.isExpired(at: now) { return .expired(key) }
        return .valid(key)
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// URL-safe base64 of random bytes, without padding (the shape of Elasticsearch's ids).
    public static func randomToken(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
