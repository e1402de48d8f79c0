import Foundation
import X509

/// One certificate of a PEM text, parsed, whose extensions were read; the parts that cost
/// more (names as text, the check of its own signature, the fingerprint) are worked out only
/// when asked for, so that checking a CA file's dates does not pay for a whole summary.
public struct ParsedCertificate: Sendable {
    /// The certificate.
    public let certificate: Certificate
    /// Its DER encoding.
    public let der: [UInt8]
    /// Whether basic constraints mark it as a CA.
    public let isCA: Bool
    private let alternativeNames: [GeneralName]

    /// Reads the extensions a summary shows; throws when one of them does not decode.
    init(_ certificate: Certificate, der: [UInt8]) throws {
        self.certificate = certificate
        self.der = der
        switch try certificate.extensions.basicConstraints {
        case .isCertificateAuthority?: isCA = true
        case .notCertificateAuthority?, nil: isCA = false
        }
        alternativeNames = try certificate.extensions.subjectAlternativeNames.map { Array($0) } ?? []
    }

    /// The subject distinguished name, e.g. `CN=logs-transport-ca`.
    public var subject: String { certificate.subject.description }
    /// The issuer distinguished name.
    public var issuer: String { certificate.issuer.description }
    public var notValidBefore: Date { certificate.notValidBefore }
    public var notValidAfter: Date { certificate.notValidAfter }

    /// Whether it is issued by itself: the issuer is the subject and its own key verifies its
    /// signature.
    public var isSelfSigned: Bool {
        certificate.issuer == certificate.subject
            && certificate.publicKey.isValidSignature(certificate.signature, for: certificate)
    }

    /// Everything an operator is shown about it.
    public var summary: CertificateSummary {
        CertificateSummary(
            subject: subject, issuer: issuer, notValidBefore: notValidBefore, notValidAfter: notValidAfter,
            isCA: isCA, subjectAlternativeNames: alternativeNames.compactMap(CertificateInspector.text(of:)),
            sha256Fingerprint: CertificateInspector.fingerprint(der: der), isSelfSigned: isSelfSigned)
    }
}
