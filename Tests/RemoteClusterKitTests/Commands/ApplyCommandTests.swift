import Foundation
import Testing

@testable import RemoteClusterKit

/// `remote-cluster-wizard apply` and `undo`, run as the built binary, for what needs no cluster:
/// a plan with problems, dry runs, and the reference page's example.
@Suite struct ApplyCommandTests {
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessResult {
        let binary = try #require(ManifestsCommandTests.binary, "build the executable first (swift build)")
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        return try await ProcessRunner.run(binary, arguments: arguments, timeoutSeconds: 60, environment: env)
    }

    /// A kubectl that records its calls, so a test sees that none was made.
    static func recordingKubectl() throws -> (KubectlClientTests.StandIn, String) {
        let kubectl = try KubectlClientTests.StandIn("exit 0")
        return (kubectl, kubectl.folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? ""))
    }

    @Test func anInvalidPlanReportsEveryProblemWithItsPathAndContactsNothing() async throws {
        var yaml = PlanParserTests.example
        yaml = yaml.replacingOccurrences(of: "alias: eu-logs", with: "alias: EU Logs")
        yaml = yaml.replacingOccurrences(of: "proxyAddress: lb.example.net:9443", with: "proxyAddress: lb.example.net")
        yaml = yaml.replacingOccurrences(of: #""10.20.0.12:9443""#, with: #""10.20.0.12:9300""#)
        yaml = yaml.replacingOccurrences(of: "applyManifests: kubectl", with: "applyManifests: helm")
        let folder = try ManifestsCommandTests.planFolder(yaml)
        let (kubectl, path) = try Self.recordingKubectl()
        for command in ["apply", "undo"] {
            let result = try await Self.run(
                [command, "--plan", folder.appendingPathComponent("plan.yaml").path], environment: ["PATH": path])
            #expect(result.status == 2)
            for field in ["remotes[0].alias", "remotes[0].proxyAddress", "remotes[1].seeds[1]", "local.applyManifests"]
            {
                #expect(result.stderrText.contains("\(field): "), "\(command): \(field) in \(result.stderrText)")
            }
            #expect(result.stdoutText.isEmpty)
        }
        #expect(kubectl.calls.isEmpty)
    }

    @Test func missingSecretsAreProblemsOfThePlanToo() async throws {
        let folder = try ManifestsCommandTests.planFolder()
        let result = try await Self.run(
            ["apply", "--plan", folder.appendingPathComponent("plan.yaml").path],
            environment: ["LOCAL_PASSWORD": "", "REMOTE_PASSWORD": ""])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("local.passwordEnv: the environment variable LOCAL_PASSWORD is not set"))
        #expect(result.stderrText.contains("remotes[0].apiKey.create.passwordEnv"))
    }

    @Test func aDryRunPrintsEveryStepAndContactsNothing() async throws {
        let folder = try ManifestsCommandTests.planFolder()
        let (kubectl, path) = try Self.recordingKubectl()
        let result = try await Self.run(
            ["apply", "--plan", folder.appendingPathComponent("plan.yaml").path, "--dry-run"],
            environment: ["PATH": path, "LOCAL_PASSWORD": "", "REMOTE_PASSWORD": ""])
        #expect(result.status == 0, "\(result.stderrText)")
        let text = result.stdoutText
        for heading in [
            "== [eu-logs] 1/9 Check the versions and licenses of both clusters",
            "== [eu-logs] 2/9 Prepare the remote cluster",
            "== [dc2-archive] 3/9 Check the TLS connection to the remote cluster server",
            "== [eu-logs] 4/9 Create or reuse the cross-cluster API key",
            "== [local] 5/9 Configure the local ECK cluster",
            "== [dc2-archive] 6/9 Add the remote on the local cluster",
            "== [eu-logs] 7/9 Wait for the connection", "== [eu-logs] 8/9 Search across the connection",
            "== [local] 9/9 Create the role with remote_indices",
        ] {
            #expect(text.contains(heading), "\(heading)")
        }
        #expect(text.contains("kubectl --context remote-ctx --namespace logs patch elasticsearch logs --type merge"))
        #expect(text.contains("POST /_security/cross_cluster/api_key"))
        #expect(text.contains("# local cluster, only when the alias's settings differ\nPUT /_cluster/settings"))
        #expect(text.contains("cluster.remote.dc2-archive.credentials: '::redacted::'"))
        #expect(text.contains("cluster.remote.eu-logs.credentials: <the key step 4 creates for eu-logs>"))
        #expect(!text.contains("VnVhVGFIa0JjSHZ4c2RDNkNrMlQ6dGhlLWtleQ=="))
        #expect(kubectl.calls.isEmpty)
    }

    @Test func aDryRunInJSONIsOneObjectPerStep() async throws {
        let folder = try ManifestsCommandTests.planFolder()
        let result = try await Self.run([
            "undo", "--plan", folder.appendingPathComponent("plan.yaml").path, "--dry-run", "--json",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        let objects = try result.stdoutText.split(separator: "\n").map { try JSONValue.parse(Data($0.utf8)) }
        #expect(objects.allSatisfy { $0["event"] == "preview" })
        #expect(objects.compactMap { $0["step"]?.stringValue }.first == "addRemote")
        #expect(objects.contains { $0["step"] == "apiKey" && $0["alias"] == "eu-logs" })
    }

    @Test func theReferencePagesExampleIsAValidPlan() throws {
        let page = try String(
            contentsOf: TestPaths.repositoryRoot.appendingPathComponent("docs/plan.md"), encoding: .utf8)
        let start = try #require(page.range(of: "```yaml\n"))
        let end = try #require(page.range(of: "```", range: start.upperBound..<page.endIndex))
        let folder = try TestPaths.temporaryFolder()
        for sub in ["certs", "secrets"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let ca = try TestPaths.fixtureText("remote-ca.crt")
        for name in ["remote-http-ca.crt", "local-http-ca.crt"] {
            try ca.write(to: folder.appendingPathComponent("certs/\(name)"), atomically: true, encoding: .utf8)
        }
        try "VnVhVGFIa0JjSHZ4c2RDNkNrMlQ6dGhlLWtleQ==\n".write(
            to: folder.appendingPathComponent("secrets/dc2-archive.key"), atomically: true, encoding: .utf8)
        let parsed = try Plan.parse(yaml: String(page[start.upperBound..<end.lowerBound]), folder: folder)
        #expect(parsed.plan.remotes.map(\.alias) == ["eu-logs", "dc2-archive", "cloud-metrics"])
        #expect(parsed.plan.remotes[2].serverName == "a542184a7a7d45b88b83f95392f450ab.192.0.2.10.ip.es.io")
        #expect(parsed.plan.local.eck.context == nil)
        #expect(parsed.warnings.allSatisfy { $0.problem.contains("does not exist yet") }, "\(parsed.warnings)")
    }
}
