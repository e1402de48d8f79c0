import Foundation
import Testing
@testable import RemoteClusterKit

@Suite struct CertificateInspectorTests {
    /// Made once with `openssl req -x509` (P-256, CA:TRUE, SANs DNS:ca.example.net, IP:192.0.2.7,
    /// IP:2001:db8::7); the fingerprint is what `openssl x509 -fingerprint -sha256` printed.
    static let opensslFixture = """
        -----BEGIN CERTIFICATE-----
        MIIB2zCCAYCgAwIBAgIUV0EEAnABUbtdVUdpQDUok1uuPEswCgYIKoZIzj0EAwIw
        JzETMBEGA1UEAwwKZml4dHVyZS1jYTEQMA4GA1UECgwHRXhhbXBsZTAgFw0yNjEx
        MjkxODQyMDJaGA8yMTI2MTEwNTE4NDIwMlowJzETMBEGA1UEAwwKZml4dHVyZS1j
        YTEQMA4GA1UECgwHRXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABFmx
        aldUqvZyQsGiQOi/2+2bspQOf+U2Ck3aXFaPa8soKKzfpVF8VV9bFIARjx9jcM8e
        Pt5BHypFh0ry4OyIvBijgYcwgYQwHQYDVR0OBBYEFHxG/aTKYFyAOdv644MKJ1lG
        eIyYMB8GA1UdIwQYMBaAFHxG/aTKYFyAOdv644MKJ1lGeIyYMA8GA1UdEwEB/wQF
        MAMBAf8wMQYDVR0RBCowKIIOY2EuZXhhbXBsZS5uZXSHBMAAAgeHECABDbgAAAAA
        AAAAAAAAAAcwCgYIKoZIzj0EAwIDSQAwRgIhANhs3m8pZhlaXRzAPUfYZ5kJobYU
        LxAgzapT1CyY97GwAiEA9wkCF4gTkoXb1zQJP3SRCSRC1s55l6e7b2IfDZuerWA=
        -----END CERTIFICATE-----
        """

    @Test func readsAnOpenSSLCertificate() throws {
        let summaries = try CertificateInspector.inspect(pem: Self.opensslFixture)
        let summary = try #require(summaries.first)
        #expect(summaries.count == 1)
        #expect(
            summary.sha256Fingerprint
                == "04:6D:B3:4B:5E:00:1A:73:D3:CE:19:FD:9F:E1:A4:C9:68:DB:FF:07:F9:7A:CE:91:11:DF:A6:08:8C:13:32:0E")
        #expect(summary.isCA)
        #expect(summary.subject.contains("CN=fixture-ca"))
        #expect(summary.subject.contains("O=Example"))
        #expect(summary.issuer == summary.subject)
        #expect(summary.subjectAlternativeNames == ["ca.example.net", "192.0.2.7", "2001:db8::7"])
        #expect(summary.notValidBefore == Date(timeIntervalSince1970: 1_795_977_722))
        #expect(summary.notValidAfter == Date(timeIntervalSince1970: 4_949_577_722))
    }

    @Test func readsEveryCertificateOfAChainInOrder() throws {
        let ca = try TestPKI.ca("Chain Root")
        let leaf = try TestPKI.leaf(
            "node-1", dnsNames: ["node-1.example.com", "*.nodes.example.com"], ipAddresses: [[10, 0, 0, 1]], issuer: ca)
        let summaries = try CertificateInspector.inspect(
            pem: "Bag Attributes: junk\n" + leaf.pem + "\n\n" + ca.pem + "\n")
        #expect(summaries.count == 2)
        #expect(summaries[0].subject == "CN=node-1")
        #expect(summaries[0].issuer == "CN=Chain Root")
        #expect(summaries[0].isCA == false)
        #expect(summaries[0].subjectAlternativeNames == ["node-1.example.com", "*.nodes.example.com", "10.0.0.1"])
        #expect(summaries[1].isCA)
        #expect(summaries[1].subjectAlternativeNames.isEmpty)
        #expect(summaries[0].sha256Fingerprint != summaries[1].sha256Fingerprint)
        #expect(summaries[1].sha256Fingerprint.split(separator: ":").count == 32)
    }

    @Test func reportsValidityOfAnExpiredCertificate() throws {
        let now = Date()
        let expired = try TestPKI.ca(
            notBefore: now.addingTimeInterval(-400 * TestPKI.day), notAfter: now.addingTimeInterval(-TestPKI.day))
        let summary = try #require(try CertificateInspector.inspect(pem: expired.pem).first)
        #expect(!summary.isValid(at: now))
        #expect(summary.isValid(at: now.addingTimeInterval(-2 * TestPKI.day)))
        // X.509 stores whole seconds.
        #expect(abs(summary.notValidAfter.timeIntervalSince(now.addingTimeInterval(-TestPKI.day))) < 1)
    }

    @Test func acceptsCRLFLineEndingsAndLongLines() throws {
        let ca = try TestPKI.ca()
        let body = Data(ca.der).base64EncodedString()
        let oneLine = "-----BEGIN CERTIFICATE-----\r\n\(body)\r\n-----END CERTIFICATE-----\r\n"
        #expect(try CertificateInspector.inspect(pem: oneLine).count == 1)
    }

    @Test func explainsWhatIsWrong() throws {
        let ca = try TestPKI.ca()
        let cases: [(String, CertificateInspectionError)] = [
            ("", .notPEM),
            ("just some text", .notPEM),
            (ca.keyPEM, .containsPrivateKey(label: "PRIVATE KEY")),
            (ca.pem + ca.keyPEM, .containsPrivateKey(label: "PRIVATE KEY")),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", .noCertificates(labels: ["PUBLIC KEY"])),
            ("-----BEGIN CERTIFICATE-----\nAAAA\n", .damagedPEM(label: "CERTIFICATE")),
            ("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----", .damagedPEM(label: "CERTIFICATE")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected) { try CertificateInspector.inspect(pem: text) }
        }
        #expect(throws: CertificateInspectionError.notPEM) { try CertificateInspector.inspect(pemData: Data(ca.der)) }
        do {
            _ = try CertificateInspector.inspect(pem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")
            Issue.record("garbage must not parse")
        } catch {
            guard case .invalidCertificate(index: 0, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(error.description.hasPrefix("certificate 1 is not a valid X.509 certificate"))
        }
    }

    @Test(arguments: [
        ([UInt8](repeating: 0, count: 15) + [1], "::1"),
        ([0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [7], "2001:db8::7"),
        ([0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], "2001:db8:1:0:1::1"),
        ([UInt8](repeating: 0, count: 16), "::"),
        ([192, 0, 2, 1], "192.0.2.1"),
    ])
    func formatsIPAddresses(bytes: [UInt8], text: String) {
        #expect(IPAddressText.format(bytes) == text)
    }
}
