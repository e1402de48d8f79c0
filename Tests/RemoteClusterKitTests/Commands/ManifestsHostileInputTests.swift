import Foundation
import Testing
@testable import RemoteClusterKit

/// `manifests` with hostile or mistaken files: every one ends with exit status 2 and a
/// sentence that names the file (and line), quickly, without writing anything or echoing a key.
@Suite struct ManifestsHostileInputTests {
    static func run(_ arguments: [String]) async throws -> ProcessResult {
        try await ManifestsCommandTests.run(arguments)
    }

    @Test func aFolderGivenAsThePlan() async throws {
        let folder = try ManifestsCommandTests.planFolder()
        let result = try await Self.run(["--plan", folder.path])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("plan file: \"\(folder.path)\" is a folder, not a file."))
    }

    @Test func aFileGivenAsTheOutputFolder() async throws {
        let folder = try ManifestsCommandTests.planFolder()
        let file = folder.appendingPathComponent("certs/logs-ca.crt").path
        let result = try await Self.run([
            "--plan", folder.appendingPathComponent("plan.yaml").path, "--out", file,
            "--local-resource", TestPaths.fixture("local-elasticsearch.yaml").path,
        ])
        #expect(result.status == 2)
        #expect(
            result.stderrText
                == "--out: \"\(file)\" is a file, not a folder. Give a folder for the files (it is created when missing), e.g. \(folder.path)/certs/manifests.\n"
        )
    }

    @Test func aPlanThatIsNotUTF8() async throws {
        let folder = try ManifestsCommandTests.planFolder()
        let plan = folder.appendingPathComponent("latin1.yaml")
        try Data([0x72, 0x3A, 0x20, 0xE9, 0x0A]).write(to: plan)
        let result = try await Self.run(["--plan", plan.path])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("is not UTF-8 text (byte 3 is not valid UTF-8)"))
    }

    @Test func aPlanThatExpandsWithoutEnd() async throws {
        let folder = try ManifestsCommandTests.planFolder()
        let plan = folder.appendingPathComponent("laughs.yaml")
        try ("remotes: []\nlocal: {}\nbomb:\n" + YAMLLimitsTests.laughs(indent: "  ")).write(
            to: plan, atomically: true, encoding: .utf8)
        let result = try await Self.run(["--plan", plan.path])
        #expect(result.status == 2)
        #expect(
            result.stderrText.contains("\(plan.path): cannot be read: the document expands to more than 1000000 values")
        )
        #expect(result.stderrText.contains("(line 9)"))
    }

    @Test func aLocalResourceThatExpandsWithoutEnd() async throws {
        let folder = try ManifestsCommandTests.planFolder()
        let resource = folder.appendingPathComponent("resource.yaml")
        try YAMLLimitsTests.laughs().write(to: resource, atomically: true, encoding: .utf8)
        let result = try await Self.run([
            "--plan", folder.appendingPathComponent("plan.yaml").path, "--out",
            folder.appendingPathComponent("out").path,
            "--local-resource", resource.path,
        ])
        #expect(result.status == 2)
        #expect(
            result.stderrText.hasPrefix(
                "--local-resource: \(resource.path) cannot be read: too large to read at line 6:"))
    }

    /// The plan that once printed the key twice: an encoded key where the variable name goes.
    @Test func aKeyGivenAsTheVariableNameIsNeverPrinted() async throws {
        let key = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5u"
        let yaml = PlanParserTests.example.replacingOccurrences(
            of: "apiKey: {encodedFile: secrets/dc2-archive.key}", with: "apiKey: {encodedEnv: \(key)}")
        let folder = try ManifestsCommandTests.planFolder(yaml)
        let result = try await Self.run([
            "--plan", folder.appendingPathComponent("plan.yaml").path, "--out",
            folder.appendingPathComponent("out").path,
            "--local-resource", TestPaths.fixture("local-elasticsearch.yaml").path,
        ])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("remotes[1].apiKey.encodedEnv: looks like a password or an encoded API key"))
        #expect(!result.stderrText.contains(key))
        #expect(!result.stdoutText.contains(key))
    }

    /// `--wait -5` is read as a value (not as an unknown option) and reaches the command's check.
    @Test func aNegativeWaitIsReadAsAValue() async throws {
        let folder = try ManifestsCommandTests.planFolder()
        let result = try await Self.run(["--plan", folder.appendingPathComponent("plan.yaml").path, "--wait", "-5"])
        #expect(result.status == 2)
        #expect(result.stderrText == "--wait: only applies with --apply.\n")
        let bad = try await Self.run(["--plan", folder.appendingPathComponent("plan.yaml").path, "--wait", "soon"])
        #expect(bad.status == 2)
        #expect(bad.stderrText.contains("\"soon\" is not a number of seconds; give a number of seconds above 0"))
    }
}
