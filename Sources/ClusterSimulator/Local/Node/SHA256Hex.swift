import Crypto
import Foundation

/// Hex digests used in simulated responses and diagnostics.
enum SHA256Hex {
    static func digest(of data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-1 fingerprint of DER bytes, lower-case hex, as Elasticsearch's SSL diagnostics print it.
    static func sha1(of der: [UInt8]) -> String {
        Insecure.SHA1.hash(data: der).map { String(format: "%02x", $0) }.joined()
    }
}
