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

    @Test func findsExecutablesOnASearchPath() {
        #expect(ProcessRunner.findExecutable("sh", searchPath: "/nonexistent:/bin")?.path == "/bin/sh")
        #expect(ProcessRunner.findExecutable("sh", searchPath: "/nonexistent") == nil)
        #expect(ProcessRunner.findExecutable("/bin/sh", searchPath: nil)?.path == "/bin/sh")
    }
}
