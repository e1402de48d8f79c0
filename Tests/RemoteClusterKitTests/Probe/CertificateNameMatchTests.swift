import Foundation
import Testing

@testable import RemoteClusterKit

@Suite struct CertificateNameMatchTests {
    @Test(arguments: [
        ("lb.example.net", "lb.example.net", true),
        ("LB.Example.NET", "lb.example.net", true),
        ("*.example.net", "lb.example.net", true),
        ("*.example.net", "a.b.example.net", false),
        ("*.example.net", "example.net", false),
        ("lb.example.net.", "lb.example.net", true),
        ("127.0.0.1", "127.0.0.1", true),
        ("127.0.0.1", "127.0.0.2", false),
        ("::1", "[::1]", true),
        ("other.example.net", "lb.example.net", false),
    ])
    func pattern(_ pattern: String, name: String, expected: Bool) {
        #expect(CertificateNameMatch.pattern(pattern, covers: name) == expected)
    }

    @Test func usesSubjectAlternativeNamesWithPrefixes() {
        let certificate = CertificateSummary(
            subject: "CN=ignored", issuer: "CN=CA", notValidBefore: Date(), notValidAfter: Date(), isCA: false,
            subjectAlternativeNames: ["DNS:*.logs.svc", "IP:10.0.0.1"], sha256Fingerprint: "")
        #expect(CertificateNameMatch.names(of: certificate) == ["*.logs.svc", "10.0.0.1"])
        #expect(CertificateNameMatch.matches(certificate, name: "a.logs.svc"))
        #expect(CertificateNameMatch.matches(certificate, name: "10.0.0.1"))
        #expect(!CertificateNameMatch.matches(certificate, name: "ignored"))
    }

    @Test func fallsBackToCommonNameWithoutAlternativeNames() {
        let certificate = CertificateSummary(
            subject: "O=Elastic, CN=node-1", issuer: "CN=CA", notValidBefore: Date(), notValidAfter: Date(),
            isCA: false,
            subjectAlternativeNames: [], sha256Fingerprint: "")
        #expect(CertificateNameMatch.names(of: certificate) == ["node-1"])
    }
}
