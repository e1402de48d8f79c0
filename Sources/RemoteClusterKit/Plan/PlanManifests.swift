import Foundation

/// Why the manifests of a plan could not be made or written; `exitStatus` 2 for input, 1 for
/// reading, writing or applying.
public struct PlanManifestsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var lines: [String]
    public var exitStatus: Int32

    public init(_ lines: [String], exitStatus: Int32) {
        self.lines = lines
        self.exitStatus = exitStatus
    }

    public var description: String { lines.joined(separator: "\n") }
}

/// The `manifests` pipeline: the local resource, the artifacts, their checks, the files, the
/// summary with the next commands; applying goes through the setup engine's local step.
public struct PlanManifests: Sendable {
    public var plan: Plan
    /// The plan file as the operator named it, for the commands the summary prints.
    public var planPath: String
    public var includeSecrets: Bool

    public init(plan: Plan, planPath: String, includeSecrets: Bool) {
        self.plan = plan
        self.planPath = planPath
        self.includeSecrets = includeSecrets
    }

    /// The current local resource (given, or read with `kubernetes` in the plan's local context or
    /// `currentContext`), without server-set fields.
    public func localResource(given: JSONValue?, kubernetes: any KubernetesClient, currentContext: String?)
        async throws(PlanManifestsError)
        -> JSONValue
    {
        if let given { return ServerSetFields.strip(given) }
        let cluster = plan.local.eck
        guard let context = cluster.context ?? currentContext else {
            throw PlanManifestsError(
                [
                    "local.eck.context: no kubeconfig context is set and kubectl has none. Add it to the plan, or pass --local-resource FILE."
                ],
                exitStatus: 2)
        }
        let location = KubernetesLocation(context: context, namespace: cluster.namespace)
        do {
            try await kubernetes.verify(location)
            return ServerSetFields.strip(
                try await kubernetes.get(kind: "elasticsearch", name: cluster.name, in: location))
        } catch {
            var lines = ["Reading Elasticsearch \(cluster.name) failed: \(error.description)"]
            if case .unknownContext = error { lines.append("Correct local.eck.context in the plan.") }
            lines.append(
                "Pass --local-resource FILE with the output of `kubectl get elasticsearch \(cluster.name) -o yaml` instead."
            )
            throw PlanManifestsError(lines, exitStatus: 1)
        }
    }

    /// The artifacts for the plan and the resource, checked against the Kubernetes shapes.
    public func artifacts(resource: JSONValue, secrets: PlanSecretResolver = PlanSecretResolver())
        throws(PlanManifestsError)
        -> (set: ArtifactSet, setup: ConnectionSetup)
    {
        let setup: ConnectionSetup
        do {
            setup = try plan.connectionSetup(
                localElasticsearch: resource, includeSecrets: includeSecrets, secrets: secrets)
        } catch {
            throw PlanManifestsError([error.description], exitStatus: 2)
        }
        let set: ArtifactSet
        do { set = try ArtifactGenerator.generate(setup) } catch {
            throw PlanManifestsError(["The artifacts cannot be generated: \(error.description)"], exitStatus: 2)
        }
        let violations = ArtifactChecks.violations(in: set)
        guard violations.isEmpty else {
            throw PlanManifestsError(
                ["The generated manifests would be refused by Kubernetes, so nothing was written:"]
                    + violations.map { "  \($0.description)" }, exitStatus: 2)
        }
        return (set, setup)
    }

    /// Writes every artifact into `folder` (secrets 0600, scripts 0755).
    public func write(_ set: ArtifactSet, to folder: URL) throws(PlanManifestsError) {
        do { try ArtifactFileWriter.write(set.artifacts, to: folder) } catch {
            throw PlanManifestsError(["Cannot write to \(folder.path): \(error)"], exitStatus: 1)
        }
    }

    /// The command that runs this plan's setup, as the operator can paste it.
    var applyCommand: String { "remote-cluster-wizard apply --plan \(ShellWord(planPath).description)" }

    /// What was written and what to do next, with commands that work as printed.
    public func summary(_ set: ArtifactSet, folder: URL, setup: ConnectionSetup, applied: Bool) -> [String] {
        var lines = ["Wrote \(set.artifacts.count) files to \(folder.path):"]
        let width = set.artifacts.map(\.fileName.count).max() ?? 0
        for artifact in set.artifacts {
            let padded = artifact.fileName.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(padded)  \(artifact.title)\(artifact.containsSecrets ? " (secret, mode 0600)" : "")")
        }
        let secretFile = LocalClusterStep.secretFileName
        let missing = setup.remotes.filter { !(setup.includeSecrets && $0.credentials != nil) }
        if !missing.isEmpty {
            lines.append("")
            lines.append("\(secretFile) holds placeholders instead of API keys. To fill it:")
            let again = "remote-cluster-wizard manifests --plan \(ShellWord(planPath).description) --include-secrets"
            for remote in missing {
                let planRemote = plan.remotes.first { $0.alias == remote.alias }
                switch planRemote?.apiKey {
                case .create?:
                    lines.append(
                        "  \(remote.alias): the key does not exist yet; `\(applyCommand)` creates it (and does every other step), or send remote-\(remote.alias)-cross-cluster-api-key.txt in the remote's Kibana Dev Tools and save the `encoded` value in a file named by apiKey.encodedFile."
                    )
                case .encodedEnv(let name)?:
                    lines.append("  \(remote.alias): with $\(name) set, run `\(again)`.")
                case .encodedFile?:
                    lines.append("  \(remote.alias): run `\(again)`.")
                case nil:
                    break
                }
            }
        }
        if plan.local.applyManifests == .kubectl, !applied {
            lines.append("")
            lines.append(
                "The plan applies the local files with kubectl (local.applyManifests): `\(applyCommand)` does it with every other step, or run \(folder.appendingPathComponent("local-apply.sh").path)."
            )
        }
        lines.append("")
        lines.append("Read NOTES.md for the order of the steps and what each one restarts.")
        return lines
    }
}
