/// Why a PEM bundle could not be read as certificates.
public enum CertificateInspectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text has no PEM blocks at all (for example a DER file, or something else entirely).
    case notPEM
    /// The bundle holds a private key, which must never be handed to the other cluster.
    case containsPrivateKey(label: String)
    /// The bundle holds PEM blocks, but none is a certificate.
    case noCertificates(labels: [String])
    /// A PEM block is cut off or its body is not base64.
    case damagedPEM(label: String)
    /// The certificate at `index` (0-based) is not valid X.509.
    case invalidCertificate(index: Int, detail: String)

    public var description: String {
        switch self {
        case .notPEM:
            return "it is not a PEM file: no -----BEGIN CERTIFICATE----- block was found"
        case .containsPrivateKey(let label):
            return "it contains a private key (\(label)), not only certificates"
        case .noCertificates(let labels):
            return "it holds no certificate, only \(labels.joined(separator: ", ")) blocks"
        case .damagedPEM(let label):
            return "the \(label) block is damaged (cut off, or its body is not base64)"
        case .invalidCertificate(let index, let detail):
            return "certificate \(index + 1) is not a valid X.509 certificate (\(detail))"
        }
    }
}
