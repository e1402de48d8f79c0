import Foundation
import Testing
import WizardCore
@testable import WizardTerminal

@Suite("Plain mode")
struct PlainModeTests {
    /// Runs the gallery's steps as prompts with scripted input; returns the output.
    func run(_ lines: [String]) -> (String, PlainPrompter.Outcome, Answers) {
        var input = lines[...]
        var output = ""
        let prompter = PlainPrompter(
            readLine: { input.popFirst() },
            readSecret: { prompt in
                output += prompt
                return input.popFirst()
            }, write: { output += $0 }, glyphs: .unicode)
        var wizard = Gallery.plainWizard()
        let outcome = prompter.run(&wizard) { step, answers in
            output += Gallery.plainText(for: step, answers: answers, rows: [])
        }
        return (output, outcome, wizard.answers)
    }

    @Test func sameStepsAndValidatorsAsLinePrompts() {
        let (output, outcome, answers) = run([
            "9", "3",  // a wrong number, then ECK
            "", "", "3.x", "3.3",  // ECK name empty, then... see below
        ])
        #expect(output.contains("== Step 1 of 4: Remote type =="))
        #expect(output.contains("  1) Elastic Cloud Hosted (ECH) - remote cluster server already on; public CA"))
        #expect(output.contains("✗ \"9\" is not one of the choices. Type a number from 1 to 4."))
        #expect(output.contains("== Step 2 of 5: The remote ECK cluster =="))
        #expect(output.contains("  ✗ Cluster name is empty. Type the name of the Elasticsearch resource."))
        #expect(outcome == .endOfInput)
        #expect(answers.choice("remoteType") == "eck")
    }

    @Test func wholeRunToTheEnd() {
        let (output, outcome, answers) = run([
            "", "", "logs", "lb.example.net:9443", "", "aWQxOmtleTE=", "", "1,2", "3", "n",
        ])
        #expect(outcome == .finished)
        #expect(answers.text("alias") == "logs")
        #expect(answers.choices("access") == ["search", "replication"])
        #expect(answers.choice("expires") == "never")
        #expect(!answers.flag("skipUnavailable"))
        #expect(output.contains("API key (input hidden): "))
        #expect(!output.contains("aWQxOmtleTE="))
        #expect(output.contains("--- manifests.yaml ---"))
        #expect(output.contains("cluster.remote.logs.skip_unavailable: false"))
        #expect(output.contains("== Step 4 of 4: Live status (simulated) =="))
    }
}

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
        let prompter = PlainPrompter(
            readLine: { nil }, readSecret: { _ in nil }, write: { output += $0 }, glyphs: .ascii)
        prompter.write("reason: \u{1B}]0;owned\u{07}\u{1B}[2J\n")
        #expect(output == "reason: \\x1b]0;owned\\x07\\x1b[2J\n")
    }
}
