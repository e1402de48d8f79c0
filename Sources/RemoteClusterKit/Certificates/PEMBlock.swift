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
        // PEM is ASCII: read its bytes. Other text keeps the Unicode rules below (e.g. which
        // characters end a line), so both give the same blocks.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return try scanASCII(Array(text.utf8)) }
        return try scanCharacters(text)
    }

    /// `scan` of any text, character by character.
    static func scanCharacters(_ text: String) throws(ScanError) -> [PEMBlock] {
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

    /// `scan` of ASCII text, byte by byte.
    static func scanASCII(_ bytes: [UInt8]) throws(ScanError) -> [PEMBlock] {
        let dashes = Array("-----".utf8)
        var blocks: [PEMBlock] = []
        var position = 0
        while let begin = find(Array("-----BEGIN ".utf8), in: bytes, from: position) {
            let labelStart = begin + "-----BEGIN ".utf8.count
            guard let labelEnd = find(dashes, in: bytes, from: labelStart) else {
                throw .unterminated(label: String(String(decoding: bytes[labelStart...], as: UTF8.self).prefix(20)))
            }
            let labelBytes = bytes[labelStart..<labelEnd]
            let label = String(decoding: labelBytes, as: UTF8.self)
            let bodyStart = labelEnd + dashes.count
            let endMarker = Array("-----END ".utf8) + labelBytes + dashes
            guard let end = find(endMarker, in: bytes, from: bodyStart) else { throw .unterminated(label: label) }
            let body = bytes[bodyStart..<end]
                .split(whereSeparator: isASCIINewline)
                .filter { !$0.contains(UInt8(ascii: ":")) }  // encapsulated headers such as Proc-Type:
                .joined()
                .filter { !isASCIIWhitespace($0) }
            guard let data = Data(base64Encoded: String(decoding: body, as: UTF8.self)), !data.isEmpty else {
                throw .badBase64(label: label)
            }
            blocks.append(PEMBlock(label: label, derBytes: Array(data)))
            position = end + endMarker.count
        }
        return blocks
    }

    /// Line feed, vertical tab, form feed and carriage return: the ASCII characters Swift counts as newlines.
    private static func isASCIINewline(_ byte: UInt8) -> Bool { (0x0A...0x0D).contains(byte) }

    /// The newlines, tab and space: the ASCII characters Swift counts as whitespace.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool { isASCIINewline(byte) || byte == 0x09 || byte == 0x20 }

    /// Where `pattern` first starts in `bytes` at or after `start`.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count - start >= pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
