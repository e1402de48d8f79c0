import Foundation

/// Undo of step 5: takes the aliases' entries out of the credentials Secret and the CA ConfigMap
/// (deleting each when it is left empty), and their trust, secure settings and CA volume out of
/// the local `Elasticsearch` resource, in one apply; then follows the rollout.
/// With `applyManifests: files` or `none` it reports what to remove by hand.
public struct LocalClusterUndo: UndoStep {
    public var aliases: [String]
    public init(aliases: [String]) { self.aliases = aliases }

    public var id: SetupStepID { SetupStepID(.localCluster, alias: nil) }
    public var title: String { "Remove the local ECK configuration" }

    var secretKeys: [String] { aliases.map(LocalClusterNaming.credentialsSetting(alias:)) }
    var caFiles: [String] { aliases.map(LocalClusterNaming.caFileName(alias:)) }

    public func preview(in context: SetupContext) -> StepPreview {
        let local = context.local
        guard local.applyManifests == .kubectl, let location = local.eck.location else {
            return StepPreview(notes: [handWork(context)])
        }
        let secret = LocalClusterNaming.credentialsSecret(localCluster: local.eck.name)
        let configMap = LocalClusterNaming.caConfigMap(localCluster: local.eck.name)
        return StepPreview(
            notes: [
                "The resource, \(secret) and \(configMap) are read, and applied again without the entries of \(aliases.joined(separator: ", ")) (\(secretKeys.joined(separator: ", ")); \(caFiles.joined(separator: ", ")); their certificate_authorities entries, and the secure settings and CA volume once nothing else uses them); everything else is kept.",
                "ECK restarts the pods of \(local.eck.name) once to drop the keys and the trust.",
            ],
            actions: [
                .kubernetes(.get(kind: "elasticsearch", name: local.eck.name), location: location),
                .kubernetes(.get(kind: "secret", name: secret), location: location),
                .kubernetes(.get(kind: "configmap", name: configMap), location: location),
                .kubernetes(.delete(kind: "secret", name: secret), location: location, sentOnlyIf: "it is left empty"),
                .kubernetes(
                    .delete(kind: "configmap", name: configMap), location: location, sentOnlyIf: "it is left empty"),
                .wait("Elasticsearch \(local.eck.name) is Ready again", seconds: 300),
            ])
    }

    func handWork(_ context: SetupContext) -> String {
        let local = context.local.eck.name
        return
            "The plan does not apply with kubectl, so remove by hand: the entries \(secretKeys.joined(separator: ", ")) of Secret \(LocalClusterNaming.credentialsSecret(localCluster: local)), the files \(caFiles.joined(separator: ", ")) of ConfigMap \(LocalClusterNaming.caConfigMap(localCluster: local)), and their references in Elasticsearch \(local)."
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        let local = context.local
        let kubectl = local.applyManifests == .kubectl && local.eck.location != nil
        let left =
            kubectl
            ? [
                "xpack.security.remote_cluster_client.ssl.enabled: true stays in the nodeSets of \(local.eck.name) (it is Elasticsearch's default)."
            ]
            : [handWork(context)]
        return await StepExecution.run(id, title: title, context: context, events: events, leftBehind: left) {
            context, execution in
            guard kubectl, let location = local.eck.location else {
                return .skipped("Nothing is removed with kubectl (applyManifests: \(local.applyManifests.rawValue)).")
            }
            return try await remove(in: location, context: &context, services: services, execution: execution)
        }
    }

    func remove(
        in location: KubernetesLocation, context: inout SetupContext, services: SetupServices, execution: StepExecution
    )
        async throws -> StepOutcome
    {
        let kubernetes = services.kubernetes
        let name = context.local.eck.name
        let secretName = LocalClusterNaming.credentialsSecret(localCluster: name)
        let configMapName = LocalClusterNaming.caConfigMap(localCluster: name)
        let resource = ServerSetFields.strip(
            try await Call.kubernetes("Reading Elasticsearch \(name)") {
                try await kubernetes.get(kind: "elasticsearch", name: name, in: location)
            })
        let secret = try await Call.optionalObject("secret", secretName, location, kubernetes)
        let configMap = try await Call.optionalObject("configmap", configMapName, location, kubernetes)

        let keptSecretData = (secret?["data"]?.objectValue ?? [:]).filter { !secretKeys.contains($0.key) }
        let keptCAData = (configMap?["data"]?.objectValue ?? [:]).filter { !caFiles.contains($0.key) }
        let removal = LocalElasticsearchRemoval(
            certificateAuthorities: caFiles.map { "\(LocalClusterNaming.caConfigRelativeFolder)/\($0)" },
            secureSettingsSecret: keptSecretData.isEmpty ? secretName : nil,
            removesCAVolume: keptCAData.isEmpty)
        let (updated, resourceChanges) = ElasticsearchResourceUnmerge.remove(removal, from: resource)

        var objects: [JSONValue] = []
        var deletions: [(String, String)] = []
        var changes = resourceChanges.map { "Elasticsearch \(name): \($0)" }
        if updated != resource { objects.append(updated) }
        for (object, kind, objectName, kept, what) in [
            (secret, "secret", secretName, keptSecretData, "the keys"),
            (configMap, "configmap", configMapName, keptCAData, "the CAs"),
        ] {
            guard let object, kept.count != object["data"]?.objectValue?.count else { continue }
            let display = kind == "secret" ? "Secret" : "ConfigMap"
            if kept.isEmpty {
                deletions.append((kind, objectName))
                changes.append("deleted \(display) \(objectName)")
            } else {
                var pruned = ServerSetFields.strip(object)
                pruned["data"] = .object(kept)
                objects.insert(pruned, at: 0)
                changes.append("removed \(what) of \(aliases.joined(separator: ", ")) from \(display) \(objectName)")
            }
        }
        guard !objects.isEmpty || !deletions.isEmpty else {
            return .alreadyDone("The local cluster holds nothing of \(aliases.joined(separator: ", ")).")
        }
        // The resource first stops using the Secret and the CA files, then they go.
        if !objects.isEmpty {
            try await Call.kubernetes("Applying the local objects") {
                try await kubernetes.apply(objects, in: location)
            }
        }
        for (kind, object) in deletions {
            try await Call.kubernetes("Deleting \(kind) \(object)") {
                try await kubernetes.delete(kind: kind, name: object, in: location)
            }
        }
        execution.progress("ECK restarts the pods of \(name).")
        try await RolloutWait.untilReady(
            name: name, in: location, mustLeaveReady: updated == resource, services: services, execution: execution)
        return .done(changes: changes)
    }
}
