import Foundation
import SwiftASN1
import X509

/// Verifies a server's certificate chain against a set of CA certificates and an expected name, and
/// says precisely what is wrong: outside its validity period, not issued by a trusted CA, or for
/// other names. Used by the handshake client when a CA file is configured.
struct PeerCertificateCheck: Sendable {
    enum Failure: Error, Sendable, Hashable {
        case notTrusted(String)
        case expired(String)
        case nameMismatch(String)
    }

    var trusted: [Certificate]
    /// The server name (SNI) or, without one, the host the client connected to (name or IP).
    var expectedName: String
    var now: Date = Date()

    /// Checks `chain` (leaf first). Returns nil when it is acceptable.
    func check(_ chain: [Certificate]) -> Failure? {
        guard let leaf = chain.first else { return .notTrusted("the server sent no certificate") }
        let subject = leaf.subject.description
        for certificate in chain.prefix(1) where now < certificate.notValidBefore || now > certificate.notValidAfter {
            let window = "valid from \(certificate.notValidBefore) to \(certificate.notValidAfter)"
            return .expired(
                "the certificate [\(subject)] is \(now < certificate.notValidBefore ? "not yet valid" : "expired") (\(window))"
            )
        }
        guard chainsToTrustedCA(leaf, intermediates: Array(chain.dropFirst())) else {
            return .notTrusted("the certificate [\(subject)] is issued by [\(leaf.issuer)], which is not a trusted CA")
        }
        guard Self.matches(leaf, name: expectedName) else {
            let names = Self.alternativeNames(leaf).joined(separator: ", ")
            return .nameMismatch("the certificate [\(subject)] is for [\(names)], not \(expectedName)")
        }
        return nil
    }

    private func chainsToTrustedCA(_ certificate: Certificate, intermediates: [Certificate], depth: Int = 0) -> Bool {
        if trusted.contains(certificate) { return true }
        for ca in trusted where ca.subject == certificate.issuer {
            if ca.publicKey.isValidSignature(certificate.signature, for: certificate),
                now >= ca.notValidBefore, now <= ca.notValidAfter
            {
                return true
            }
        }
        guard depth < 4 else { return false }
        for parent in intermediates where parent.subject == certificate.issuer && parent != certificate {
            if parent.publicKey.isValidSignature(certificate.signature, for: certificate),
                chainsToTrustedCA(parent, intermediates: intermediates, depth: depth + 1)
            {
                return true
            }
        }
        return false
    }

    static func alternativeNames(_ certificate: Certificate) -> [String] {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return names.compactMap { name in
            switch name {
            case .dnsName(let dns): return "DNS:\(dns)"
            case .ipAddress(let bytes): return "IP:\(ipText(Array(bytes.bytes)))"
            default: return nil
            }
        }
    }

    static func matches(_ certificate: Certificate, name: String) -> Bool {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return false }
        let target = name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if let address = try? GeneratedCA.addressBytes(target) {
            return names.contains {
                if case .ipAddress(let bytes) = $0 { return Array(bytes.bytes) == address } else { return false }
            }
        }
        return names.contains { general in
            guard case .dnsName(let dns) = general else { return false }
            let pattern = dns.lowercased()
            if pattern.hasPrefix("*.") {
                guard let dot = target.firstIndex(of: ".") else { return false }
                return target[dot...] == pattern.dropFirst()
            }
            return pattern == target
        }
    }

    static func ipText(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        for index in stride(from: 0, to: bytes.count - 1, by: 2) {
            groups.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":")
    }
}
