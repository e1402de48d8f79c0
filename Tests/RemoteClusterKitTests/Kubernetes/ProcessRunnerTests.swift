import Foundation
import Testing
@testable import RemoteClusterKit

/// The process runner passes arguments as a vector, feeds large stdin without deadlocking and
/// captures both outputs.
@Suite struct ProcessRunnerTests {
    @Test func largeStdinComesBackThroughStdout() async throws {
        let input = Data((0..<400_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let result = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/cat"), arguments: [], stdin: input, timeoutSeconds: 60)
        #expect(result.status == 0)
        #expect(result.stdout == input)
        #expect(!result.timedOut)
    }

    @Test func argumentsAreNotInterpretedByAShell() async throws {
        let arguments = ["$(id)", "a b", "*", "'quoted'"]
        let result = try await ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/printf"), arguments: ["%s|"] + arguments, timeoutSeconds: 30)
        #expect(result.stdoutText == arguments.map { $0 + "|" }.joined())
    }

    @Test func stderrAndExitStatusAreCaptured() async throws {
        let result = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "echo out; echo err >&2; exit 7"], timeoutSeconds: 30)
        #expect(result.status == 7)
        #expect(result.stdoutText == "out\n")
        #expect(result.stderrText == "err\n")
    }

    /// Judged by the exit status, not the clock: the whole suite starts at once on two cores, and
    /// a test can wait many seconds for its turn after the process has long been stopped.
    @Test func aProcessPastItsTimeLimitIsTerminated() async throws {
        let result = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "exec sleep 30"], timeoutSeconds: 0.3)
        #expect(result.timedOut)
        #expect(result.status == 128 + SIGTERM, "the process ended by itself instead of being stopped")
    }

    /// A Swift concurrency thread blocks nearly every signal and this process ignores SIGPIPE;
    /// the child must not inherit either, or it could not be stopped, nor stop in a pipeline.
    @Test func theChildStartsWithNoSignalBlockedOrIgnored() async throws {
        let result = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/grep"), arguments: ["-E", "^Sig(Blk|Ign)", "/proc/self/status"],
            timeoutSeconds: 30)
        var masks: [String: UInt64] = [:]
        for line in result.stdoutText.split(separator: "\n") {
            let parts = line.split(separator: ":")
            masks[String(parts[0])] = UInt64(parts[1].trimmingCharacters(in: .whitespaces), radix: 16)
        }
        #expect(masks["SigBlk"] == 0)
        // Signals 32 and 33 are glibc's own; its posix_spawn keeps them ignored until exec'd
        // programs set them up again. Signals 1 to 31 must all be at their default.
        #expect(masks["SigIgn"].map { $0 & 0x7fff_ffff } == 0)
    }

    @Test func theChildInheritsNoDescriptorButItsPipes() async throws {
        let file = try TestPaths.temporaryFolder().appendingPathComponent("open").path
        let inheritable = open(file, O_WRONLY | O_CREAT, 0o600)
        try #require(inheritable > 2)
        defer { close(inheritable) }
        // ls opens the folder it lists as descriptor 3.
        let result = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/ls"), arguments: ["/proc/self/fd"], timeoutSeconds: 30)
        #expect(result.stdoutText == "0\n1\n2\n3\n")
    }

    @Test func aMissingProgramIsALaunchErrorWithTheReason() async {
        await #expect(
            throws: ProcessLaunchError(executable: "/nonexistent/kubectl", reason: "No such file or directory")
        ) {
            _ = try await ProcessRunner.run(
                URL(fileURLWithPath: "/nonexistent/kubectl"), arguments: [], timeoutSeconds: 30)
        }
    }

    @Test func theEnvironmentGivenIsTheWholeEnvironment() async throws {
        let result = try await ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments: [], timeoutSeconds: 30,
            environment: ["KUBECONFIG": "/tmp/a b", "LANG": "C"])
        #expect(result.stdoutText == "KUBECONFIG=/tmp/a b\nLANG=C\n")
    }

    @Test func anArgumentWithANULIsRefusedBeforeAnythingRuns() async {
        await #expect(throws: ProcessLaunchError.self) {
            _ = try await ProcessRunner.run(
                URL(fileURLWithPath: "/usr/bin/printf"), arguments: ["a\u{0}b"], timeoutSeconds: 30)
        }
    }

    @Test func findsExecutablesOnASearchPath() {
        #expect(ProcessRunner.findExecutable("sh", searchPath: "/nonexistent:/bin")?.path == "/bin/sh")
        #expect(ProcessRunner.findExecutable("sh", searchPath: "/nonexistent") == nil)
        #expect(ProcessRunner.findExecutable("/bin/sh", searchPath: nil)?.path == "/bin/sh")
    }
}
