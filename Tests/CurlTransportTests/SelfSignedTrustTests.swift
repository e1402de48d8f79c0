import ClusterSimulator
import Crypto
import CurlTransport
import Foundation
import RemoteClusterKit
import SwiftASN1
import Testing
import X509

/// A self-signed server certificate (not a CA) given as the CA file is a trust anchor, as it
/// is for curl and for Elasticsearch: the validator accepts it and the transport and the probe
/// verify against it.
@Suite struct SelfSignedTrustTests {
    let directory = NSTemporaryDirectory() + "self-signed-\(UUID().uuidString)"

    /// A self-signed certificate for 127.0.0.1 with CA:FALSE, and its key, as PEM.
    static func selfSigned() throws -> (certificate: String, key: String) {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("es01") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: Date(timeIntervalSinceNow: -3600), notValidAfter: Date(timeIntervalSinceNow: 90 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([
                    .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])), .dnsName("localhost"),
                ])
            },
            issuerPrivateKey: .init(key))
        return (try certificate.serializeAsPEM().pemString + "\n", key.pemRepresentation + "\n")
    }

    @Test func theValidatorTheTransportAndTheProbeTrustIt() async throws {
        let (certificate, key) = try Self.selfSigned()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let caFile = directory + "/es01.crt"
        try certificate.write(toFile: caFile, atomically: true, encoding: .utf8)
        #expect(Validators.caFile(caFile, field: "--ca").isEmpty)

        let server = LoopbackTLSServer(
            security: .tls(certificateChainPEM: certificate, privateKeyPEM: key),
            behavior: RecordingResponder().behavior)
        let port = try await server.start(port: 0)
        defer { Task { await server.shutdown() } }

        let response = try await CurlTransport().send(
            HTTPRequest(method: .get, path: "/"),
            to: ClusterEndpoint(baseURL: "https://127.0.0.1:\(port)", trust: .caFile(caFile)))
        #expect(response.status == 200)

        let result = await CurlTLSProbe().probe(
            TLSProbeRequest(host: "127.0.0.1", port: port, trust: .caFile(caFile), timeout: 5))
        #expect(result.chainTrusted == true)
        #expect(result.passed)
    }
}
