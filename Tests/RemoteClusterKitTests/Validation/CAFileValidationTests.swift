import Foundation
import Testing
@testable import RemoteClusterKit

@Suite struct CAFileValidationTests {
    let folder: TemporaryFolder
    let now = Date()

    init() throws { folder = try TemporaryFolder() }

    @Test func acceptsAValidCAAndABundleOfCAs() throws {
        let single = try folder.write(try TestPKI.ca().pem, to: "ca.crt")
        #expect(Validators.caFile(single, now: now).isEmpty)
        let bundle = try folder.write(try TestPKI.ca("Root A").pem + "\n" + TestPKI.ca("Root B").pem, to: "bundle.crt")
        #expect(Validators.caFile(bundle, now: now).isEmpty)
    }

    @Test func warnsWhenTheCAExpiresWithin30Days() throws {
        let path = try folder.write(
            try TestPKI.ca(notAfter: now.addingTimeInterval(10 * TestPKI.day)).pem, to: "soon.crt")
        let problems = Validators.caFile(path, now: now)
        #expect(problems.map(\.severity) == [.warning])
        #expect(problems.first?.problem.contains("in less than 30 days") == true)
        #expect(problems.first?.fix.contains("ECK rotates its CAs yearly") == true)
    }

    /// Root reads every file whatever its mode, so this only runs for other users.
    @Test(.enabled(if: getuid() != 0, "root can read a file with mode 000"))
    func refusesAFileItCannotRead() throws {
        let path = try folder.write(try TestPKI.ca().pem, to: "locked.crt")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        BadInput("locked", problem: "cannot be read", fix: "chmod 644")
            .verify(Validators.caFile(path, field: "CA file", now: now), field: "CA file")
    }

    @Test func refusesBadFiles() throws {
        let ca = try TestPKI.ca()
        let leaf = try TestPKI.leaf("remote.example.com", dnsNames: ["remote.example.com"], issuer: ca)
        let rows: [(path: String, row: BadInput)] = [
            ("", BadInput("empty path", problem: "is empty", fix: "PEM file")),
            (
                folder.url.appendingPathComponent("missing.crt").path,
                BadInput("missing", problem: "there is no file", fix: "Check the path")
            ),
            (folder.url.path, BadInput("folder", problem: "is a folder", fix: "ca.crt")),
            ("/dev/null", BadInput("device", problem: "is not a regular file", fix: "CA certificate file")),
            (
                try folder.write(Data(count: 2 << 20), to: "big.crt"),
                BadInput("big", problem: "too large for a CA file", fix: "only the CA certificate")
            ),
            (
                try folder.write("", to: "empty.crt"),
                BadInput("empty file", problem: "is empty", fix: "-----BEGIN CERTIFICATE-----")
            ),
            (
                try folder.write(Data(ca.der), to: "ca.der"),
                BadInput("DER", problem: "not a PEM file", fix: "openssl x509 -inform der")
            ),
            (
                try folder.write("hello world\n", to: "text.txt"),
                BadInput("text", problem: "not a PEM file", fix: "openssl")
            ),
            (
                try folder.write(ca.keyPEM, to: "ca.key"),
                BadInput("key", problem: "private key", fix: "only the CA certificate")
            ),
            (
                try folder.write(ca.pem + ca.keyPEM, to: "both.pem"),
                BadInput("cert+key", problem: "private key", fix: "must never leave")
            ),
            (
                try folder.write(
                    "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", to: "req.csr"),
                BadInput("csr", problem: "holds no certificate", fix: "BEGIN CERTIFICATE")
            ),
            (
                try folder.write(String(ca.pem.dropLast(30)), to: "cut.crt"),
                BadInput("cut", problem: "damaged", fix: "Copy the CA certificate again")
            ),
            (
                try folder.write("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", to: "garbage.crt"),
                BadInput("garbage", problem: "not a valid X.509", fix: "Copy the CA certificate again")
            ),
            (
                try folder.write(leaf.pem, to: "leaf.crt"),
                BadInput("leaf", problem: "is not a CA certificate", fix: "CN=Test Remote CA")
            ),
            (
                try folder.write(
                    try TestPKI.ca(
                        notBefore: now.addingTimeInterval(-400 * TestPKI.day),
                        notAfter: now.addingTimeInterval(-TestPKI.day)
                    ).pem, to: "old.crt"), BadInput("expired", problem: "expired on", fix: "ECK replaces its CAs")
            ),
            (
                try folder.write(
                    try TestPKI.ca(notBefore: now.addingTimeInterval(5 * TestPKI.day)).pem, to: "future.crt"),
                BadInput("future", problem: "is not valid before", fix: "clock")
            ),
        ]
        for (path, row) in rows {
            row.verify(Validators.caFile(path, field: "CA file", now: now), field: "CA file")
        }
    }
}
