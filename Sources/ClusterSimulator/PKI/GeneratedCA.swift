import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate authority made on the fly (P-256 key), for simulated clusters and for tests.
///
/// ```swift
/// let ca = try GeneratedCA(commonName: "remote transport CA")
/// let leaf = try ca.issue(commonName: "remote", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
/// let files = try leaf.write(to: directory, baseName: "remote-cluster")
/// ```
/// A certificate "from another CA" is simply one issued by a second `GeneratedCA`.
public struct GeneratedCA: Sendable {
    /// The CA's common name.
    public let commonName: String
    /// The self-signed CA certificate.
    public let certificate: Certificate
    /// The CA certificate as PEM.
    public let certificatePEM: String
    /// The CA's private key as PEM (PKCS#8).
    public let privateKeyPEM: String
    private let signingKeyDER: Data

    /// Creates a self-signed CA valid for `validity` (ten years by default).
    public init(commonName: String, validity: CertificateValidity = .valid(days: 3_650)) throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName(commonName) }
        let window = validity.window()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: publicKey)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: window.notBefore, notValidAfter: window.notAfter,
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: Certificate.PrivateKey(key))
        self.commonName = commonName
        self.certificate = certificate
        self.certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
        self.privateKeyPEM = key.pemRepresentation + "\n"
        self.signingKeyDER = key.derRepresentation
    }

    /// Issues a server (and client) certificate for these DNS names and IP addresses.
    ///
    /// `ipAddresses` are textual IPv4 (`127.0.0.1`) or IPv6 (`::1`) addresses; anything else throws.
    public func issue(
        commonName: String, dnsNames: [String] = [], ipAddresses: [String] = [],
        validity: CertificateValidity = .valid()
    ) throws -> IssuedCertificate {
        let key = P256.Signing.PrivateKey()
        let issuerKey = try P256.Signing.PrivateKey(derRepresentation: signingKeyDER)
        let subject = try DistinguishedName { CommonName(commonName) }
        let window = validity.window()
        let publicKey = Certificate.PublicKey(key.publicKey)
        var alternativeNames: [GeneralName] = dnsNames.map { .dnsName($0) }
        for address in ipAddresses {
            alternativeNames.append(.ipAddress(ASN1OctetString(contentBytes: try Self.addressBytes(address)[...])))
        }
        let authorityKeyID = try certificate.extensions.subjectKeyIdentifier?.keyIdentifier
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.serverAuth, .clientAuth])
            SubjectKeyIdentifier(hash: publicKey)
            AuthorityKeyIdentifier(keyIdentifier: authorityKeyID)
            if !alternativeNames.isEmpty {
                SubjectAlternativeNames(alternativeNames)
            }
        }
        let leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: window.notBefore, notValidAfter: window.notAfter,
            issuer: certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: Certificate.PrivateKey(issuerKey))
        return IssuedCertificate(
            certificate: leaf,
            certificatePEM: try leaf.serializeAsPEM().pemString + "\n",
            privateKeyPEM: key.pemRepresentation + "\n",
            caPEM: certificatePEM)
    }

    /// Writes the CA certificate (`<baseName>.crt`, mode 0644) and its key (`<baseName>.key`, 0600).
    @discardableResult
    public func write(to directory: String, baseName: String = "ca") throws -> PEMFilePaths {
        let certificatePath = try writeCertificate(to: directory, baseName: baseName)
        let keyPath = "\(directory)/\(baseName).key"
        try PEMWriter.write(privateKeyPEM, to: keyPath, secret: true)
        return PEMFilePaths(certificate: certificatePath, privateKey: keyPath, chain: certificatePath, ca: certificatePath)
    }

    /// Writes only the CA certificate (`<baseName>.crt`, mode 0644) and returns its path; the private
    /// key stays in memory.
    @discardableResult
    public func writeCertificate(to directory: String, baseName: String = "ca") throws -> String {
        try PEMWriter.ensureDirectory(directory)
        let path = "\(directory)/\(baseName).crt"
        try PEMWriter.write(certificatePEM, to: path, secret: false)
        return path
    }

    static func addressBytes(_ text: String) throws -> [UInt8] {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        throw CertificateRequestError(
            field: "ipAddresses", problem: "\"\(text)\" is not an IPv4 or IPv6 address",
            fix: "give a literal address such as 127.0.0.1 or ::1, or put the name in dnsNames")
    }
}

/// A certificate request the CA cannot fulfil.
public struct CertificateRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var problem: String
    public var fix: String
    public var description: String { "\(field): \(problem); \(fix)" }
}

/// A leaf certificate, its private key and its issuing CA, as PEM.
public struct IssuedCertificate: Sendable {
    public let certificate: Certificate
    public let certificatePEM: String
    public let privateKeyPEM: String
    /// The issuing CA certificate.
    public let caPEM: String

    /// The leaf followed by the CA: what a server presents.
    public var chainPEM: String { certificatePEM + caPEM }

    /// Writes `<baseName>.crt`, `<baseName>.key` (mode 0600), `<baseName>-chain.crt` and
    /// `<baseName>-ca.crt` into `directory` (created with mode 0700 when missing).
    @discardableResult
    public func write(to directory: String, baseName: String) throws -> PEMFilePaths {
        try PEMWriter.ensureDirectory(directory)
        let paths = PEMFilePaths(
            certificate: "\(directory)/\(baseName).crt", privateKey: "\(directory)/\(baseName).key",
            chain: "\(directory)/\(baseName)-chain.crt", ca: "\(directory)/\(baseName)-ca.crt")
        try PEMWriter.write(certificatePEM, to: paths.certificate, secret: false)
        try PEMWriter.write(privateKeyPEM, to: paths.privateKey, secret: true)
        try PEMWriter.write(chainPEM, to: paths.chain, secret: false)
        try PEMWriter.write(caPEM, to: paths.ca, secret: false)
        return paths
    }
}
