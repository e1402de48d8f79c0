/// Percent-encoding for the parts of request paths and query strings.
///
/// Done here on the UTF-8 bytes rather than with Foundation's `addingPercentEncoding`, which goes
/// through `NSString` and made the Swift runtime scan every conformance record of the binary
/// three times on the first request path of each `status` run. `PathEncodingTests` compares the
/// two on generated texts.
enum PathEncoding {
    /// One path segment (a role name, a key id): everything but RFC 3986's unreserved characters
    /// encoded.
    static func segment(_ text: String) -> String {
        encoded(text, keeping: isUnreserved)
    }

    /// One index expression such as `logs:*`: also keeps `:` and `*`, which are legal in a path.
    static func expression(_ text: String) -> String {
        encoded(text) { isUnreserved($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "*") }
    }

    /// A query string from ordered name–value pairs; nil values are left out.
    static func query(_ pairs: [(String, String?)]) -> String {
        var query = ""
        for (name, value) in pairs {
            guard let value else { continue }
            query += query.isEmpty ? "?" : "&"
            query += segment(name) + "=" + segment(value)
        }
        return query
    }

    /// RFC 3986's unreserved characters: ASCII letters and digits, `-`, `.`, `_` and `~`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)

    /// `text` with every UTF-8 byte that `keeping` refuses written as `%XX` (upper-case hex).
    private static func encoded(_ text: String, keeping: (UInt8) -> Bool) -> String {
        var result = String.UnicodeScalarView()
        for byte in text.utf8 {
            if keeping(byte) {
                result.append(Unicode.Scalar(byte))
            } else {
                result.append("%")
                result.append(hexDigits[Int(byte >> 4)])
                result.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(result)
    }
}
