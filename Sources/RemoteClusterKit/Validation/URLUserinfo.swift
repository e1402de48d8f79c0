/// The `user:password@` part of a URL or an address, which must never be repeated in a message.
///
/// Cluster URLs and transport addresses have no use for `@` (credentials go through their own
/// options, and Elasticsearch paths are not accepted), so any `@` marks credentials; the last
/// one ends them, because a password may itself hold an `@` (or a `/`).
public enum URLUserinfo {
    /// Whether `text` holds an `@`, and so probably a user name and password.
    public static func present(in text: some StringProtocol) -> Bool { text.contains("@") }

    /// `text` without everything from after `scheme://` (or the start) to the last `@`:
    /// `https://elastic:pw@host:9200` becomes `https://host:9200`.
    public static func removed(from text: some StringProtocol) -> String {
        guard let at = text.lastIndex(of: "@") else { return String(text) }
        // The scheme is the one before the credentials; a "://" after them is not it.
        let start = text[..<at].range(of: "://")?.upperBound ?? text.startIndex
        return String(text[..<start]) + String(text[text.index(after: at)...])
    }
}
