import Foundation

/// What an operator needs to know about one X.509 certificate.
public struct CertificateSummary: Sendable, Hashable {
    /// The subject distinguished name, e.g. `CN=logs-transport-ca`.
    public var subject: String
    /// The issuer distinguished name.
    public var issuer: String
    public var notValidBefore: Date
    public var notValidAfter: Date
    /// Whether basic constraints mark it as a CA.
    public var isCA: Bool
    /// DNS names and IP addresses from the subject alternative names, as text.
    public var subjectAlternativeNames: [String]
    /// SHA-256 of the DER encoding, as colon-separated upper-case hex.
    public var sha256Fingerprint: String
    /// Whether the certificate is issued by itself (issuer is the subject and its own key
    /// verifies its signature). A self-signed server certificate is its own trust anchor.
    public var isSelfSigned: Bool

    public init(
        subject: String, issuer: String, notValidBefore: Date, notValidAfter: Date, isCA: Bool,
        subjectAlternativeNames: [String], sha256Fingerprint: String, isSelfSigned: Bool = false
    ) {
        self.isSelfSigned = isSelfSigned
        self.subject = subject
        self.issuer = issuer
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
        self.isCA = isCA
        self.subjectAlternativeNames = subjectAlternativeNames
        self.sha256Fingerprint = sha256Fingerprint
    }

    /// Whether `date` falls inside the validity period.
    public func isValid(at date: Date) -> Bool { notValidBefore <= date && date <= notValidAfter }
}
