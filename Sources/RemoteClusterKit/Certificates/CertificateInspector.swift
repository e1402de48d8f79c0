import Crypto
import Foundation
import SwiftASN1
import X509

/// Reads PEM bundles (CA files, presented chains) into ``CertificateSummary`` values.
public enum CertificateInspector {
    /// Summaries of every certificate in a PEM text, in file order.
    ///
    /// Throws when the text is not PEM, holds a private key, holds no certificate, or a
    /// certificate does not parse.
    public static func inspect(pem text: String) throws(CertificateInspectionError) -> [CertificateSummary] {
        try certificates(pem: text).map(\.summary)
    }

    /// Summaries of every certificate in a PEM file's data. Binary (DER) data is reported as not PEM.
    public static func inspect(pemData data: Data) throws(CertificateInspectionError) -> [CertificateSummary] {
        try certificates(pemData: data).map(\.summary)
    }

    /// Every certificate in a PEM text, parsed, in file order, with the same checks and errors
    /// as `inspect`; what costs more (names as text, the self-signature, the fingerprint) is
    /// worked out only when it is asked for.
    public static func certificates(pem text: String) throws(CertificateInspectionError) -> [ParsedCertificate] {
        let blocks: [PEMBlock]
        do {
            blocks = try PEMBlock.scan(text)
        } catch {
            switch error {
            case .unterminated(let label), .badBase64(let label): throw .damagedPEM(label: label)
            }
        }
        if blocks.isEmpty { throw .notPEM }
        if let key = blocks.first(where: \.isPrivateKey) { throw .containsPrivateKey(label: key.label) }
        let certificates = blocks.filter { $0.label == "CERTIFICATE" || $0.label == "X509 CERTIFICATE" }
        if certificates.isEmpty { throw .noCertificates(labels: blocks.map(\.label)) }
        var parsed: [ParsedCertificate] = []
        for (index, block) in certificates.enumerated() {
            do {
                parsed.append(try ParsedCertificate(Certificate(derEncoded: block.derBytes), der: block.derBytes))
            } catch {
                throw .invalidCertificate(index: index, detail: String(describing: error))
            }
        }
        return parsed
    }

    /// `certificates(pem:)` of a PEM file's data. Binary (DER) data is reported as not PEM.
    public static func certificates(pemData data: Data) throws(CertificateInspectionError) -> [ParsedCertificate] {
        guard let text = String(data: data, encoding: .utf8) else { throw .notPEM }
        return try certificates(pem: text)
    }

    /// SHA-256 of `der` as colon-separated upper-case hex, like `openssl x509 -fingerprint -sha256`.
    public static func fingerprint(der: [UInt8]) -> String {
        // Formatted by hand: String(format:) per byte costs more than the hash itself.
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        for (index, byte) in SHA256.hash(data: der).enumerated() {
            if index > 0 { text.append(UInt8(ascii: ":")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A subject alternative name as text; DNS names and IP addresses only.
    static func text(of name: GeneralName) -> String? {
        switch name {
        case .dnsName(let dns): return dns
        case .ipAddress(let octets): return IPAddressText.format(Array(octets.bytes))
        default: return nil
        }
    }
}
