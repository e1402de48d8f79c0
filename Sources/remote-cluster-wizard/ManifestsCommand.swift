import ArgumentParser
import Foundation
import RemoteClusterKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `manifests`: writes every artifact of a plan (Kubernetes objects, scripts, requests, notes)
/// as files, without contacting any Elasticsearch cluster.
struct ManifestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifests",
        abstract: "Write the manifests, commands and requests for a plan as files.",
        discussion: """
            Reads and checks the plan, reads the local Elasticsearch resource (with kubectl from the \
            plan's local context, or from --local-resource), and writes the credentials Secret, the CA \
            ConfigMap, the merged Elasticsearch resource, the remote side's changes and commands, the \
            API key and role requests, and NOTES.md into --out (default: the plan's local.manifestsDir). \
            With --apply it then applies the local Secret, ConfigMap and Elasticsearch resource with \
            kubectl, as the plan's `local.applyManifests: kubectl` asks. Exit status 2 means the input \
            has problems, 1 that reading, writing or applying failed.
            """
    )

    @Option(name: .long, help: "The plan file (see PLAN.md).")
    var plan: String

    @Option(
        name: .long,
        help: "The folder to write the files to (created when missing); default: the plan's local.manifestsDir.")
    var out: String?

    @Option(
        name: .customLong("local-resource"),
        help: "A file with the local Elasticsearch resource as `kubectl get elasticsearch NAME -o yaml` prints it.")
    var localResource: String?

    @Flag(
        name: .customLong("include-secrets"),
        help: "Write the encoded API keys into the Secret (file mode 0600) instead of a placeholder.")
    var includeSecrets = false

    @Flag(
        name: .long,
        help:
            "Apply the local Secret, ConfigMap and Elasticsearch resource with kubectl after writing them (needs local.applyManifests: kubectl and --include-secrets)."
    )
    var apply = false

    @Option(
        name: .customLong("wait"), parsing: .unconditional,
        help: ArgumentHelp(
            "With --apply: wait up to this many seconds for the rollout (phase Ready, new generation observed).",
            valueName: "seconds"),
        transform: { try SecondsArgument.parse($0, allowed: "give a number of seconds above 0, such as 600") })
    var waitSeconds: Double?

    func run() async throws {
        let parsed: ParsedPlan
        do {
            parsed = try Plan.load(from: URL(fileURLWithPath: plan))
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        for warning in parsed.warnings { printError("warning: \(warning.description)") }
        let plan = parsed.plan
        if apply, let problem = plan.kubectlApplyProblem(includeSecrets: includeSecrets) {
            printError(problem.description)
            throw ExitCode(2)
        }
        if let waitSeconds, !apply || !(waitSeconds > 0) {
            printError("--wait: \(apply ? "must be a number of seconds above 0" : "only applies with --apply").")
            throw ExitCode(2)
        }

        let folder = out.map { URL(fileURLWithPath: $0) } ?? plan.local.manifestsDir
        if let problem = OutputFolder.problem(at: folder.path, field: out == nil ? "local.manifestsDir" : "--out") {
            printError(problem.description)
            throw ExitCode(2)
        }
        let resource = try await readLocalResource(plan)
        let setup: ConnectionSetup
        do {
            setup = try plan.connectionSetup(localElasticsearch: resource, includeSecrets: includeSecrets)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let artifacts: ArtifactSet
        do {
            artifacts = try ArtifactGenerator.generate(setup)
        } catch {
            printError("The artifacts cannot be generated: \(error.description)")
            throw ExitCode(2)
        }
        let violations = ArtifactChecks.violations(in: artifacts)
        guard violations.isEmpty else {
            printError("The generated manifests would be refused by Kubernetes, so nothing was written:")
            for violation in violations { printError("  \(violation.description)") }
            throw ExitCode(2)
        }
        do {
            try ArtifactFileWriter.write(artifacts, to: folder)
        } catch {
            printError("Cannot write to \(folder.path): \(error)")
            throw ExitCode(1)
        }
        print(summary(artifacts, folder: folder, setup: setup, plan: plan))
        if apply { try await applyLocal(artifacts, plan: plan) }
    }

    /// Applies the local objects in the plan's local context and says what happens next.
    func applyLocal(_ artifacts: ArtifactSet, plan: Plan) async throws {
        let cluster = plan.local.eck
        guard let location = cluster.location else { return }
        let client = KubectlClient(pollIntervalSeconds: 2)
        do {
            try await client.verify(location)
            try await client.apply(artifacts.localManifests, in: location)
        } catch {
            printError("Applying the local objects failed: \(error.description)")
            if case .unknownContext = error { printError("Correct local.eck.context in the plan.") }
            printError("Nothing else was changed; the files are written, and local-apply.sh applies them by hand.")
            throw ExitCode(1)
        }
        print("")
        guard let waitSeconds else {
            print(
                "Applied the local objects to Elasticsearch \(cluster.name) (\(location)). ECK now restarts its pods; follow with `kubectl --context \(location.context) --namespace \(location.namespace) get elasticsearch \(cluster.name)` until PHASE is Ready, then send local-remote-cluster-settings.txt."
            )
            return
        }
        print("Applied the local objects to Elasticsearch \(cluster.name) (\(location)); waiting for the rollout…")
        do {
            try await client.waitForElasticsearchReady(name: cluster.name, in: location, timeoutSeconds: waitSeconds)
        } catch {
            printError("The rollout is not finished: \(error.description)")
            printError("Check the pods with `kubectl --context \(location.context) --namespace \(location.namespace) get pods`.")
            throw ExitCode(1)
        }
        print("Elasticsearch \(cluster.name) is Ready with the change. Now send local-remote-cluster-settings.txt.")
    }

    /// The current local resource, from the file or from kubectl, without server-set fields.
    func readLocalResource(_ plan: Plan) async throws -> JSONValue {
        let cluster = plan.local.eck
        if let localResource {
            let text: String
            do {
                text = try InputFile.text(
                    at: localResource, field: "--local-resource", what: "the Elasticsearch resource",
                    maximumBytes: 16 << 20)
            } catch {
                printError(error.description)
                throw ExitCode(2)
            }
            do {
                return ServerSetFields.strip(try JSONValue.parseYAML(text))
            } catch {
                let what = error.exceedsLimits ? "cannot be read" : "is not YAML or JSON"
                printError("--local-resource: \(localResource) \(what): \(error.description)")
                throw ExitCode(2)
            }
        }
        guard let location = cluster.location else {
            printError(
                "local.eck.context: no kubeconfig context is set. Add it to the plan, or pass --local-resource FILE.")
            throw ExitCode(2)
        }
        let client = KubectlClient()
        do {
            try await client.verify(location)
            return ServerSetFields.strip(try await client.get(kind: "elasticsearch", name: cluster.name, in: location))
        } catch {
            printError("Reading Elasticsearch \(cluster.name) failed: \(error.description)")
            if case .unknownContext = error { printError("Correct local.eck.context in the plan.") }
            printError(
                "Pass --local-resource FILE with the output of `kubectl get elasticsearch \(cluster.name) -o yaml` instead."
            )
            throw ExitCode(1)
        }
    }

    func summary(_ set: ArtifactSet, folder: URL, setup: ConnectionSetup, plan: Plan) -> String {
        var lines = ["Wrote \(set.artifacts.count) files to \(folder.path):"]
        let width = set.artifacts.map(\.fileName.count).max() ?? 0
        for artifact in set.artifacts {
            let padded = artifact.fileName.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(padded)  \(artifact.title)\(artifact.containsSecrets ? " (secret, mode 0600)" : "")")
        }
        let secretFile = "local-remote-cluster-credentials-secret.yaml"
        let missing = setup.remotes.filter { !(setup.includeSecrets && $0.credentials != nil) }
        if !missing.isEmpty {
            lines.append("")
            lines.append("\(secretFile) holds placeholders instead of API keys. To fill it:")
            for remote in missing {
                let planRemote = plan.remotes.first { $0.alias == remote.alias }
                let key = LocalClusterNaming.credentialsSetting(alias: remote.alias)
                switch planRemote?.apiKey {
                case .create?:
                    lines.append(
                        "  \(remote.alias): the key does not exist yet. Send remote-\(remote.alias)-cross-cluster-api-key.txt in the remote's Kibana Dev Tools and put the `encoded` value of the response under \(key)."
                    )
                case .encodedEnv(let name)?:
                    lines.append(
                        "  \(remote.alias): run again with --include-secrets (reads $\(name)), or put the key from $\(name) under \(key)."
                    )
                case .encodedFile(let url)?:
                    lines.append(
                        "  \(remote.alias): run again with --include-secrets (reads \(url.path)), or put the key from that file under \(key)."
                    )
                case nil:
                    break
                }
            }
        }
        if plan.local.applyManifests == .kubectl, !apply {
            lines.append("")
            lines.append(
                "The plan applies the local files with kubectl (local.applyManifests): run again with --apply, or run local-apply.sh."
            )
        }
        lines.append("")
        lines.append("Read NOTES.md for the order of the steps and what each one restarts.")
        return lines.joined(separator: "\n")
    }

    func printError(_ text: String) { CommandOutput().error(text) }

    /// Standard output, made safe for the terminal like every command's output.
    func print(_ text: String) { CommandOutput().print(text) }
}

/// Writes an artifact set into a folder: secrets with mode 0600, scripts 0755, the rest 0644.
enum ArtifactFileWriter {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    static func write(_ set: ArtifactSet, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for artifact in set.artifacts {
            let mode: mode_t = artifact.containsSecrets ? 0o600 : (artifact.kind == .shellScript ? 0o755 : 0o644)
            try write(artifact.text, to: folder.appendingPathComponent(artifact.fileName).path, mode: mode)
        }
    }

    /// Creates the file with `mode` from the start (a secret is never readable by others, not
    /// even briefly) and fixes the mode of a file that existed before.
    static func write(_ text: String, to path: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
            offset += written
        }
    }
}
