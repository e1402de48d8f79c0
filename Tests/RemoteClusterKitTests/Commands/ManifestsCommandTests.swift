import Foundation
import Testing
@testable import RemoteClusterKit

/// `remote-cluster-wizard manifests`, run as the built binary.
@Suite struct ManifestsCommandTests {
    /// The built executable: beside the test bundle, or in the repository's debug build folder.
    static let binary: URL? = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(TestPaths.repositoryRoot.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("remote-cluster-wizard") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// A plan folder like PlanParserTests', with the plan written as `plan.yaml`.
    static func planFolder(_ yaml: String = PlanParserTests.example) throws -> URL {
        let folder = try TestPaths.temporaryFolder()
        let files = FileManager.default
        for sub in ["certs", "secrets"] {
            try files.copyItem(
                at: PlanParserTests.folder.appendingPathComponent(sub), to: folder.appendingPathComponent(sub))
        }
        try yaml.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessResult {
        let binary = try #require(Self.binary, "build the executable first (swift build)")
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        return try await ProcessRunner.run(
            binary, arguments: ["manifests"] + arguments, timeoutSeconds: 60, environment: env)
    }

    static func mode(_ url: URL) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func writesEveryArtifactWithPlaceholders() async throws {
        let folder = try Self.planFolder()
        let out = folder.appendingPathComponent("out")
        let result = try await Self.run([
            "--plan", folder.appendingPathComponent("plan.yaml").path, "--out", out.path,
            "--local-resource", TestPaths.fixture("local-elasticsearch.yaml").path,
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(
            written == [
                "NOTES.md", "local-apply.sh", "local-elasticsearch.yaml", "local-remote-cluster-cas-configmap.yaml",
                "local-remote-cluster-credentials-secret.yaml", "local-remote-cluster-settings.txt",
                "local-role-remote-logs-reader.txt",
                "remote-dc2-archive-certificates.sh", "remote-dc2-archive-elasticsearch.yml",
                "remote-eu-logs-cross-cluster-api-key.txt",
                "remote-eu-logs-elasticsearch-patch.yaml", "remote-eu-logs-enable-remote-cluster-server.sh",
                "remote-eu-logs-save-ca.sh",
            ])
        #expect(result.stdoutText.hasPrefix("Wrote 13 files to \(out.path):"))
        let plan = folder.appendingPathComponent("plan.yaml").path
        #expect(
            result.stdoutText.contains(
                "eu-logs: the key does not exist yet; `remote-cluster-wizard apply --plan \(plan)` creates it"))
        #expect(
            result.stdoutText.contains(
                "dc2-archive: run `remote-cluster-wizard manifests --plan \(plan) --include-secrets`."))
        let secretFile = out.appendingPathComponent("local-remote-cluster-credentials-secret.yaml")
        let secret = try JSONValue.parseYAML(String(contentsOf: secretFile, encoding: .utf8))
        #expect(
            secret["stringData"] == [
                "cluster.remote.eu-logs.credentials": "<paste the encoded cross-cluster API key for eu-logs>",
                "cluster.remote.dc2-archive.credentials": "<paste the encoded cross-cluster API key for dc2-archive>",
            ])
        #expect(try Self.mode(secretFile) == 0o644)
        #expect(try Self.mode(out.appendingPathComponent("local-apply.sh")) == 0o755)
        let resource = try JSONValue.parseYAML(
            String(contentsOf: out.appendingPathComponent("local-elasticsearch.yaml"), encoding: .utf8))
        #expect(resource["status"] == nil && resource[path: ["metadata", "managedFields"]] == nil)
        #expect(ManifestChecks.violations(of: resource).isEmpty)
    }

    @Test func includeSecretsWritesTheKeyWithMode0600() async throws {
        let yaml = PlanParserTests.example.replacingOccurrences(
            of: "apiKey: {encodedFile: secrets/dc2-archive.key}",
            with: "apiKey: {encodedEnv: DC2_KEY}")
        let folder = try Self.planFolder(yaml)
        let out = folder.appendingPathComponent("out")
        let key = "VnVhVGFIa0JjSHZ4c2RDNkNrMlQ6dGhlLWtleQ=="
        let result = try await Self.run(
            [
                "--plan", folder.appendingPathComponent("plan.yaml").path, "--out", out.path,
                "--local-resource", TestPaths.fixture("local-elasticsearch.yaml").path, "--include-secrets",
            ],
            environment: ["DC2_KEY": key])
        #expect(result.status == 0, "\(result.stderrText)")
        let secretFile = out.appendingPathComponent("local-remote-cluster-credentials-secret.yaml")
        let secret = try JSONValue.parseYAML(String(contentsOf: secretFile, encoding: .utf8))
        #expect(secret[path: ["stringData", "cluster.remote.dc2-archive.credentials"]] == .string(key))
        #expect(try Self.mode(secretFile) == 0o600)
        #expect(!result.stdoutText.contains(key) && !result.stderrText.contains(key))
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path)
        where name != secretFile.lastPathComponent {
            #expect(
                !(try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)).contains(key),
                "\(name) leaks the key")
        }
    }

    @Test func badPlanExitsWith2AndListsEveryProblem() async throws {
        let yaml = PlanParserTests.example
            .replacingOccurrences(
                of: "    proxyAddress: lb.example.net:9443", with: "    proxyAdress: lb.example.net:9443"
            )
            .replacingOccurrences(of: "applyManifests: kubectl", with: "applyManifests: helm")
        let folder = try Self.planFolder(yaml)
        let result = try await Self.run([
            "--plan", folder.appendingPathComponent("plan.yaml").path, "--out",
            folder.appendingPathComponent("out").path,
            "--local-resource", TestPaths.fixture("local-elasticsearch.yaml").path,
        ])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("remotes[0].proxyAdress: is not a known key"))
        #expect(result.stderrText.contains("Did you mean `proxyAddress`?"))
        #expect(result.stderrText.contains("local.applyManifests:"))
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path),
            "nothing is written for a bad plan")
    }

    @Test func badLocalResourceExitsWith2() async throws {
        let folder = try Self.planFolder()
        let resource = folder.appendingPathComponent("kibana.yaml")
        try "apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata: {name: k}\n".write(
            to: resource, atomically: true, encoding: .utf8)
        let result = try await Self.run([
            "--plan", folder.appendingPathComponent("plan.yaml").path, "--out",
            folder.appendingPathComponent("out").path,
            "--local-resource", resource.path,
        ])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("not an Elasticsearch object"))
    }

    @Test func readsTheLocalResourceWithKubectl() async throws {
        let folder = try Self.planFolder()
        let resourceJSON = try JSONValue.parseYAML(TestPaths.fixtureText("local-elasticsearch.yaml")).jsonString()
        let kubectl = try KubectlClientTests.StandIn(
            """
            if [ "$1" = config ]; then echo local-ctx; exit 0; fi
            cat "$dir/es.json"
            """, files: ["es.json": resourceJSON])
        let out = folder.appendingPathComponent("out")
        let path = kubectl.folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
        let result = try await Self.run(
            ["--plan", folder.appendingPathComponent("plan.yaml").path, "--out", out.path],
            environment: ["PATH": path])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(
            kubectl.calls == [
                ["config", "get-contexts", "-o", "name"],
                ["--context", "local-ctx", "--namespace", "search", "get", "elasticsearch", "central", "-o", "json"],
            ])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("local-elasticsearch.yaml").path))
    }

    @Test func outDefaultsToTheManifestsDirOfThePlan() async throws {
        let folder = try Self.planFolder()
        let result = try await Self.run([
            "--plan", folder.appendingPathComponent("plan.yaml").path,
            "--local-resource", TestPaths.fixture("local-elasticsearch.yaml").path,
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        let out = folder.appendingPathComponent("out/manifests")
        #expect(result.stdoutText.hasPrefix("Wrote 13 files to \(out.path):"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("local-elasticsearch.yaml").path))
        #expect(
            result.stdoutText.contains(
                "`remote-cluster-wizard apply --plan \(folder.appendingPathComponent("plan.yaml").path)` does it with every other step, or run \(out.path)/local-apply.sh"
            ))
    }

    /// A kubectl stand-in for `--apply`: the Secret and ConfigMap do not exist yet, `apply`
    /// succeeds, and the resource is rolling on the first look and Ready after that.
    static func applyingKubectl() throws -> KubectlClientTests.StandIn {
        try KubectlClientTests.StandIn(
            """
            case "$5" in
              apply) exit 0 ;;
              get)
                case "$6" in
                  elasticsearch) if [ -f "$dir/seen" ]; then cat "$dir/ready.json"; else touch "$dir/seen"; cat "$dir/rolling.json"; fi; exit 0 ;;
                  *) echo "Error from server (NotFound): $6s \\"$7\\" not found" >&2; exit 1 ;;
                esac ;;
            esac
            """,
            files: [
                "rolling.json":
                    #"{"metadata": {"generation": 8}, "status": {"phase": "ApplyingChanges", "observedGeneration": 8}}"#,
                "ready.json":
                    #"{"metadata": {"generation": 8}, "status": {"phase": "Ready", "observedGeneration": 8}}"#,
            ])
    }

    @Test func applySendsTheLocalObjectsToKubectlOnStdinAndFollowsTheRollout() async throws {
        let folder = try Self.planFolder(PlanKubectlApplyTests.encodedOnly)
        let kubectl = try Self.applyingKubectl()
        let key = "VnVhVGFIa0JjSHZ4c2RDNkNrMlQ6ZXUtbG9ncw=="
        let path = kubectl.folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
        let result = try await Self.run(
            [
                "--plan", folder.appendingPathComponent("plan.yaml").path, "--include-secrets", "--apply",
                "--wait", "120", "--local-resource", TestPaths.fixture("local-elasticsearch.yaml").path,
            ],
            environment: ["PATH": path, "EU_LOGS_KEY": key])
        #expect(result.status == 0, "\(result.stderrText)")
        let location = ["--context", "local-ctx", "--namespace", "search"]
        #expect(
            kubectl.calls == [
                location + ["get", "secret", "central-remote-cluster-credentials", "-o", "json"],
                location + ["get", "configmap", "central-remote-cluster-cas", "-o", "json"],
                location + ["apply", "-f", "-"],
                location + ["get", "elasticsearch", "central", "-o", "json"],
                location + ["get", "elasticsearch", "central", "-o", "json"],
            ])
        let list = try JSONValue.parse(Data(kubectl.stdin.utf8))
        #expect(list["kind"] == "List")
        #expect(
            list["items"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } == [
                "Secret", "ConfigMap", "Elasticsearch",
            ])
        #expect(
            list["items"]?.arrayValue?.first?[path: ["data", "cluster.remote.eu-logs.credentials"]]
                == .string(Data(key.utf8).base64EncodedString()))
        #expect(
            result.stdoutText.contains(
                "[local] 5/9 Configure the local ECK cluster: ✓ done: created Secret central-remote-cluster-credentials"
            ))
        #expect(result.stdoutText.contains("remote-cluster-wizard apply --plan"))
        #expect(!result.stdoutText.contains(key) && !result.stderrText.contains(key))
    }

    @Test func applyIsRefusedBeforeAnythingIsReadOrWritten() async throws {
        let folder = try Self.planFolder(PlanKubectlApplyTests.encodedOnly)
        let kubectl = try KubectlClientTests.StandIn("exit 0")
        let path = kubectl.folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
        let result = try await Self.run(
            ["--plan", folder.appendingPathComponent("plan.yaml").path, "--apply"], environment: ["PATH": path])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("--apply: needs --include-secrets"))
        #expect(kubectl.calls.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test func anUnknownContextNamesThePlanField() async throws {
        let folder = try Self.planFolder()
        let kubectl = try KubectlClientTests.StandIn(#"if [ "$1" = config ]; then echo other-ctx; fi"#)
        let path = kubectl.folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
        let result = try await Self.run(
            ["--plan", folder.appendingPathComponent("plan.yaml").path], environment: ["PATH": path])
        #expect(result.status == 1)
        #expect(result.stderrText.contains(#"no context named "local-ctx" (it has: other-ctx)"#))
        #expect(result.stderrText.contains("Correct local.eck.context in the plan."))
        #expect(result.stderrText.contains("Pass --local-resource FILE"))
    }

    @Test func missingKubectlIsSaid() async throws {
        let folder = try Self.planFolder()
        let empty = try TestPaths.temporaryFolder()
        let result = try await Self.run(
            ["--plan", folder.appendingPathComponent("plan.yaml").path], environment: ["PATH": empty.path])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("kubectl was not found on PATH"))
    }

    @Test func waitWithoutApplyIsRefused() async throws {
        let folder = try Self.planFolder()
        let result = try await Self.run([
            "--plan", folder.appendingPathComponent("plan.yaml").path, "--wait", "10",
            "--local-resource", TestPaths.fixture("local-elasticsearch.yaml").path,
        ])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("--wait: only applies with --apply."))
    }

    @Test func localApplyScriptRefusesPlaceholdersThenAppliesInOrder() async throws {
        let folder = try Self.planFolder()
        let out = folder.appendingPathComponent("out")
        let generated = try await Self.run([
            "--plan", folder.appendingPathComponent("plan.yaml").path, "--out", out.path,
            "--local-resource", TestPaths.fixture("local-elasticsearch.yaml").path,
        ])
        #expect(generated.status == 0, "\(generated.stderrText)")
        let kubectl = try KubectlClientTests.StandIn("exit 0")
        let environment = ["PATH": kubectl.folder.path + ":/usr/bin:/bin"]
        let script = out.appendingPathComponent("local-apply.sh")
        let refused = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"), arguments: [script.path], timeoutSeconds: 30, environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stderrText.contains("still holds placeholders"))
        #expect(kubectl.calls.isEmpty, "nothing is applied while a placeholder is left")

        let secretFile = out.appendingPathComponent("local-remote-cluster-credentials-secret.yaml")
        var secret = try JSONValue.parseYAML(String(contentsOf: secretFile, encoding: .utf8))
        for key in secret["stringData"]?.objectValue?.keys ?? [] {
            secret["stringData"]?[key] = "VnVhVGFIa0JjSHZ4c2RDNkNrMlQ6dGhlLWtleQ=="
        }
        try secret.yamlString().write(to: secretFile, atomically: true, encoding: .utf8)
        let applied = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"), arguments: [script.path], timeoutSeconds: 30, environment: environment)
        #expect(applied.status == 0, "\(applied.stderrText)")
        #expect(
            kubectl.calls.map { Array($0.dropFirst(4)) } == [
                ["apply", "-f", "local-remote-cluster-credentials-secret.yaml"],
                ["apply", "-f", "local-remote-cluster-cas-configmap.yaml"],
                ["apply", "-f", "local-elasticsearch.yaml"],
                ["get", "elasticsearch", "central"],
            ])
    }
}
