import Foundation

/// Whether a certificate is valid for a host name or IP address, by its subject alternative
/// names (RFC 6125: a wildcard covers exactly one left-most label; IP addresses match exactly).
///
/// The probe uses it when the chain is not trusted and the TLS library therefore never got to
/// the host name check.
public enum CertificateNameMatch {
    /// Whether any of `certificate`'s names covers `name`.
    public static func matches(_ certificate: CertificateSummary, name: String) -> Bool {
        names(of: certificate).contains { pattern($0, covers: name) }
    }

    /// The certificate's DNS names and IP addresses without `DNS:` / `IP:` prefixes; the subject
    /// common name when there are none.
    public static func names(of certificate: CertificateSummary) -> [String] {
        let sans = certificate.subjectAlternativeNames.map(stripPrefix)
        if !sans.isEmpty { return sans }
        return commonName(of: certificate.subject).map { [$0] } ?? []
    }

    /// Whether one certificate name (maybe `*.example.net`) covers `name`.
    public static func pattern(_ pattern: String, covers name: String) -> Bool {
        let pattern = pattern.lowercased().trimmingTrailingDot
        let name = name.lowercased().trimmingTrailingDot
        let bareName = name.hasPrefix("[") && name.hasSuffix("]") ? String(name.dropFirst().dropLast()) : name
        if pattern == bareName { return true }
        guard pattern.hasPrefix("*.") else { return false }
        let suffix = pattern.dropFirst(1)  // ".example.net"
        guard bareName.hasSuffix(suffix) else { return false }
        let firstLabel = bareName.dropLast(suffix.count)
        return !firstLabel.isEmpty && !firstLabel.contains(".") && !bareName.contains(":")
    }

    private static func stripPrefix(_ san: String) -> String {
        for prefix in ["DNS:", "IP Address:", "IP:", "dNSName:", "iPAddress:"] where san.hasPrefix(prefix) {
            return String(san.dropFirst(prefix.count)).trimmingWhitespace()
        }
        return san
    }

    private static func commonName(of subject: String) -> String? {
        for part in subject.split(separator: ",") {
            let trimmed = part.trimmingWhitespace()
            if trimmed.hasPrefix("CN=") { return String(trimmed.dropFirst(3)) }
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingTrailingDot: String { hasSuffix(".") ? String(dropLast()) : self }
}
