/// The local ECK cluster's artifacts: the credentials Secret, the CA ConfigMap when a remote's CA
/// is private, and the merged `Elasticsearch` resource, with notes on what applying them does.
public enum LocalClusterArtifacts {
    /// The annotation that makes ECK ≥ 3.5 reload secure settings without restarting (ES ≥ 9.5).
    public static let fileBasedSecureSettingsAnnotation = "eck.k8s.elastic.co/file-based-secure-settings"
    /// The oldest Elasticsearch version Elastic supports the API-key security model on.
    public static let minimumElasticsearchVersion = SemanticVersion(8, 14, 0)

    /// The Secret, the CA ConfigMap (when a CA is private), the merged resource, `local-apply.sh`
    /// and the notes; throws when the current resource is not a usable `Elasticsearch` object.
    public static func generate(_ setup: ConnectionSetup) throws(ArtifactError) -> ArtifactSet {
        var set = ArtifactSet()
        let local = setup.local
        let secretName = LocalClusterNaming.credentialsSecret(localCluster: local.name)
        set.artifacts.append(credentialsSecret(setup, name: secretName))

        let trusted = setup.remotes.filter { $0.certificateAuthority?.pem != nil }
        var change = LocalElasticsearchChange(secureSettingsSecret: secretName)
        if !trusted.isEmpty {
            let configMapName = LocalClusterNaming.caConfigMap(localCluster: local.name)
            set.artifacts.append(caConfigMap(trusted, name: configMapName, namespace: local.namespace))
            change.caConfigMap = configMapName
            change.certificateAuthorities = trusted.map { LocalClusterNaming.caConfigEntry(alias: $0.alias) }
        }

        let current = try identified(ServerSetFields.strip(setup.localElasticsearch), as: local)
        let (merged, report) = try ElasticsearchResourceMerge.merge(current, with: change)
        try checkNoCAIsLeftBehind(merged, change: change)
        set.artifacts.append(
            .yaml(
                merged, fileName: "local-elasticsearch.yaml",
                title: "The local Elasticsearch resource \(local.name) with the remote-cluster change merged in",
                kind: .kubernetesManifest, target: .local))
        set.artifacts.append(applyScript(setup, files: set.artifacts.map(\.fileName)))
        set.notes += notes(setup, merged: merged, report: report, secretName: secretName)
        return set
    }

    /// The resource, checked to be the plan's local cluster (name and namespace), with the
    /// namespace filled in when the file left it out, so that applying it reaches that cluster.
    static func identified(_ resource: JSONValue, as local: ECKClusterReference) throws(ArtifactError) -> JSONValue {
        guard resource["kind"]?.stringValue == "Elasticsearch" else { return resource }
        let name = resource[path: ["metadata", "name"]]?.stringValue
        guard name == local.name else {
            throw ArtifactError(
                problem:
                    "The local resource is Elasticsearch \(name.map { "\"\($0)\"" } ?? "without metadata.name"), but the plan's local.eck.name is \"\(local.name)\"",
                fix: "Pass the output of `kubectl get elasticsearch \(local.name) -o yaml`, or correct local.eck.name.")
        }
        var result = resource
        switch resource[path: ["metadata", "namespace"]]?.stringValue {
        case nil:
            result["metadata"]?["namespace"] = .string(local.namespace)
        case let namespace? where namespace != local.namespace:
            throw ArtifactError(
                problem:
                    "The local resource is in namespace \"\(namespace)\", but the plan's local.eck.namespace is \"\(local.namespace)\"",
                fix: "Pass the resource from namespace \(local.namespace), or correct local.eck.namespace.")
        default:
            break
        }
        return result
    }

    /// Fails when a nodeSet trusts a file of the CA ConfigMap that the new ConfigMap would no
    /// longer hold (a remote from an earlier run that this plan leaves out): the pods would
    /// not start without it.
    static func checkNoCAIsLeftBehind(_ merged: JSONValue, change: LocalElasticsearchChange) throws(ArtifactError) {
        let folder = LocalClusterNaming.caConfigRelativeFolder + "/"
        for (index, nodeSet) in (merged[path: ["spec", "nodeSets"]]?.arrayValue ?? []).enumerated() {
            let entries = ElasticsearchResourceMerge.listEntries(
                ConfigSettingPath.value(
                    of: ElasticsearchResourceMerge.certificateAuthoritiesSetting, in: nodeSet["config"] ?? [:]))
            for entry in entries where entry.hasPrefix(folder) && !change.certificateAuthorities.contains(entry) {
                throw ArtifactError(
                    problem:
                        "spec.nodeSets[\(index)].config trusts \(entry), which the new CA ConfigMap would no longer hold, so the pods would not start",
                    fix:
                        "Keep every remote of this cluster in the plan (with its `ca`), or remove that entry from the resource's certificate_authorities first."
                )
            }
        }
    }

    /// `local-apply.sh`: kubectl apply of the Secret, the ConfigMap and the resource, in that order.
    static func applyScript(_ setup: ConnectionSetup, files: [String]) -> Artifact {
        let local = setup.local
        let placeholders = setup.remotes.contains { !(setup.includeSecrets && $0.credentials != nil) }
        var steps: [ShellScript.Step] = []
        for (index, file) in files.enumerated() {
            var comment: [String] = []
            if index == 0, placeholders {
                comment.append("Replace the placeholders in \(file) with the encoded API keys first.")
            }
            if file == "local-elasticsearch.yaml" {
                comment.append("This restarts the Elasticsearch pods of \(local.name), one at a time.")
            }
            steps.append(
                ShellScript.Step(
                    comment: comment,
                    command: .kubectl(
                        context: local.context, namespace: local.namespace,
                        ["apply", "-f", ShellWord(file)])))
        }
        steps.append(
            ShellScript.Step(
                comment: ["Follow the restart: PHASE goes to ApplyingChanges and back to Ready."],
                command: .kubectl(
                    context: local.context, namespace: local.namespace,
                    ["get", "elasticsearch", ShellWord(local.name)])))
        return Artifact(
            fileName: "local-apply.sh", title: "kubectl commands that apply the local files in order",
            kind: .shellScript, target: .local,
            text: ShellScript(
                title: "Local \(local.name): apply the credentials, the CAs and the Elasticsearch change",
                steps: steps, runsInOwnFolder: true,
                refusals: placeholders && !files.isEmpty
                    ? [
                        ShellScript.Refusal(
                            file: files[0], text: LocalClusterNaming.credentialsPlaceholderPrefix,
                            message:
                                "\(files[0]) still holds placeholders; put the encoded API keys in it first (applying a placeholder would store it as a key)."
                        )
                    ] : []
            ).text)
    }

    static func credentialsSecret(_ setup: ConnectionSetup, name: String) -> Artifact {
        var data: JSONValue = [:]
        var revealed = false
        for remote in setup.remotes {
            let key = LocalClusterNaming.credentialsSetting(alias: remote.alias)
            if setup.includeSecrets, let credentials = remote.credentials {
                data[key] = .string(credentials.revealed)
                revealed = true
            } else {
                data[key] = .string(LocalClusterNaming.credentialsPlaceholder(alias: remote.alias))
            }
        }
        let secret: JSONValue = [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": [
                "name": .string(name), "namespace": .string(setup.local.namespace), "labels": LocalClusterNaming.labels,
            ],
            "type": "Opaque",
            "stringData": data,
        ]
        return .yaml(
            secret, fileName: "local-remote-cluster-credentials-secret.yaml",
            title: "Secret \(name) with the cross-cluster API keys (keystore entries)",
            kind: .kubernetesManifest, target: .local, containsSecrets: revealed)
    }

    static func caConfigMap(_ remotes: [RemoteSetup], name: String, namespace: String) -> Artifact {
        var data: JSONValue = [:]
        for remote in remotes {
            guard let pem = remote.certificateAuthority?.pem else { continue }
            data[LocalClusterNaming.caFileName(alias: remote.alias)] = .string(pem.hasSuffix("\n") ? pem : pem + "\n")
        }
        let configMap: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": LocalClusterNaming.labels],
            "data": data,
        ]
        return .yaml(
            configMap, fileName: "local-remote-cluster-cas-configmap.yaml",
            title: "ConfigMap \(name) with the remote clusters' CA certificates",
            kind: .kubernetesManifest, target: .local)
    }

    static func notes(_ setup: ConnectionSetup, merged: JSONValue, report: ElasticsearchMergeReport, secretName: String)
        -> [ArtifactNote]
    {
        var notes: [ArtifactNote] = []
        let local = setup.local.name
        let nodeSets = report.nodeSetNames.count
        let podText =
            "\(report.podCount) pod\(report.podCount == 1 ? "" : "s") in \(nodeSets) nodeSet\(nodeSets == 1 ? "" : "s") (\(report.nodeSetNames.joined(separator: ", ")))"
        if report.rollsPods {
            notes.append(
                ArtifactNote(
                    "Applying local-elasticsearch.yaml changes the nodeSets' configuration, so ECK restarts all \(podText) of \(local), one at a time. Search and indexing continue if the indices have replicas.",
                    target: .local, severity: .warning))
        } else if report.addedSecureSettings {
            notes.append(
                ArtifactNote(
                    "Applying local-elasticsearch.yaml adds the Secret \(secretName) to spec.secureSettings; ECK rebuilds the keystore by restarting the \(podText) of \(local).",
                    target: .local, severity: .warning))
        } else {
            notes.append(
                ArtifactNote(
                    "The local Elasticsearch resource \(local) already has the remote-cluster change; applying local-elasticsearch.yaml changes nothing. Changing the keys in Secret \(secretName) still restarts the \(podText).",
                    target: .local))
        }
        notes.append(
            ArtifactNote(
                "Every later change to Secret \(secretName) (a new or rotated API key) also restarts the pods, because ECK rebuilds the keystore from it.",
                target: .local))
        notes.append(
            ArtifactNote(
                "Secret \(secretName) holds the keys of exactly the remotes in this plan: applying it removes keys that an earlier plan put there, so keep every remote of \(local) in one plan.",
                target: .local, severity: .warning))
        if !report.tlsWasDisabledNodeSets.isEmpty {
            notes.append(
                ArtifactNote(
                    "xpack.security.remote_cluster_client.ssl.enabled was false in \(report.tlsWasDisabledNodeSets.joined(separator: ", ")); it is now true, because API-key remotes need TLS.",
                    target: .local, severity: .warning))
        }
        notes += fileBasedSecureSettingsNote(setup, merged: merged)
        notes += clientRoleNotes(local: local, merged: merged)
        if let text = merged[path: ["spec", "version"]]?.stringValue, let version = SemanticVersion(text),
            version < minimumElasticsearchVersion
        {
            notes.append(
                ArtifactNote(
                    "\(local) runs Elasticsearch \(version); the API-key security model needs \(minimumElasticsearchVersion) or later on both clusters (ECK accepts the settings from 8.10, but Elastic supports the model from 8.14). Upgrade first.",
                    target: .local, severity: .warning))
        }
        let publicRemotes = setup.remotes.filter { $0.certificateAuthority == nil }.map(\.alias)
        let nodeSetsWithCAs = (merged[path: ["spec", "nodeSets"]]?.arrayValue ?? []).filter {
            ConfigSettingPath.value(
                of: ElasticsearchResourceMerge.certificateAuthoritiesSetting, in: $0["config"] ?? [:]) != nil
        }
        if !publicRemotes.isEmpty, !nodeSetsWithCAs.isEmpty {
            notes.append(
                ArtifactNote(
                    "certificate_authorities replaces the default trusted CAs for every remote connection of \(local), so the publicly trusted \(publicRemotes.count == 1 ? "remote" : "remotes") \(publicRemotes.joined(separator: ", ")) will no longer be trusted: give \(publicRemotes.count == 1 ? "it" : "each of them") a `ca` file with the public root CA that signs \(publicRemotes.count == 1 ? "its" : "their") certificate.",
                    target: .local, severity: .warning))
        }
        for remote in setup.remotes {
            if let ca = remote.certificateAuthority, ca.pem == nil {
                notes.append(
                    ArtifactNote(
                        "The CA file \(ca.path) for \(remote.alias) does not exist yet, so the CA ConfigMap and certificate_authorities leave it out. Save it first (see the remote's steps), then generate the files again.",
                        target: .local, severity: .warning))
            }
        }
        let managed = (merged[path: ["spec", "remoteClusters"]]?.arrayValue ?? []).compactMap {
            $0["name"]?.stringValue
        }
        for remote in setup.remotes where managed.contains(remote.alias) {
            notes.append(
                ArtifactNote(
                    "The alias \(remote.alias) is also in spec.remoteClusters, which ECK manages itself; choose another alias so the two do not overwrite each other.",
                    target: .local, severity: .warning))
        }
        return notes
    }

    /// A warning for nodeSets whose `node.roles` leaves out `remote_cluster_client` (catalogue row
    /// 16): their nodes open no remote connection and refuse cross-cluster requests.
    static func clientRoleNotes(local: String, merged: JSONValue) -> [ArtifactNote] {
        let nodeSets = merged[path: ["spec", "nodeSets"]]?.arrayValue ?? []
        let withoutRole = nodeSets.filter { nodeSet in
            guard let roles = ConfigSettingPath.value(of: "node.roles", in: nodeSet["config"] ?? [:]) else {
                return false  // the default role set has remote_cluster_client
            }
            return !ElasticsearchResourceMerge.listEntries(roles).contains("remote_cluster_client")
        }.map { $0["name"]?.stringValue ?? "?" }
        guard !withoutRole.isEmpty else { return [] }
        if withoutRole.count == nodeSets.count {
            return [
                ArtifactNote(
                    "No node of \(local) has the remote_cluster_client role: node.roles leaves it out in \(withoutRole.joined(separator: ", ")), so \(local) opens no connection to any remote and refuses cross-cluster searches. Add remote_cluster_client to node.roles of the nodeSets that take searches.",
                    target: .local, severity: .warning)
            ]
        }
        return [
            ArtifactNote(
                "node.roles leaves out remote_cluster_client in \(withoutRole.joined(separator: ", ")): cross-cluster searches those nodes receive fail (ECK's HTTP Service sends requests to every node), so give them the role or send searches to the nodes of the other nodeSets.",
                target: .local)
        ]
    }

    static func fileBasedSecureSettingsNote(_ setup: ConnectionSetup, merged: JSONValue) -> [ArtifactNote] {
        let annotation = merged[path: ["metadata", "annotations", fileBasedSecureSettingsAnnotation]]?.stringValue
        if annotation == "true" {
            return [
                ArtifactNote(
                    "The resource has \(fileBasedSecureSettingsAnnotation): \"true\", so later changes to the credentials Secret reload without a restart.",
                    target: .local)
            ]
        }
        guard let text = merged[path: ["spec", "version"]]?.stringValue, let version = SemanticVersion(text),
            version >= FeatureVersions.elasticsearchFileBasedSecureSettings
        else { return [] }
        if let eck = setup.local.version, eck < FeatureVersions.eckFileBasedSecureSettings {
            return [
                ArtifactNote(
                    "With ECK \(FeatureVersions.eckFileBasedSecureSettings) or later, the annotation \(fileBasedSecureSettingsAnnotation): \"true\" would let Elasticsearch \(version) reload changed keys without restarting the pods (this operator is \(eck)).",
                    target: .local)
            ]
        }
        return [
            ArtifactNote(
                "Elasticsearch \(version) on ECK \(FeatureVersions.eckFileBasedSecureSettings) or later can reload secure settings without restarting: add the annotation \(fileBasedSecureSettingsAnnotation): \"true\" to the resource's metadata.annotations to avoid restarts on later key changes.",
                target: .local)
        ]
    }
}
