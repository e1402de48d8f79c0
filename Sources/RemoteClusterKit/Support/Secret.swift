import OrderedCollections

/// A secret value (password, API key, encoded cross-cluster key) that never prints itself.
///
/// `description`, `debugDescription`, string interpolation and `dump` all show `::redacted::`.
/// Code that must hand the value to a cluster or a file reads `revealed` explicitly, which keeps
/// every place that touches the plain text easy to find.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The text every rendering of a secret shows instead of its value.
    public static let redactedText = "::redacted::"

    /// The plain value. Read it only to send it where it belongs.
    public let revealed: String

    /// Wraps a plain value.
    public init(_ value: String) { self.revealed = value }

    /// Whether the secret holds no characters.
    public var isEmpty: Bool { revealed.isEmpty }

    /// A string of bullets as long as the secret (at most `limit`), for masked fields.
    public func masked(limit: Int = 12) -> String {
        String(repeating: "•", count: min(revealed.count, limit))
    }

    public var description: String { Self.redactedText }
    public var debugDescription: String { "Secret(\(Self.redactedText))" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension String {
    /// This text with every occurrence of each secret's value replaced by `::redacted::`.
    ///
    /// Use on anything that may echo a secret back (error bodies, command output) before it is
    /// shown or logged.
    public func redacting(_ secrets: [Secret]) -> String {
        // Compared scalar by scalar, not character by character: a combining mark the server
        // puts after a secret would merge with its last character and hide it from a search
        // by characters, while every byte of the secret stayed on screen.
        var scalars = unicodeScalars
        let replacement = Secret.redactedText.unicodeScalars
        for secret in secrets where secret.revealed.count >= 4 {
            scalars = scalars.replacing(secret.revealed.unicodeScalars, with: replacement)
        }
        return String(scalars)
    }
}

extension JSONValue {
    /// This value with every string (and object key) redacted of the secrets' values.
    public func redacting(_ secrets: [Secret]) -> JSONValue {
        guard !secrets.isEmpty else { return self }
        switch self {
        case .null, .bool, .number: return self
        case .string(let text): return .string(text.redacting(secrets))
        case .array(let items): return .array(items.map { $0.redacting(secrets) })
        case .object(let members):
            var redacted = OrderedDictionary<String, JSONValue>()
            for (key, value) in members { redacted[key.redacting(secrets)] = value.redacting(secrets) }
            return .object(redacted)
        }
    }
}
