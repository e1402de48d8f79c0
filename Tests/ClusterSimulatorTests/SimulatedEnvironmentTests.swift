import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

@Suite("SimulatedEnvironment and the simulate command", .stopsResources)
struct SimulatedEnvironmentTests {
    @Test("the description line has the documented keys and working values; shutdown removes the files")
    func environment() async throws {
        let environment = try await SimulatedEnvironment.start(.init(localClusterFactory: nil))
        TestCleanup.add { await environment.shutdown() }
        let line = environment.descriptionLine
        let remote = try #require(line["remote"]?.objectValue)
        #expect(
            Array(remote.keys) == [
                "url", "user", "password", "ca", "proxyAddress", "serverName", "transportCA",
                "transportAddress", "limitedUser", "indices", "eck",
            ])
        #expect(remote["serverName"] == "remote-es-remote-cluster.default.svc")
        #expect(remote["eck"] == ["name": "remote", "namespace": "default", "context": "sim-remote"])
        let ca = try #require(remote["ca"]?.stringValue)
        let url = try #require(remote["url"]?.stringValue)
        let password = try #require(remote["password"]?.stringValue)
        let root = try await CurlClient.send("GET", url + "/", auth: .basic("elastic", password), cacert: ca)
        #expect(root.status == 200)
        #expect(FileManager.default.fileExists(atPath: environment.directory))
        await environment.shutdown()
        #expect(!FileManager.default.fileExists(atPath: environment.directory))
    }

    @Test(
        "simulate prints one JSON line, keeps no private key on disk, serves until the signal, then removes its files",
        arguments: [SIGTERM, SIGINT])
    func binary(signal: Int32) async throws {
        let binary = try Self.binaryPath()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["simulate", "--faults", "http-500"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let line = try await Self.firstLine(of: out.fileHandleForReading)
        let json = try JSONValue.parse(line)
        #expect(json.objectValue.map { Array($0.keys) } == ["local", "remote", "kubeconfig"])
        let kubeconfig = try #require(json["kubeconfig"]?.stringValue)
        let mode = try FileManager.default.attributesOfItem(atPath: kubeconfig)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the kubeconfig holds the API token")
        let text = try String(contentsOfFile: kubeconfig, encoding: .utf8)
        #expect(text.contains("- name: sim-local") && text.contains("- name: sim-remote"))
        #expect(json["local"]?.objectValue.map { Array($0.keys) } == ["url", "user", "password", "ca", "eck"])
        #expect(json["local"]?["eck"] == ["name": "local", "namespace": "default", "context": "sim-local"])
        let remote = try #require(json["remote"])
        #expect(
            remote.objectValue.map { Array($0.keys) } == [
                "url", "user", "password", "ca", "proxyAddress", "serverName", "transportCA", "transportAddress",
                "limitedUser", "indices", "eck",
            ])
        let ca = try #require(remote["ca"]?.stringValue)
        let response = try await CurlClient.send(
            "GET", (remote["url"]?.stringValue ?? "") + "/",
            auth: .basic("elastic", remote["password"]?.stringValue ?? ""),
            cacert: ca)
        #expect(response.status == 500)  // the fault from the command line
        let directory = URL(fileURLWithPath: ca).deletingLastPathComponent().deletingLastPathComponent().path
        #expect(FileManager.default.fileExists(atPath: directory))
        #expect(try Self.filesHoldingPrivateKeys(in: directory) == [], "only certificates are written")
        kill(process.processIdentifier, signal)
        let status = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
        #expect(status == 0)
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test("simulate refuses an unknown fault")
    func unknownFault() async throws {
        let result = try await ProcessRunner.run(try Self.binaryPath(), ["simulate", "--faults", "melt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\"melt\" is not a fault this simulator knows"))
        for fault in SimulatorFault.allCases {
            #expect(result.stderr.contains(fault.rawValue), "the message lists the valid names")
        }
    }

    /// The regular files below `directory` whose content holds a PEM private key.
    static func filesHoldingPrivateKeys(in directory: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            if text.contains("PRIVATE KEY") { found.append(relative) }
        }
        return found
    }

    static func binaryPath() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            RepositoryPaths.root.appendingPathComponent(".build/debug"),
        ]
        for directory in candidates {
            let path = directory.appendingPathComponent("remote-cluster-wizard").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw FixtureError(
            description: "remote-cluster-wizard binary not found beside the tests; run swift build first")
    }

    static func firstLine(of handle: FileHandle) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var buffer = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty {
                        continuation.resume(
                            throwing: FixtureError(
                                description:
                                    "simulate exited before printing: \(String(decoding: buffer, as: UTF8.self))"))
                        return
                    }
                    buffer.append(chunk)
                    if let newline = buffer.firstIndex(of: 0x0A) {
                        continuation.resume(returning: String(decoding: buffer[..<newline], as: UTF8.self))
                        return
                    }
                }
            }
        }
    }
}
