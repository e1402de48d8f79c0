import CommandLineSupport
import Foundation
import Testing

/// The completion scripts complete what each option takes: files for file options, folders for
/// `--out`, fault names for `--faults` (also after a comma), kubeconfig contexts for `--context`.
@Suite struct CompletionTests {
    static func script(_ shell: String) async throws -> String {
        let run = try await WizardProcess.run(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.standardError)")
        return run.standardOutput
    }

    /// The lines of the bash script's case for `option` inside the function of `subcommand`.
    static func bashCase(_ script: String, subcommand: String, option: String) -> String {
        guard let function = script.range(of: "_remote-cluster-wizard_\(subcommand)() {") else { return "" }
        let body = script[function.upperBound...]
        let end = body.range(of: "\n}\n")?.lowerBound ?? body.endIndex
        guard let start = body[..<end].range(of: "'\(option)')\n") ?? body[..<end].range(of: "'\(option)'|")
        else { return "" }
        return String(body[start.upperBound..<end].prefix { $0 != ";" }.prefix(300))
    }

    @Test(arguments: [
        ("status", "--ca"), ("status", "--password-file"), ("status", "--api-key-file"), ("probe", "--ca"),
        ("apply", "--local-resource"), ("manifests", "--local-resource"), ("status", "--log-file"),
        ("simulate", "--env-file"),
    ])
    func fileOptionsCompleteFiles(subcommand: String, option: String) async throws {
        let completion = Self.bashCase(try await Self.script("bash"), subcommand: subcommand, option: option)
        #expect(completion.contains("_add_completions -f") || completion.contains("-fX"), "\(option): \(completion)")
    }

    @Test func planCompletesYAMLFilesAndOutCompletesFolders() async throws {
        let bash = try await Self.script("bash")
        for subcommand in ["apply", "undo", "manifests"] {
            #expect(Self.bashCase(bash, subcommand: subcommand, option: "--plan").contains("!*.@(yaml|yml)"))
        }
        #expect(Self.bashCase(bash, subcommand: "manifests", option: "--out").contains("-d"))
    }

    @Test func contextCompletesFromKubectl() async throws {
        for shell in ["bash", "zsh", "fish"] {
            #expect(try await Self.script(shell).contains("kubectl config get-contexts -o name"), "\(shell)")
        }
    }

    @Test func faultsCompleteNamesAfterTheOnesTyped() async throws {
        let run = try await WizardProcess.run([
            "---completion", "simulate", "--", "--faults", "3", "14", "remote-cluster-wizard", "simulate", "--faults",
            "remote-down,sl",
        ])
        let candidates = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(candidates.contains("remote-down,slow"))
        #expect(!candidates.contains("remote-down,remote-down"))
        #expect(candidates.allSatisfy { $0.hasPrefix("remote-down,") })
        for shell in ["bash", "zsh", "fish"] {
            #expect(try await Self.script(shell).contains("---completion simulate -- --faults"), "\(shell)")
        }
    }

    @Test func outputFormatsAreOfferedPerCommand() async throws {
        let bash = try await Self.script("bash")
        let words = { (subcommand: String) in
            Self.bashCase(bash, subcommand: subcommand, option: "-o").replacingOccurrences(of: "'$'\\n''", with: " ")
        }
        #expect(words("status").contains("'text wide json yaml'"), "\(words("status"))")
        #expect(words("apply").contains("'text json yaml'"), "\(words("apply"))")
    }
}
