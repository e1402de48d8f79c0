import Foundation

/// One `-----BEGIN <label>-----` … `-----END <label>-----` block of a PEM file, decoded.
///
/// The scanner is tolerant on purpose: it accepts any line length, CRLF line endings, encapsulated
/// headers such as `Proc-Type:` and text between blocks (OpenSSL writes `Bag Attributes` there).
struct PEMBlock: Sendable, Hashable {
    /// The label after `BEGIN`, e.g. `CERTIFICATE` or `RSA PRIVATE KEY`.
    var label: String
    /// The decoded body (DER for certificates).
    var derBytes: [UInt8]

    /// Whether the block holds a private key of any kind.
    var isPrivateKey: Bool { label.uppercased().contains("PRIVATE KEY") }

    /// Why a PEM text could not be split into blocks.
    enum ScanError: Error, Hashable {
        /// A BEGIN line has no matching END line.
        case unterminated(label: String)
        /// The body of the block is not base64.
        case badBase64(label: String)
    }

    /// All blocks in `text`, in order. Text outside blocks is ignored, and markers need not start
    /// a line (files glued together with `cat` often lack the final newline).
    static func scan(_ text: String) throws(ScanError) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var rest = text[...]
        while let begin = rest.range(of: "-----BEGIN ") {
            guard let labelEnd = rest[begin.upperBound...].range(of: "-----") else {
                throw .unterminated(label: String(rest[begin.upperBound...].prefix(20)))
            }
            let label = String(rest[begin.upperBound..<labelEnd.lowerBound])
            guard let end = rest[labelEnd.upperBound...].range(of: "-----END \(label)-----") else {
                throw .unterminated(label: label)
            }
            let body = rest[labelEnd.upperBound..<end.lowerBound]
                .split(whereSeparator: \.isNewline)
                .filter { !$0.contains(":") }  // encapsulated headers such as Proc-Type:
                .joined()
                .filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: body), !data.isEmpty else { throw .badBase64(label: label) }
            blocks.append(PEMBlock(label: label, derBytes: Array(data)))
            rest = rest[end.upperBound...]
        }
        return blocks
    }
}
