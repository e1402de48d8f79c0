import ClusterSimulator
import Foundation
import Testing
import X509

@Suite("GeneratedCA")
struct GeneratedCATests {
    @Test("a leaf verifies against its CA and carries the requested names")
    func leafVerifies() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try GeneratedCA(commonName: "test transport CA")
        let leaf = try ca.issue(
            commonName: "remote", dnsNames: ["remote-es-remote-cluster.default.svc", "localhost"],
            ipAddresses: ["127.0.0.1", "::1"])
        let files = try leaf.write(to: directory.path, baseName: "remote")
        let verify = try await ProcessRunner.run(
            "/usr/bin/openssl", ["verify", "-CAfile", files.ca, files.certificate])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        let names = try #require(try leaf.certificate.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("remote-es-remote-cluster.default.svc")))
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.count == 4)
        let text = try await ProcessRunner.run(
            "/usr/bin/openssl", ["x509", "-in", files.certificate, "-noout", "-text"])
        #expect(text.stdout.contains("IP Address:127.0.0.1"))
        #expect(text.stdout.contains("IP Address:0:0:0:0:0:0:0:1"))
        #expect(text.stdout.contains("Issuer: CN = test transport CA"))
    }

    @Test("key files are written with mode 0600 and the chain is leaf then CA")
    func fileModes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try GeneratedCA(commonName: "modes CA")
        let leaf = try ca.issue(commonName: "x", dnsNames: ["x.example"])
        let files = try leaf.write(to: directory.path + "/nested", baseName: "x")
        let caFiles = try ca.write(to: directory.path, baseName: "ca")
        for (path, mode) in [(files.privateKey, 0o600), (caFiles.privateKey, 0o600), (files.certificate, 0o644)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == mode, "\(path)")
        }
        let chain = try String(contentsOfFile: files.chain, encoding: .utf8)
        #expect(chain == leaf.certificatePEM + ca.certificatePEM)
        #expect(leaf.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }

    @Test(
        "expired, not-yet-valid and custom windows",
        arguments: [
            (CertificateValidity.expired, "certificate has expired"),
            (CertificateValidity.notYetValid, "certificate is not yet valid"),
        ])
    func validityWindows(validity: CertificateValidity, opensslError: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try GeneratedCA(commonName: "window CA")
        let leaf = try ca.issue(commonName: "w", dnsNames: ["w.example"], validity: validity)
        let files = try leaf.write(to: directory.path, baseName: "w")
        let verify = try await ProcessRunner.run(
            "/usr/bin/openssl", ["verify", "-CAfile", files.ca, files.certificate])
        #expect(verify.status != 0)
        #expect((verify.stdout + verify.stderr).contains(opensslError))
    }

    @Test("custom validity is applied exactly (to the second)")
    func customValidity() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let end = start.addingTimeInterval(86_400 * 7)
        let ca = try GeneratedCA(commonName: "custom CA")
        let leaf = try ca.issue(commonName: "c", validity: .custom(notBefore: start, notAfter: end))
        #expect(leaf.certificate.notValidBefore == start)
        #expect(leaf.certificate.notValidAfter == end)
    }

    @Test("writeCertificate writes the CA certificate and no key")
    func certificateOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try GeneratedCA(commonName: "public CA")
        let path = try ca.writeCertificate(to: directory.path, baseName: "public")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == ca.certificatePEM)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["public.crt"])
    }

    @Test("a certificate from another CA does not verify")
    func otherCA() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ca = try GeneratedCA(commonName: "one CA")
        let other = try GeneratedCA(commonName: "other CA")
        let leaf = try other.issue(commonName: "o", dnsNames: ["localhost"])
        let leafFiles = try leaf.write(to: directory.path, baseName: "o")
        let caFiles = try ca.write(to: directory.path, baseName: "one")
        let verify = try await ProcessRunner.run(
            "/usr/bin/openssl", ["verify", "-CAfile", caFiles.certificate, leafFiles.certificate])
        #expect(verify.status != 0)
    }

    @Test("an IP address that is not one is refused with the field named")
    func badAddress() throws {
        let ca = try GeneratedCA(commonName: "bad CA")
        #expect(throws: CertificateRequestError.self) {
            _ = try ca.issue(commonName: "b", ipAddresses: ["not-an-ip"])
        }
    }
}
