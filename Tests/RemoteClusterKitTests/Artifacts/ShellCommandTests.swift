import Foundation
import Testing
@testable import RemoteClusterKit

/// Shell words are quoted so that any name stays one literal argument.
@Suite struct ShellCommandTests {
    @Test func safeWordsStayPlainOthersAreSingleQuoted() {
        #expect(ShellWord.quote("logs-es-remote-cluster") == "logs-es-remote-cluster")
        #expect(ShellWord.quote("--dns=es.example.net") == "--dns=es.example.net")
        #expect(ShellWord.quote("remote ctx") == "'remote ctx'")
        #expect(ShellWord.quote("it's") == "'it'\\''s'")
        #expect(ShellWord.quote("$(rm -rf /)") == "'$(rm -rf /)'")
        #expect(ShellWord.quote("") == "''")
        #expect(ShellWord.literal("--pass=", variable: "CA_PASSWORD").description == "--pass=\"$CA_PASSWORD\"")
    }

    @Test func theShellSeesExactlyTheIntendedArguments() throws {
        let nasty = ["remote ctx's", "$(touch /tmp/pwned)", "a\"b", "back\\slash", "new\nline", "*", "--x=`id`"]
        let words: [ShellWord] = ["printf", "%s\\n"]
        let command = ShellCommand(words + nasty.map { ShellWord($0) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command.description]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == nasty.map { $0 + "\n" }.joined())
    }

    @Test func kubectlCommandsNameContextAndNamespace() {
        let command = ShellCommand.kubectl(
            context: "remote ctx", namespace: "logs", ["get", "secret", "x"], outputFile: "certs/my ca.crt")
        #expect(
            command.description == "kubectl --context 'remote ctx' --namespace logs get secret x > 'certs/my ca.crt'")
        #expect(
            ShellCommand.kubectl(context: nil, namespace: "logs", ["get", "pods"]).description
                == "kubectl --namespace logs get pods")
    }
}
