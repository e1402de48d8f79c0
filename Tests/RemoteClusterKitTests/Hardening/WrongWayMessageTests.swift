import Foundation
import Testing
@testable import RemoteClusterKit

/// Every message names the field, the problem and a fix that works for that field.
@Suite struct WrongWayMessageTests {
    @Test(arguments: [
        ("2001:db8::1:9443", "[2001:db8::1]:9443"),
        ("2001:db8::1", "[2001:db8::1]:9443"),
        ("fd00::12:9400", "[fd00::12]:9400"),
    ])
    func anUnbracketedIPv6ProxyAddressSuggestsItsBracketedForm(input: String, suggestion: String) throws {
        let problem = try #require(Validators.proxyAddress(input, field: "proxyAddress").errors.first)
        #expect(problem.field == "proxyAddress")
        #expect(problem.fix.hasSuffix(": \(suggestion)."))
    }

    @Test(arguments: [
        ("https://2001:db8::1:9200", "https://[2001:db8::1]:9200"),
        ("https://2001:db8::1", "https://[2001:db8::1]:9200"),
        ("http://fd00::5:80", "http://[fd00::5]:80"),
    ])
    func anUnbracketedIPv6URLSuggestsABracketedURL(input: String, suggestion: String) throws {
        let problem = try #require(Validators.clusterURL(input, field: "--url").errors.first)
        #expect(problem.fix.hasSuffix(": \(suggestion)."))
    }

    /// A REST URL is never told about the remote cluster server port.
    @Test(arguments: [
        "https://2001:db8::1", "https://host:", "https://host:0", "https://host:99999", "https://[2001:db8::1",
        "https://[2001:db8::1]x", "https://a:b:c", "https://host:port", "https://-bad-.example",
    ])
    func aRESTURLNeverSuggests9443(input: String) throws {
        let problems = Validators.clusterURL(input, field: "--url")
        #expect(!problems.errors.isEmpty)
        #expect(!problems.map(\.description).joined().contains("9443"), "\(problems)")
    }

    @Test func anEmptyCAFileSaysItIsEmpty() throws {
        let folder = try TemporaryFolder()
        for text in ["", "\n  \n"] {
            let path = try folder.write(text, to: "ca.crt")
            let problem = try #require(Validators.caFile(path, field: "--ca").errors.first)
            #expect(problem.problem == "\"\(path)\" is empty")
            #expect(problem.fix.contains("-----BEGIN CERTIFICATE-----"))
        }
    }

    /// curl and Elasticsearch trust a self-signed server certificate given as the CA.
    @Test func aSelfSignedServerCertificateIsATrustAnchor() throws {
        let folder = try TemporaryFolder()
        let own = try TestPKI.selfSignedLeaf("es01", dnsNames: ["es01.example.net"])
        #expect(Validators.caFile(try folder.write(own.pem, to: "self.crt"), field: "--ca").isEmpty)
        // A server certificate issued by a CA is still refused: the CA is what to give.
        let leaf = try TestPKI.leaf("es01", dnsNames: ["es01.example.net"], issuer: try TestPKI.ca())
        let issued = try #require(Validators.caFile(try folder.write(leaf.pem, to: "leaf.crt")).errors.first)
        #expect(issued.problem.contains("is not a CA certificate"))
    }

    @Test func anOverLongAliasNamesItsPathAndStaysShort() throws {
        let alias = String(repeating: "a", count: 2_000_000)
        let yaml = PlanSecretTests.plan(apiKey: "{encodedEnv: LOGS_KEY}").replacingOccurrences(
            of: "alias: logs", with: "alias: \(alias)")
        do {
            _ = try Plan.parse(yaml: yaml, folder: URL(fileURLWithPath: "/nonexistent"))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.problems.map(\.field) == ["remotes[0].alias"])
            #expect(error.description.count < 500)
            #expect(error.problems.first?.problem.hasPrefix("is 2000000 characters long") == true)
        }
    }

    @Test func aNonUTF8PlanSaysSo() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(
            Data("remotes:\n  - alias: caf\u{E9}\n".utf8.map { $0 == 0xC3 ? 0xE9 : $0 }), to: "plan.yaml")
        do {
            _ = try Plan.load(from: URL(fileURLWithPath: path))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.problems.first?.problem == "\"\(path)\" is not UTF-8 text (byte 23 is not valid UTF-8)")
        }
    }

    @Test func aFolderGivenAsThePlanGetsASentence() throws {
        let folder = try TemporaryFolder()
        do {
            _ = try Plan.load(from: folder.url)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.problems.first?.field == "plan file")
            #expect(error.problems.first?.problem == "\"\(folder.url.path)\" is a folder, not a file")
        }
    }

    @Test func aFileGivenAsTheOutputFolderGetsASentence() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("x", to: "out")
        #expect(OutputFolder.problem(at: file, field: "--out")?.problem == "\"\(file)\" is a file, not a folder")
        #expect(
            OutputFolder.problem(at: file + "/inside", field: "--out")?.problem
                == "\"\(file)/inside\" cannot be created: \"\(file)\" is a file, not a folder")
        #expect(OutputFolder.problem(at: folder.url.path + "/new/deeper", field: "--out") == nil)
    }
}
