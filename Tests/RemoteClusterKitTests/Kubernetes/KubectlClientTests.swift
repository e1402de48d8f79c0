import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Testing
@testable import RemoteClusterKit

/// `KubectlClient` against a stand-in `kubectl` script that records its arguments and stdin and
/// answers with canned output, fails, or hangs.
@Suite struct KubectlClientTests {
    /// A temporary folder holding a `kubectl` script with the given behaviour.
    struct StandIn {
        let folder: URL
        var path: String { folder.appendingPathComponent("kubectl").path }

        init(_ behaviour: String, files: [String: String] = [:]) throws {
            folder = try TestPaths.temporaryFolder()
            for (name, text) in files {
                try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let script = """
                #!/bin/sh
                dir=$(dirname "$0")
                printf '%s\\n' "$@" >> "$dir/args"
                echo "--" >> "$dir/args"
                cat >> "$dir/stdin"
                \(behaviour)

                """
            try Self.writeExecutable(script, to: path)
        }

        /// Writes the script with close-on-exec, so a process another test starts at the same
        /// moment cannot inherit the open file and make executing it fail with "text file busy".
        static func writeExecutable(_ text: String, to path: String) throws {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
            let bytes = Array(text.utf8)
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        }

        func client(timeout: Double = 20) -> KubectlClient {
            KubectlClient(executable: path, searchPath: nil, timeoutSeconds: timeout, pollIntervalSeconds: 0.01)
        }

        /// The argument vectors of every run, in order.
        var calls: [[String]] {
            let text = (try? String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)) ?? ""
            var calls: [[String]] = []
            var current: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line == "--" { calls.append(current); current = [] } else if !line.isEmpty { current.append(line) }
            }
            return calls
        }

        var stdin: String { (try? String(contentsOf: folder.appendingPathComponent("stdin"), encoding: .utf8)) ?? "" }
    }

    static let location = KubernetesLocation(context: "local ctx", namespace: "search")
    static let contexts = #"if [ "$1" = config ]; then printf 'remote-ctx\nlocal ctx\n'; exit 0; fi"#

    @Test func verifyListsContextsAndAcceptsAKnownOne() async throws {
        let kubectl = try StandIn(Self.contexts)
        try await kubectl.client().verify(Self.location)
        #expect(kubectl.calls == [["config", "get-contexts", "-o", "name"]])
    }

    @Test func verifyNamesTheKnownContextsForAnUnknownOne() async throws {
        let kubectl = try StandIn(Self.contexts)
        await #expect(throws: KubernetesError.unknownContext("prod", known: ["remote-ctx", "local ctx"])) {
            try await kubectl.client().verify(KubernetesLocation(context: "prod", namespace: "x"))
        }
    }

    @Test func missingKubectlIsReported() async throws {
        let client = KubectlClient(executable: "kubectl", searchPath: "/nonexistent-folder")
        await #expect(throws: KubernetesError.kubectlNotFound) { try await client.verify(Self.location) }
        let byPath = KubectlClient(executable: "/nonexistent-folder/kubectl")
        await #expect(throws: KubernetesError.kubectlNotFound) { _ = try await byPath.contextNames() }
    }

    @Test func findsKubectlOnTheSearchPath() async throws {
        let kubectl = try StandIn(Self.contexts)
        let client = KubectlClient(executable: "kubectl", searchPath: "/nonexistent-folder:\(kubectl.folder.path)")
        #expect(try await client.contextNames() == ["remote-ctx", "local ctx"])
    }

    @Test func getPassesContextAndNamespaceAndParsesJSON() async throws {
        let kubectl = try StandIn(
            #"cat "$dir/object.json""#,
            files: ["object.json": #"{"kind":"Elasticsearch","metadata":{"name":"central"}}"#])
        let object = try await kubectl.client().get(kind: "elasticsearch", name: "central", in: Self.location)
        #expect(object == ["kind": "Elasticsearch", "metadata": ["name": "central"]])
        #expect(
            kubectl.calls == [
                ["--context", "local ctx", "--namespace", "search", "get", "elasticsearch", "central", "-o", "json"]
            ])
    }

    @Test func notFoundIsRecognised() async throws {
        let kubectl = try StandIn(
            #"echo 'Error from server (NotFound): elasticsearches.elasticsearch.k8s.elastic.co "central" not found' >&2; exit 1"#
        )
        await #expect(throws: KubernetesError.notFound(kind: "elasticsearch", name: "central", location: Self.location))
        {
            _ = try await kubectl.client().get(kind: "elasticsearch", name: "central", in: Self.location)
        }
    }

    @Test func unreadableOutputIsReported() async throws {
        let kubectl = try StandIn("echo 'this is not json'")
        do {
            _ = try await kubectl.client().get(kind: "secret", name: "s", in: Self.location)
            Issue.record("expected an error")
        } catch {
            guard case .unreadableOutput = error else { Issue.record("got \(error)"); return }
        }
    }

    @Test func applySendsAListOnStdinNotInArguments() async throws {
        let kubectl = try StandIn("echo 'secret/x configured'")
        let secret: JSONValue = [
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "x"],
            "stringData": ["cluster.remote.a.credentials": "VERY-SECRET-KEY"],
        ]
        try await kubectl.client().apply([secret], in: Self.location)
        #expect(kubectl.calls == [["--context", "local ctx", "--namespace", "search", "apply", "-f", "-"]])
        #expect(try JSONValue.parse(kubectl.stdin) == ["apiVersion": "v1", "kind": "List", "items": [secret]])
        #expect(!kubectl.calls.joined().contains { $0.contains("VERY-SECRET-KEY") })
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: kubectl.folder.path).sorted()
        #expect(leftovers == ["args", "kubectl", "stdin"], "no temporary manifest files")
    }

    @Test func errorsQuoteKubectlWithSecretsRedacted() async throws {
        let kubectl = try StandIn(
            #"echo "error: admission webhook denied the request: $(cat "$dir/stdin")" >&2; exit 1"#)
        let secret: JSONValue = [
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "x"],
            "stringData": ["cluster.remote.a.credentials": "VERY-SECRET-KEY"],
        ]
        do {
            try await kubectl.client().apply([secret], in: Self.location)
            Issue.record("expected an error")
        } catch {
            guard case .commandFailed(let command, let message) = error else { Issue.record("got \(error)"); return }
            #expect(command == "kubectl --context local ctx --namespace search apply -f -")
            #expect(message.hasPrefix("error: admission webhook denied the request:"))
            #expect(!message.contains("VERY-SECRET-KEY"))
            #expect(message.contains(Secret.redactedText))
        }
    }

    @Test func failureWithoutOutputNamesTheExitStatus() async throws {
        let kubectl = try StandIn("exit 3")
        await #expect(
            throws: KubernetesError.commandFailed(
                command: "kubectl --context local ctx --namespace search apply -f -", message: "exit status 3")
        ) {
            try await kubectl.client().apply([], in: Self.location)
        }
    }

    @Test func mergePatchUsesStdin() async throws {
        let kubectl = try StandIn("echo patched")
        let patch: JSONValue = ["spec": ["remoteClusterServer": ["enabled": true]]]
        try await kubectl.client().mergePatch(kind: "elasticsearch", name: "logs", patch: patch, in: Self.location)
        #expect(
            kubectl.calls == [
                [
                    "--context", "local ctx", "--namespace", "search", "patch", "elasticsearch", "logs",
                    "--type", "merge", "--patch-file", "/dev/stdin",
                ]
            ])
        #expect(try JSONValue.parse(kubectl.stdin) == patch)
    }

    @Test func secretDataDecodesOneKey() async throws {
        let ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let object = #"{"data":{"ca.crt":"\#(Data(ca.utf8).base64EncodedString())"}}"#
        let kubectl = try StandIn(#"cat "$dir/secret.json""#, files: ["secret.json": object])
        let bytes = try await kubectl.client().secretData(
            secret: "logs-es-transport-certs-public", key: "ca.crt", in: Self.location)
        #expect(String(decoding: bytes, as: UTF8.self) == ca)
        await #expect(
            throws: KubernetesError.notFound(
                kind: "Key \"tls.key\" of Secret", name: "logs-es-transport-certs-public", location: Self.location)
        ) {
            _ = try await kubectl.client().secretData(
                secret: "logs-es-transport-certs-public", key: "tls.key", in: Self.location)
        }
    }

    /// That the process is really stopped, not waited for, is ProcessRunnerTests'
    /// `aProcessPastItsTimeLimitIsTerminated`.
    @Test func hangingKubectlIsStoppedAtTheTimeout() async throws {
        let kubectl = try StandIn("exec sleep 30")
        await #expect(
            throws: KubernetesError.timedOut(
                operation: "kubectl --context local ctx --namespace search get elasticsearch central -o json",
                seconds: 0.5)
        ) {
            _ = try await kubectl.client(timeout: 0.5).get(kind: "elasticsearch", name: "central", in: Self.location)
        }
    }

    @Test func waitsUntilReadyAndGenerationObserved() async throws {
        let pending = #"{"metadata":{"generation":8},"status":{"phase":"ApplyingChanges","observedGeneration":7}}"#
        let stale = #"{"metadata":{"generation":8},"status":{"phase":"Ready","observedGeneration":7}}"#
        let ready = #"{"metadata":{"generation":8},"status":{"phase":"Ready","observedGeneration":8}}"#
        let kubectl = try StandIn(
            """
            n=$(cat "$dir/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$dir/count"
            case $n in 1) cat "$dir/pending.json";; 2) cat "$dir/stale.json";; *) cat "$dir/ready.json";; esac
            """, files: ["pending.json": pending, "stale.json": stale, "ready.json": ready])
        try await kubectl.client().waitForElasticsearchReady(name: "central", in: Self.location, timeoutSeconds: 30)
        #expect(kubectl.calls.count == 3)
    }

    @Test func waitingGivesUpAtTheDeadline() async throws {
        let pending = #"{"metadata":{"generation":8},"status":{"phase":"ApplyingChanges","observedGeneration":7}}"#
        let kubectl = try StandIn(#"cat "$dir/pending.json""#, files: ["pending.json": pending])
        await #expect(
            throws: KubernetesError.timedOut(operation: "Waiting for Elasticsearch central to be Ready", seconds: 0.2)
        ) {
            try await kubectl.client().waitForElasticsearchReady(
                name: "central", in: Self.location, timeoutSeconds: 0.2)
        }
    }
}
