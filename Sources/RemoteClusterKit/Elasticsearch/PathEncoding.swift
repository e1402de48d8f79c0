import Foundation

/// Percent-encoding for the parts of request paths and query strings.
enum PathEncoding {
    /// RFC 3986 unreserved characters.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// One path segment (a role name, a key id): everything but unreserved characters encoded.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// One index expression such as `logs:*`: also keeps `:` and `*`, which are legal in a path.
    static func expression(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: ":*"))) ?? text
    }

    /// A query string from ordered name–value pairs; nil values are left out.
    static func query(_ pairs: [(String, String?)]) -> String {
        let items = pairs.compactMap { name, value in value.map { "\(segment(name))=\(segment($0))" } }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }
}
