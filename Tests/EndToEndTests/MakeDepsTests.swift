import Foundation
import Testing

/// `make deps` with stand-ins for `dpkg`, `id` and `apt-get` first on PATH, so that nothing is
/// installed for real: it installs the missing packages when run as root, and otherwise prints
/// the exact command and stops.
@Suite struct MakeDepsTests {
    /// A folder with the stand-in commands: `dpkg -s` knows only `present-package`, `id -u`
    /// prints `uid`, and `apt-get` appends its arguments to `apt-get.log`.
    struct FakeSystem {
        let folder: URL
        var aptLog: URL { folder.appendingPathComponent("apt-get.log") }

        init(uid: Int) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("make-deps-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try script("dpkg", #"[ "$1" = "-s" ] && [ "$2" = "present-package" ]"#)
            try script("id", "echo \(uid)")
            try script("apt-get", "echo \"$*\" >> '\(aptLog.path)'")
        }

        /// Writes an executable script. A child shell writes it, so no descriptor open for
        /// writing can leak into processes other tests start meanwhile (executing the script
        /// would then fail with "Text file busy").
        private func script(_ name: String, _ body: String) throws {
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            writer.arguments = [
                "-c", #"printf '#!/bin/sh\n%s\n' "$2" > "$1" && chmod 755 "$1""#, "sh",
                folder.appendingPathComponent(name).path, body,
            ]
            try writer.run()
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }

        var aptCalls: [String] {
            ((try? String(contentsOf: aptLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        /// Runs `make deps` in the repository with these stand-ins and the given package list.
        func makeDeps(packages: String, kubectl: String = "/bin/sh") throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "make", "--no-print-directory", "-C", MakeDepsTests.repositoryRoot.path, "deps",
                "SYSTEM_DEPS=\(packages)", "KUBECTL=\(kubectl)",
            ]
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = folder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }

    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Makefile").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    @Test func doesNothingWhenEverythingIsInstalled() throws {
        let system = try FakeSystem(uid: 1000)
        defer { system.remove() }
        let run = try system.makeDeps(packages: "present-package")
        #expect(run.status == 0)
        #expect(run.output.isEmpty)
        #expect(system.aptCalls.isEmpty)
    }

    @Test func printsTheExactCommandAndStopsWhenNotRoot() throws {
        let system = try FakeSystem(uid: 1000)
        defer { system.remove() }
        let run = try system.makeDeps(packages: "present-package missing-one missing-two")
        #expect(run.status != 0)
        #expect(run.output.contains("Missing system packages: missing-one missing-two"))
        #expect(
            run.output.contains(
                "Install them with: sudo apt-get update && sudo apt-get install -y missing-one missing-two\n"))
        #expect(system.aptCalls.isEmpty)
    }

    /// Debian's `kubernetes-client` is installed only when no kubectl is on PATH.
    @Test func installsKubectlOnlyWhereThereIsNone() throws {
        let system = try FakeSystem(uid: 0)
        defer { system.remove() }
        let present = try system.makeDeps(packages: "present-package", kubectl: "sh")
        #expect(present.status == 0, "\(present.output)")
        #expect(system.aptCalls.isEmpty)
        let absent = try system.makeDeps(packages: "present-package", kubectl: "kubectl-\(UUID().uuidString)")
        #expect(absent.status == 0, "\(absent.output)")
        #expect(system.aptCalls == ["update -qq", "install -y -qq kubernetes-client"])
    }

    @Test func installsTheMissingPackagesWhenRoot() throws {
        let system = try FakeSystem(uid: 0)
        defer { system.remove() }
        let run = try system.makeDeps(packages: "present-package missing-one")
        #expect(run.status == 0, "\(run.output)")
        #expect(system.aptCalls == ["update -qq", "install -y -qq missing-one"])
    }
}
