import Foundation
import Testing
import WizardCore
import WizardTestSupport
@testable import WizardTerminal

@Suite("Local files")
struct LocalFileSystemTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wizard-terminal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func savesSecretsWithMode0600() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = LocalFileSystem()
        let secretPath = directory.appendingPathComponent("secret.yaml").path
        let plainPath = directory.appendingPathComponent("plain.yaml").path
        #expect(throws: Never.self) { try files.save("key: x\n", to: secretPath, secret: true).get() }
        #expect(throws: Never.self) { try files.save("a: b\n", to: plainPath, secret: false).get() }
        let secretMode = try FileManager.default.attributesOfItem(atPath: secretPath)[.posixPermissions] as? Int
        let plainMode = try FileManager.default.attributesOfItem(atPath: plainPath)[.posixPermissions] as? Int
        #expect(secretMode == 0o600)
        #expect(plainMode == 0o644)
        #expect(try String(contentsOfFile: secretPath, encoding: .utf8) == "key: x\n")
    }

    @Test func listsAndDescribes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try (TestCertificates.ca + "\n" + TestCertificates.leaf + "\n").write(
            to: directory.appendingPathComponent("chain.pem"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let files = LocalFileSystem()
        let entries = try files.list(directory: directory.path).get().sorted { $0.name < $1.name }
        #expect(
            entries == [
                DirectoryEntry(name: "chain.pem", isDirectory: false), DirectoryEntry(name: "sub", isDirectory: true),
            ])
        let description = files.describe(file: directory.appendingPathComponent("chain.pem").path)
        #expect(description.hasPrefix("2 certificates; first: CN=Wizard Test CA · CA · expires 2126-11-05 (in "))
        #expect(files.describe(file: directory.appendingPathComponent("nope").path).hasPrefix("No such file"))
        #expect(
            files.describe(file: directory.appendingPathComponent("sub").path).hasSuffix(
                "is a directory; choose a file in it."))
        if case .failure(let error) = files.list(directory: directory.appendingPathComponent("nope").path) {
            #expect(error.message == "No directory \(directory.appendingPathComponent("nope").path)")
        } else {
            Issue.record("listing a missing directory succeeded")
        }
    }

    @Test func describesCertificatesByNameKindAndExpiry() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2126-08-04T00:00:00Z"))
        #expect(
            FileDescription.describe(Data(TestCertificates.leaf.utf8), now: now)
                == "CN=leaf.example.net · not a CA · expires 2126-11-05 (in 93 days)")
        let later = try #require(ISO8601DateFormatter().date(from: "2126-11-08T00:00:00Z"))
        #expect(
            FileDescription.describe(Data(TestCertificates.ca.utf8), now: later)
                == "CN=Wizard Test CA · CA · expired 2126-11-05 (2 days ago)")
        #expect(
            FileDescription.describe(Data("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".utf8))
                .hasPrefix("Not usable: it contains a private key"))
    }

    @Test func describesWhatIsNotACertificate() {
        #expect(FileDescription.describe(Data("{\"a\": 1}".utf8)) == "JSON text (8 bytes), not a certificate")
        #expect(FileDescription.describe(Data()) == "Empty file")
        #expect(FileDescription.describe(Data([0xFF, 0xFE, 0x00])) == "Binary file (3 bytes), not PEM text")
    }
}

@Suite("Plain mode sanitising")
struct PlainModeSanitisingTests {
    /// Whatever a step shows (a server's reason, an alias from a plan) reaches the output with
    /// its control characters written out.
    @Test func writtenTextHasNoRawControlCharacters() {
        var output = ""
        let prompter = PlainIO(
            readLine: { nil }, readSecret: { _ in nil }, write: { output += $0 }, glyphs: .ascii)
        prompter.write("reason: \u{1B}]0;owned\u{07}\u{1B}[2J\n")
        #expect(output == "reason: \\x1b]0;owned\\x07\\x1b[2J\n")
    }
}
