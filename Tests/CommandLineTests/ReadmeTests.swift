import CommandLineSupport
import Foundation
import RemoteClusterKit
import Testing

/// The README's shell blocks marked `<!-- runnable -->` run as printed, in order, in one folder,
/// with the built binary on PATH and HOME in that folder; a block marked
/// `<!-- runnable: background -->` (the simulator) runs beside them until they are done.
@Suite(.serialized) struct ReadmeTests {
    struct Block {
        var background: Bool
        var script: String
        var line: Int
    }

    static func blocks(in text: String) -> [Block] {
        var blocks: [Block] = []
        let lines = text.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let marker = lines[index].trimmingCharacters(in: .whitespaces)
            if marker == "<!-- runnable -->" || marker == "<!-- runnable: background -->", index + 1 < lines.count,
                lines[index + 1].hasPrefix("```sh")
            {
                var body: [String] = []
                var end = index + 2
                while end < lines.count, !lines[end].hasPrefix("```") {
                    body.append(lines[end])
                    end += 1
                }
                blocks.append(
                    Block(
                        background: marker.contains("background"), script: body.joined(separator: "\n"), line: index + 3
                    ))
                index = end
            }
            index += 1
        }
        return blocks
    }

    static let readme = WizardProcess.repositoryRoot.appendingPathComponent("README.md")

    @Test func theReadmeHasRunnableBlocks() throws {
        let blocks = Self.blocks(in: try String(contentsOf: Self.readme, encoding: .utf8))
        #expect(blocks.filter(\.background).count == 1)
        #expect(blocks.filter { !$0.background }.count >= 2)
    }

    /// Whether kubectl is on PATH (`make deps` installs it): the quick start's `apply` runs it.
    static let kubectlAvailable =
        ProcessRunner.findExecutable(
            "kubectl", searchPath: ProcessInfo.processInfo.environment["PATH"]) != nil

    @Test(.enabled(if: kubectlAvailable, "the quick start's apply needs kubectl (make deps installs it)"))
    func runnableBlocksRunAsPrinted() async throws {
        let blocks = Self.blocks(in: try String(contentsOf: Self.readme, encoding: .utf8))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = [
            "PATH": WizardProcess.binary.deletingLastPathComponent().path + ":"
                + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "HOME": folder.path, "COLUMNS": "100", "LANG": "C.UTF-8",
        ]
        var background: [Process] = []
        defer {
            for process in background where process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
        for block in blocks {
            if block.background {
                let process = try Self.bash(
                    block.script, in: folder, environment: environment, output: "background.out")
                background.append(process)
                try await Self.waitUntilReady(of: folder.appendingPathComponent("background.out"), process: process)
                continue
            }
            let process = try Self.bash(
                "set -euo pipefail\n" + block.script, in: folder, environment: environment, output: "block.out")
            try await Self.wait(for: process, seconds: 120)
            let output = (try? String(contentsOf: folder.appendingPathComponent("block.out"), encoding: .utf8)) ?? ""
            #expect(
                process.terminationStatus == 0,
                "README block at line \(block.line) failed:\n\(block.script)\n---\n\(output)")
        }
        // The simulator stops on SIGTERM and removes its folder, as the README says Ctrl-C does.
        for process in background {
            process.terminate()
            try await Self.wait(for: process, seconds: 30)
        }
    }

    /// `bash -c script` in `folder`, standard output and error into `output` there.
    static func bash(_ script: String, in folder: URL, environment: [String: String], output: String) throws -> Process
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = folder
        process.environment = environment
        let file = folder.appendingPathComponent(output)
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func wait(for process: Process, seconds: Double) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                Issue.record("a README block did not finish within \(seconds) s")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until the background block (the simulator) printed its banner, which ends with the commands to paste.
    static func waitUntilReady(of file: URL, process: Process) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if text.contains("In another terminal") { return }
            if !process.isRunning {
                Issue.record("the background README block ended:\n\(text)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the background README block printed nothing within 60 s")
    }
}
