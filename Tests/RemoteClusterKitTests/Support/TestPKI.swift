import Crypto
import Foundation
import SwiftASN1
import X509

/// Certificates made on the fly for tests, with swift-certificates.
enum TestPKI {
    /// A key and a certificate, self-signed or issued by another one.
    struct Issued {
        var key: P256.Signing.PrivateKey
        var certificate: Certificate
        var pem: String { (try? certificate.serializeAsPEM().pemString) ?? "" }
        var der: [UInt8] {
            var serializer = DER.Serializer()
            try? serializer.serialize(certificate)
            return serializer.serializedBytes
        }
        var keyPEM: String { key.pemRepresentation }
    }

    static let day: TimeInterval = 86_400

    /// A self-signed CA valid from `notBefore` to `notAfter`.
    static func ca(
        _ name: String = "Test Remote CA", notBefore: Date = Date(timeIntervalSinceNow: -day),
        notAfter: Date = Date(timeIntervalSinceNow: 365 * day)
    ) throws -> Issued {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(name) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter, issuer: subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                KeyUsage(keyCertSign: true, cRLSign: true)
            },
            issuerPrivateKey: .init(key))
        return Issued(key: key, certificate: certificate)
    }

    /// A server (non-CA) certificate issued by `issuer` for DNS names and IP addresses.
    static func leaf(
        _ name: String, dnsNames: [String] = [], ipAddresses: [[UInt8]] = [], issuer: Issued,
        notBefore: Date = Date(timeIntervalSinceNow: -day), notAfter: Date = Date(timeIntervalSinceNow: 90 * day)
    ) throws -> Issued {
        let key = P256.Signing.PrivateKey()
        let names =
            dnsNames.map { GeneralName.dnsName($0) }
            + ipAddresses.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: $0[...])) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter, issuer: issuer.certificate.subject,
            subject: try DistinguishedName { CommonName(name) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(issuer.key))
        return Issued(key: key, certificate: certificate)
    }
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rckit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` and returns the path.
    func write(_ text: String, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func write(_ data: Data, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file.path
    }
}

extension TestPKI {
    /// A self-signed server (non-CA) certificate, the kind a test cluster often has.
    static func selfSignedLeaf(_ name: String, dnsNames: [String]) throws -> Issued {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(name) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: Date(timeIntervalSinceNow: -day), notValidAfter: Date(timeIntervalSinceNow: 90 * day),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames(dnsNames.map { GeneralName.dnsName($0) })
            },
            issuerPrivateKey: .init(key))
        return Issued(key: key, certificate: certificate)
    }
}
