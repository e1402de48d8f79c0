/// Tells what protocol a server speaks from the first bytes it sent, so that a message says
/// "plain HTTP" only when the server really answered in HTTP.
public enum ProtocolBytes {
    /// What the first bytes look like.
    public enum Kind: Sendable, Hashable {
        /// An HTTP status line (`HTTP/1.1 400 …`).
        case http
        /// A TLS record: content type 20–24 (handshake, alert, …) and major version 3.
        case tls
        /// Anything else: another protocol, or random bytes.
        case other
    }

    /// How many bytes messages show.
    public static let shownCount = 8

    public static func kind(of bytes: some Collection<UInt8>) -> Kind {
        if bytes.starts(with: Array("HTTP/".utf8)) { return .http }
        let head = Array(bytes.prefix(2))
        if head.count == 2, (20...24).contains(head[0]), head[1] == 3 { return .tls }
        return .other
    }

    /// The first bytes as hex, with their printable ASCII beside them:
    /// `45 53 00 00 00 1a 00 00 ("ES……")`.
    public static func describe(_ bytes: some Collection<UInt8>) -> String {
        let shown = Array(bytes.prefix(shownCount))
        guard !shown.isEmpty else { return "none" }
        let hex = shown.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
        let ascii = String(shown.map { (0x20..<0x7F).contains($0) ? Character(Unicode.Scalar($0)) : "." })
        return "\(hex) (\"\(ascii)\")\(bytes.count > shownCount ? " …" : "")"
    }
}
