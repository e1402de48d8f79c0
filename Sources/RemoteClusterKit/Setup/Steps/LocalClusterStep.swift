import Foundation

/// Step 5, once for every remote of a setup: the local credentials Secret (one entry per alias),
/// the CA ConfigMap (one file per private CA) and the `Elasticsearch` change (secure settings,
/// `remote_cluster_client` TLS and trust in every nodeSet, the CA volume), applied in one kubectl
/// apply so that ECK rolls the pods once, then the rollout followed until Ready.
///
/// Entries of other aliases in the Secret and the ConfigMap are kept. With
/// `applyManifests: files` the objects are written to the manifests folder instead (the Secret
/// with the keys, mode 0600); with `none` the step only says what to apply.
public struct LocalClusterStep: SetupStep {
    public var aliases: [String]
    public init(aliases: [String]) { self.aliases = aliases }

    public var id: SetupStepID { SetupStepID(.localCluster, alias: nil) }
    public var title: String { "Configure the local ECK cluster" }

    /// The file name of the credentials Secret in `files` mode (as `manifests` writes it).
    public static let secretFileName = "local-remote-cluster-credentials-secret.yaml"

    public func preview(in context: SetupContext) -> StepPreview {
        let local = context.local
        let plan = LocalChangePlan(aliases: aliases, context: context)
        var notes = [
            "ECK restarts the pods of \(local.eck.name) to load the keys and trust (one rolling restart for every remote of the setup)."
        ]
        let resource = local.resource ?? context.localOutputs.resource
        switch local.applyManifests {
        case .none:
            return StepPreview(
                notes: notes + ["The plan applies nothing (applyManifests: none)."],
                actions: [
                    .manual(
                        "Apply the credentials Secret, the CA ConfigMap and the Elasticsearch change yourself (the `manifests` command writes them)."
                    )
                ])
        case .files:
            let artifacts = (try? plan.artifacts(resource: resource ?? plan.placeholderResource))?.artifacts ?? []
            let folder = local.manifestsDirectory?.path ?? "manifests"
            return StepPreview(
                notes: notes + ["The plan writes the files (applyManifests: files); apply them with local-apply.sh."],
                actions: artifacts.filter { $0.target == .local }.map {
                    .writeFile(
                        path: "\(folder)/\($0.fileName)",
                        text: $0.object.map { PreviewRedaction.object($0).yamlString() } ?? $0.text,
                        mode: ArtifactFileWriter.mode(of: $0))
                })
        case .kubectl:
            let location =
                local.eck.location ?? KubernetesLocation(context: "(current context)", namespace: local.eck.namespace)
            var actions: [PlannedAction] = []
            if local.resource == nil {
                actions.append(.kubernetes(.get(kind: "elasticsearch", name: local.eck.name), location: location))
            }
            actions.append(.kubernetes(.get(kind: "secret", name: plan.secretName), location: location))
            if !plan.caEntries.isEmpty {
                actions.append(.kubernetes(.get(kind: "configmap", name: plan.configMapName), location: location))
            }
            var objects = [plan.secret(existing: nil, revealing: false)]
            if let configMap = plan.configMap(existing: nil) { objects.append(configMap) }
            if let resource, let merged = try? plan.merged(resource, existingCAFiles: []).resource {
                objects.append(merged)
            } else {
                notes.append(
                    "The resource is read first; the change merged into it: spec.secureSettings gets \(plan.secretName); every nodeSet gets xpack.security.remote_cluster_client.ssl.enabled: true\(plan.caEntries.isEmpty ? "" : ", certificate_authorities \(plan.caEntries.keys.sorted().map { LocalClusterNaming.caConfigRelativeFolder + "/" + $0 }.joined(separator: ", ")) and the volume \(LocalClusterNaming.caVolumeName) at \(LocalClusterNaming.caMountPath)")."
                )
            }
            actions.append(.kubernetes(.apply(objects), location: location, sentOnlyIf: "an object differs"))
            actions.append(.wait("Elasticsearch \(local.eck.name) is Ready with the change", seconds: 300))
            return StepPreview(notes: notes, actions: actions)
        }
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, execution in
            let local = context.local
            let plan = LocalChangePlan(aliases: aliases, context: context)
            if let missing = plan.missingCredentials.first {
                throw StepStop.failed(
                    Diagnosis(
                        cause: .missingCredentials,
                        summary: "The key for \(missing) is not known, so the credentials Secret cannot be made.",
                        fix: "Run the API key step for \(missing) first."))
            }
            switch local.applyManifests {
            case .none:
                return .skipped(
                    "The plan applies nothing (applyManifests: none): apply the credentials Secret, the CA ConfigMap and the Elasticsearch change yourself."
                )
            case .files:
                return try await writeFiles(plan, context: &context, services: services, execution: execution)
            case .kubectl:
                return try await applyWithKubectl(plan, context: &context, services: services, execution: execution)
            }
        }
    }

    func currentResource(_ context: SetupContext, services: SetupServices) async throws -> JSONValue {
        if let given = context.local.resource { return ServerSetFields.strip(given) }
        guard let location = context.local.eck.location else {
            throw StepStop.failed(
                Diagnosis(
                    cause: .requestFailed,
                    summary: "The local cluster's kubeconfig context is not known, so its resource cannot be read.",
                    fix: "Set local.eck.context, or pass the resource with --local-resource FILE."))
        }
        let name = context.local.eck.name
        return ServerSetFields.strip(
            try await Call.kubernetes("Reading Elasticsearch \(name)") {
                try await services.kubernetes.get(kind: "elasticsearch", name: name, in: location)
            })
    }

    func writeFiles(
        _ plan: LocalChangePlan, context: inout SetupContext, services: SetupServices, execution: StepExecution
    ) async throws -> StepOutcome {
        let resource = try await currentResource(context, services: services)
        context.localOutputs.resource = resource
        let set = try plan.artifacts(resource: resource)
        if let violation = ArtifactChecks.violations(in: set).first {
            throw StepStop.failed(
                Diagnosis(
                    cause: .unknown, summary: "The generated manifests would be refused: \(violation)",
                    fix: "Correct the local resource."))
        }
        guard let folder = context.local.manifestsDirectory else {
            throw StepStop.failed(
                Diagnosis(
                    cause: .unknown, summary: "No manifests folder is set.", fix: "Set local.manifestsDir in the plan.")
            )
        }
        let files: [String]
        do {
            files = try ArtifactFileWriter.write(
                set.artifacts.filter { $0.target == .local && $0.kind != .devToolsRequest }, to: folder)
        } catch {
            throw StepStop.failed(
                Diagnosis(
                    cause: .requestFailed, summary: "Cannot write the manifests: \(error)",
                    fix: "Check that \(folder.path) is writable."))
        }
        context.localOutputs.filesWritten = files
        execution.progress(
            "Apply them with \(folder.appendingPathComponent("local-apply.sh").path); ECK then restarts the pods.")
        return .done(changes: files.map { "wrote \($0)" })
    }

    func applyWithKubectl(
        _ plan: LocalChangePlan, context: inout SetupContext, services: SetupServices, execution: StepExecution
    ) async throws -> StepOutcome {
        let local = context.local
        guard let location = local.eck.location else {
            throw StepStop.failed(
                Diagnosis(
                    cause: .requestFailed, summary: "The local cluster's kubeconfig context is not known.",
                    fix: "Set local.eck.context in the plan."))
        }
        let kubernetes = services.kubernetes
        let resource = try await currentResource(context, services: services)
        context.localOutputs.resource = resource
        let existingSecret = try await Call.optionalObject("secret", plan.secretName, location, kubernetes)
        let existingConfigMap =
            plan.caEntries.isEmpty && plan.caEntriesInUse(resource).isEmpty
            ? nil : try await Call.optionalObject("configmap", plan.configMapName, location, kubernetes)

        var objects: [JSONValue] = []
        var changes: [String] = []
        let secret = plan.secret(existing: existingSecret, revealing: true)
        if LocalChangePlan.data(of: secret) != LocalChangePlan.data(of: existingSecret) {
            objects.append(secret)
            changes.append(
                "\(existingSecret == nil ? "created" : "updated") Secret \(plan.secretName) with the keys of \(aliases.joined(separator: ", "))"
            )
        }
        let configMap = plan.configMap(existing: existingConfigMap)
        if let configMap, configMap["data"] != existingConfigMap?["data"] {
            objects.append(configMap)
            changes.append(
                "\(existingConfigMap == nil ? "created" : "updated") ConfigMap \(plan.configMapName) with the CAs of \(plan.caEntries.keys.sorted().joined(separator: ", "))"
            )
        }
        let caFiles = ((configMap ?? existingConfigMap)?["data"]?.objectValue?.keys).map { Array($0) } ?? []
        let (merged, report) = try plan.merged(resource, existingCAFiles: caFiles)
        if report.changesAnything {
            objects.append(merged)
            changes.append("changed Elasticsearch \(local.eck.name): \(Self.describe(report, secret: plan.secretName))")
        }
        let violations = objects.flatMap(Self.violations)
        if let violation = violations.first {
            throw StepStop.failed(
                Diagnosis(
                    cause: .unknown, summary: "The local objects would be refused: \(violation)",
                    fix: "Correct the local resource."))
        }
        for alias in aliases { context.localOutputs.credentialsApplied[alias] = true }
        for alias in plan.caEntries.keys.compactMap(plan.alias(ofCAFile:)) {
            context.localOutputs.certificateAuthorityApplied[alias] = true
        }
        guard !objects.isEmpty else {
            context.localOutputs.rolloutFinished = KubectlClient.isReady(
                (try? await kubernetes.get(kind: "elasticsearch", name: local.eck.name, in: location)) ?? [:])
            if context.localOutputs.rolloutFinished == false {
                try await RolloutWait.untilReady(
                    name: local.eck.name, in: location, mustLeaveReady: false, services: services, execution: execution)
                context.localOutputs.rolloutFinished = true
            }
            return .alreadyDone(
                "The local cluster already has the keys, the CAs and the configuration of \(aliases.joined(separator: ", "))."
            )
        }
        try await Call.kubernetes("Applying the local objects") { try await kubernetes.apply(objects, in: location) }
        execution.progress(
            "Applied \(objects.count) object\(objects.count == 1 ? "" : "s"); ECK restarts the pods of \(local.eck.name)."
        )
        context.localOutputs.rolloutFinished = false
        try await RolloutWait.untilReady(
            name: local.eck.name, in: location, mustLeaveReady: !report.changesAnything, services: services,
            execution: execution)
        context.localOutputs.rolloutFinished = true
        return .done(changes: changes)
    }

    static func violations(_ object: JSONValue) -> [SchemaViolation] {
        switch object["kind"]?.stringValue {
        case "Secret"?: return CoreObjectShapes.validateSecret(object)
        case "ConfigMap"?: return CoreObjectShapes.validateConfigMap(object)
        default: return ArtifactChecks.elasticsearchBasics(object)
        }
    }

    static func describe(_ report: ElasticsearchMergeReport, secret: String) -> String {
        var parts: [String] = []
        if report.addedSecureSettings { parts.append("spec.secureSettings gets \(secret)") }
        if !report.configChangedNodeSets.isEmpty {
            parts.append("remote_cluster_client TLS in \(report.configChangedNodeSets.joined(separator: ", "))")
        }
        if !report.podTemplateChangedNodeSets.isEmpty {
            parts.append("the CA volume in \(report.podTemplateChangedNodeSets.joined(separator: ", "))")
        }
        return parts.joined(separator: "; ")
    }
}

/// What the local step makes for its aliases: Secret and ConfigMap entries and the resource change.
struct LocalChangePlan {
    let aliases: [String]
    let context: SetupContext
    /// Secret key → encoded key, for the aliases whose key is known.
    let credentials: [String: Secret]
    /// ConfigMap key (`<alias>-ca.crt`) → PEM, for the aliases with a private CA.
    let caEntries: [String: String]
    let missingCredentials: [String]

    init(aliases: [String], context: SetupContext) {
        self.aliases = aliases
        self.context = context
        var credentials: [String: Secret] = [:]
        var caEntries: [String: String] = [:]
        var missing: [String] = []
        for alias in aliases {
            let remote = context.remote(alias)
            let outputs = context.outputs(for: alias)
            if let key = outputs.credentials ?? remote?.setup.credentials {
                credentials[LocalClusterNaming.credentialsSetting(alias: alias)] = key
            } else {
                missing.append(alias)
            }
            if remote?.setup.certificateAuthority != nil,
                let pem = outputs.certificateAuthorityPEM ?? remote?.setup.certificateAuthority?.pem
            {
                caEntries[LocalClusterNaming.caFileName(alias: alias)] = pem.hasSuffix("\n") ? pem : pem + "\n"
            }
        }
        self.credentials = credentials
        self.caEntries = caEntries
        self.missingCredentials = missing
    }

    var secretName: String { LocalClusterNaming.credentialsSecret(localCluster: context.local.eck.name) }
    var configMapName: String { LocalClusterNaming.caConfigMap(localCluster: context.local.eck.name) }
    var namespace: String { context.local.eck.namespace }

    func alias(ofCAFile file: String) -> String? {
        aliases.first { LocalClusterNaming.caFileName(alias: $0) == file }
    }

    /// A resource to merge into when none is known yet (previews of `files` mode).
    var placeholderResource: JSONValue {
        [
            "apiVersion": "elasticsearch.k8s.elastic.co/v1", "kind": "Elasticsearch",
            "metadata": ["name": .string(context.local.eck.name), "namespace": .string(namespace)],
            "spec": ["nodeSets": [["name": "default", "count": 1]]],
        ]
    }

    /// The Secret with the existing entries and these aliases' keys as base64 `data`; with
    /// `revealing: false` (previews) the values are redacted.
    func secret(existing: JSONValue?, revealing: Bool) -> JSONValue {
        var data = existing?["data"]?.objectValue.map(JSONValue.object) ?? [:]
        for (key, value) in credentials.sorted(by: { $0.key < $1.key }) {
            data[key] = .string(revealing ? Data(value.revealed.utf8).base64EncodedString() : Secret.redactedText)
        }
        for alias in missingCredentials {
            // Previews only: a given key not read yet, or the key the key step will create.
            let created = context.remote(alias)?.setup.keyToCreate != nil
            data[LocalClusterNaming.credentialsSetting(alias: alias)] = .string(
                created ? "<the key step 4 creates for \(alias)>" : Secret.redactedText)
        }
        return [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": [
                "name": .string(secretName), "namespace": .string(namespace),
                "labels": existing?[path: ["metadata", "labels"]] ?? LocalClusterNaming.labels,
            ],
            "type": "Opaque", "data": data,
        ]
    }

    /// The ConfigMap with the existing files and these aliases' CAs; nil when there is no CA.
    func configMap(existing: JSONValue?) -> JSONValue? {
        guard !caEntries.isEmpty || existing != nil else { return nil }
        var data = existing?["data"]?.objectValue.map(JSONValue.object) ?? [:]
        for (file, pem) in caEntries.sorted(by: { $0.key < $1.key }) { data[file] = .string(pem) }
        return [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": .string(configMapName), "namespace": .string(namespace),
                "labels": existing?[path: ["metadata", "labels"]] ?? LocalClusterNaming.labels,
            ],
            "data": data,
        ]
    }

    /// CA files of the ConfigMap the resource already trusts.
    func caEntriesInUse(_ resource: JSONValue) -> [String] {
        let folder = LocalClusterNaming.caConfigRelativeFolder + "/"
        return (resource[path: ["spec", "nodeSets"]]?.arrayValue ?? []).flatMap {
            ElasticsearchResourceMerge.listEntries(
                ConfigSettingPath.value(
                    of: ElasticsearchResourceMerge.certificateAuthoritiesSetting, in: $0["config"] ?? [:]))
        }.filter { $0.hasPrefix(folder) }
    }

    /// The resource with the change merged in; `existingCAFiles` are the ConfigMap's files after
    /// this step (the resource trusts each of them).
    func merged(_ resource: JSONValue, existingCAFiles: [String]) throws -> (
        resource: JSONValue, report: ElasticsearchMergeReport
    ) {
        let files = Set(existingCAFiles).union(caEntries.keys).sorted()
        var change = LocalElasticsearchChange(secureSettingsSecret: secretName)
        if !files.isEmpty {
            change.caConfigMap = configMapName
            change.certificateAuthorities = files.map { "\(LocalClusterNaming.caConfigRelativeFolder)/\($0)" }
        }
        do {
            let current = try LocalClusterArtifacts.identified(resource, as: context.local.eck)
            return try ElasticsearchResourceMerge.merge(current, with: change)
        } catch {
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: error.problem, fix: error.fix))
        }
    }

    /// The artifacts `files` mode writes (the `manifests` command's local files, with the keys).
    func artifacts(resource: JSONValue) throws -> ArtifactSet {
        let remotes = aliases.compactMap { alias -> RemoteSetup? in
            guard var setup = context.remote(alias)?.setup else { return nil }
            setup.credentials = context.outputs(for: alias).credentials ?? setup.credentials
            if setup.certificateAuthority != nil, let pem = context.outputs(for: alias).certificateAuthorityPEM {
                setup.certificateAuthority?.pem = pem
            }
            return setup
        }
        let setup = ConnectionSetup(
            local: context.local.eck, localElasticsearch: resource, remotes: remotes, role: nil, includeSecrets: true)
        do { return try LocalClusterArtifacts.generate(setup) } catch {
            throw StepStop.failed(Diagnosis(cause: .unknown, summary: error.problem, fix: error.fix))
        }
    }

    /// A Secret's entries as plain text (base64 `data` decoded), to compare.
    static func data(of secret: JSONValue?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in secret?["data"]?.objectValue ?? [:] {
            result[key] = value.stringValue.flatMap { Data(base64Encoded: $0) }.map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        return result
    }
}
