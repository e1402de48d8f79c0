import Foundation
import RemoteClusterKit
import Testing

extension KubernetesAPISuites {
    /// The whole procedure from the shell: `simulate` serves both clusters and the Kubernetes API,
    /// `apply --plan` with `applyManifests: kubectl` prepares the ECK remote and the ECK local cluster
    /// through the real kubectl and reaches connected (a search counts the remote's documents), then
    /// `undo` takes it back.
    @Suite(.serialized, .enabled(if: Kubectl.isAvailable, "\(Kubectl.missing)"))
    struct ApplyWithKubectlEndToEndTests {
        struct Simulate {
            let process: Process
            let line: JSONValue

            var kubeconfig: String { line["kubeconfig"]?.stringValue ?? "" }
            func local(_ key: String) -> String { line[path: ["local", key]]?.stringValue ?? "" }
            func remote(_ key: String) -> String { line[path: ["remote", key]]?.stringValue ?? "" }

            static func start() async throws -> Simulate {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: try SimulatedEnvironmentTests.binaryPath())
                process.arguments = [
                    "simulate", "--restart-seconds", "0.3", "--crd", Kubectl.elasticsearchCRD.path,
                ]
                let out = Pipe()
                process.standardOutput = out
                process.standardError = FileHandle.nullDevice
                try process.run()
                let line = try JSONValue.parse(
                    try await SimulatedEnvironmentTests.firstLine(of: out.fileHandleForReading))
                return Simulate(process: process, line: line)
            }

            func stop() async {
                guard process.isRunning else { return }
                kill(process.processIdentifier, SIGTERM)
                await withCheckedContinuation { continuation in
                    DispatchQueue.global().async {
                        process.waitUntilExit()
                        continuation.resume()
                    }
                }
            }

            /// The binary with the kubeconfig and both passwords in its environment.
            func wizard(_ arguments: [String]) async throws -> ProcessResult {
                try await ProcessRunner.run(
                    "/usr/bin/env",
                    [
                        "KUBECONFIG=\(kubeconfig)", "LOCAL_PASSWORD=\(local("password"))",
                        "REMOTE_PASSWORD=\(remote("password"))", try SimulatedEnvironmentTests.binaryPath(),
                    ] + arguments)
            }

            func kubectl(_ arguments: [String]) async throws -> ProcessResult {
                try await ProcessRunner.run(Kubectl.path ?? "kubectl", ["--kubeconfig", kubeconfig] + arguments)
            }

            func localREST(_ path: String) async throws -> CurlResponse {
                try await CurlClient.send(
                    "GET", local("url") + path, auth: .basic("elastic", local("password")), cacert: local("ca"))
            }
        }

        static func plan(_ simulate: Simulate, directory: String) -> String {
            """
            remotes:
              - alias: sim
                type: eck
                proxyAddress: \(simulate.remote("proxyAddress"))
                serverName: \(simulate.remote("serverName"))
                ca: \(directory)/remote-ca.crt
                skipUnavailable: false
                eck: {name: remote, namespace: default, context: sim-remote, version: "3.3.0"}
                searchPattern: "logs-*"
                apiKey:
                  create:
                    url: \(simulate.remote("url"))
                    user: elastic
                    passwordEnv: REMOTE_PASSWORD
                    ca: \(simulate.remote("ca"))
                    name: sim-from-local
                    access:
                      search: [{names: ["logs-*"]}]
            local:
              url: \(simulate.local("url"))
              user: elastic
              passwordEnv: LOCAL_PASSWORD
              ca: \(simulate.local("ca"))
              eck: {name: local, namespace: default, context: sim-local}
              applyManifests: kubectl
              manifestsDir: \(directory)/manifests

            """
        }

        @Test func applyReachesConnectedThroughKubectlAndUndoTakesItBack() async throws {
            let simulate = try await Simulate.start()
            let directory = try TemporaryDirectory()
            do {
                let planFile = directory.path + "/plan.yaml"
                try Self.plan(simulate, directory: directory.path).write(
                    toFile: planFile, atomically: true, encoding: .utf8)

                let apply = try await simulate.wizard(["apply", "--plan", planFile, "--wait", "60"])
                #expect(apply.status == 0, "\(apply.stdout)\n\(apply.stderr)")
                #expect(apply.stdout.contains("✓ sim: connected"), "\(apply.stdout)")
                #expect(apply.stdout.contains("sim:logs-*: 20 documents, 2 of 2 shards"), "\(apply.stdout)")

                let remoteServer = try await simulate.kubectl([
                    "--context", "sim-remote", "get", "elasticsearch", "remote", "-o",
                    "jsonpath={.spec.remoteClusterServer.enabled}",
                ])
                #expect(remoteServer.stdout == "true")
                let secureSettings = try await simulate.kubectl([
                    "--context", "sim-local", "get", "elasticsearch", "local", "-o",
                    "jsonpath={.spec.secureSettings[*].secretName}",
                ])
                #expect(secureSettings.stdout == "local-remote-cluster-credentials", "\(secureSettings.stderr)")
                let credentials = try await simulate.kubectl([
                    "--context", "sim-local", "get", "secret", "local-remote-cluster-credentials", "-o",
                    #"go-template={{range $k, $v := .data}}{{$k}}{{end}}"#,
                ])
                #expect(credentials.stdout == "cluster.remote.sim.credentials")
                let info = try await simulate.localREST("/_remote/info")
                #expect(info.json?[path: ["sim", "connected"]] == true)
                #expect(info.json?[path: ["sim", "cluster_credentials"]] == "::es_redacted::")
                let search = try await simulate.localREST("/sim:logs-*/_search?size=0")
                #expect(search.json?[path: ["hits", "total", "value"]] == 20)

                let undo = try await simulate.wizard(["undo", "--plan", planFile])
                #expect(undo.status == 0, "\(undo.stdout)\n\(undo.stderr)")
                let after = try await simulate.localREST("/_remote/info")
                #expect(after.json == [:])
                let secret = try await simulate.kubectl([
                    "--context", "sim-local", "get", "secret", "local-remote-cluster-credentials",
                ])
                #expect(
                    secret.stderr
                        == "Error from server (NotFound): secrets \"local-remote-cluster-credentials\" not found\n")
                let settings = try await simulate.kubectl([
                    "--context", "sim-local", "get", "elasticsearch", "local", "-o", "jsonpath={.spec.secureSettings}",
                ])
                #expect(settings.stdout.isEmpty, "\(settings.stdout)")
            } catch {
                await simulate.stop()
                directory.remove()
                throw error
            }
            await simulate.stop()
            directory.remove()
        }
    }
}
