import Foundation

/// Step 2: the remote side, by type. ECK: read the remote `Elasticsearch`, merge-patch
/// `spec.remoteClusterServer` (a LoadBalancer Service from ECK 3.3, a Service of its own before)
/// when it is not in place, wait for the rollout, and read the CA from
/// `<name>-es-transport-certs-public` into the `ca` file. Self-managed: the generated files, and
/// the operator's confirmation that they were applied. ECH and ECE: nothing to apply.
public struct RemotePreparationStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.remotePreparation, alias: alias) }
    public var title: String { "Prepare the remote cluster" }

    public func preview(in context: SetupContext) -> StepPreview {
        guard let remote = context.remote(alias) else { return StepPreview() }
        let artifacts = Self.artifacts(remote.setup)
        let notes = artifacts.notes.map(\.text)
        switch remote.setup.type {
        case .ech, .ece:
            return StepPreview(notes: notes)
        case .selfManaged:
            let files = artifacts.artifacts.map { PlannedAction.manual("\($0.title) (\($0.fileName)):\n\($0.text)") }
            return StepPreview(notes: notes, actions: files)
        case .eck:
            guard let cluster = remote.setup.eck else { return StepPreview(notes: notes) }
            let location = Self.location(cluster)
            var actions: [PlannedAction] = [
                .kubernetes(.get(kind: "elasticsearch", name: cluster.name), location: location)
            ]
            if let patch = artifacts.remotePatch(alias: alias) {
                actions.append(
                    .kubernetes(
                        .mergePatch(kind: "elasticsearch", name: cluster.name, patch: patch), location: location,
                        sentOnlyIf: "spec.remoteClusterServer differs"))
                actions.append(.wait("Elasticsearch \(cluster.name) is Ready again", seconds: 300))
            }
            if !Self.customisable(cluster) {
                let service = RemoteECKArtifacts.serviceName(cluster: cluster.name)
                actions.append(
                    .kubernetes(
                        .apply([
                            Self.loadBalancer(
                                for: [
                                    "spec": [
                                        "selector": ["elasticsearch.k8s.elastic.co/cluster-name": .string(cluster.name)]
                                    ]
                                ], cluster: cluster, port: Self.externalPort(remote.setup))
                        ]),
                        location: location, sentOnlyIf: "Service \(service)-lb does not exist"))
            }
            if let ca = remote.setup.certificateAuthority, remote.setup.certificateAuthority?.pem == nil {
                actions.append(
                    .kubernetes(
                        .readSecret(name: RemoteECKArtifacts.transportCASecret(cluster: cluster.name), key: "ca.crt"),
                        location: location))
                actions.append(
                    .writeFile(
                        path: ca.path,
                        text: "<ca.crt of \(RemoteECKArtifacts.transportCASecret(cluster: cluster.name))>", mode: 0o644)
                )
            }
            return StepPreview(notes: notes, actions: actions)
        }
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, execution in
            let remote = try context.requireRemote(alias)
            if let pem = remote.setup.certificateAuthority?.pem {
                context.update(alias) { $0.certificateAuthorityPEM = pem }
            }
            switch remote.setup.type {
            case .ech, .ece:
                return .skipped(
                    "\(remote.setup.type.displayName) runs the remote cluster server already; nothing to apply.")
            case .selfManaged:
                guard remote.decisions.remotePrepared else {
                    throw StepStop.needsConfirmation(
                        "Apply the generated elasticsearch.yml lines and certificates on every node of \(alias) and restart them, then confirm (in a plan: `prepared: true`)."
                    )
                }
                return .passed("The operator confirmed that \(alias) runs the remote cluster server.")
            case .eck:
                return try await prepareECK(remote, context: &context, services: services, execution: execution)
            }
        }
    }

    func prepareECK(
        _ remote: RemoteTarget, context: inout SetupContext, services: SetupServices, execution: StepExecution
    ) async throws -> StepOutcome {
        guard let cluster = remote.setup.eck else {
            throw StepStop.failed(
                Diagnosis(
                    cause: .unknown, summary: "\(alias) is an ECK remote without its resource's name.",
                    fix: "Add `eck: {name, namespace, version}` to the remote."))
        }
        guard let location = cluster.location else {
            throw StepStop.failed(
                Diagnosis(
                    cause: .requestFailed,
                    summary: "The kubeconfig context of \(alias)'s Elasticsearch \(cluster.name) is not known.",
                    fix: "Set the remote's eck.context (or a current context in kubectl)."))
        }
        var changes: [String] = []
        let resource = try await Call.kubernetes("Reading Elasticsearch \(cluster.name)") {
            try await services.read(kind: "elasticsearch", name: cluster.name, in: location)
        }
        let enabled = resource[path: ["spec", "remoteClusterServer", "enabled"]]?.boolValue == true
        if let patch = Self.artifacts(remote.setup).remotePatch(alias: alias), !JSONSubset.contains(resource, patch) {
            if enabled, !remote.decisions.applyRemoteChange {
                execution.progress(
                    "The remote cluster server of \(cluster.name) is enabled; its Service differs from the generated change and is left as the operator set it up."
                )
            } else {
                try await enable(
                    cluster, patch: patch, remote: remote, location: location, services: services, execution: execution)
                changes.append("enabled the remote cluster server of Elasticsearch \(cluster.name) (\(location))")
            }
        }
        if !Self.customisable(cluster),
            let created = try await exposeWithLoadBalancer(
                cluster, remote: remote, location: location, services: services)
        {
            changes.append(created)
        }
        if let saved = try await readCA(
            cluster, remote: remote, location: location, context: &context, services: services, execution: execution)
        {
            changes.append(saved)
        }
        if changes.isEmpty {
            return .alreadyDone("The remote cluster server of \(cluster.name) is enabled and exposed.")
        }
        return .done(changes: changes)
    }

    /// Merge-patches `spec.remoteClusterServer` (or asks first, when the operator keeps the
    /// change for themselves) and waits for the rollout.
    func enable(
        _ cluster: ECKClusterReference, patch: JSONValue, remote: RemoteTarget, location: KubernetesLocation,
        services: SetupServices, execution: StepExecution
    ) async throws {
        let kubernetes = services.kubernetes
        guard remote.decisions.applyRemoteChange else {
            if remote.decisions.remotePrepared {
                throw StepStop.failed(
                    Diagnosis(
                        cause: .unreachable,
                        summary:
                            "The remote cluster server of \(cluster.name) is not enabled as the plan says (spec.remoteClusterServer differs).",
                        fix:
                            "Apply remote-\(alias)-elasticsearch-patch.yaml (see `manifests`), or remove `prepared: true` so the tool applies it."
                    ))
            }
            throw StepStop.needsConfirmation(
                "Enable the remote cluster server of \(cluster.name): apply the patch shown (this restarts its pods), or let the tool apply it."
            )
        }
        try await Call.kubernetes("Patching Elasticsearch \(cluster.name)") {
            try await kubernetes.mergePatch(kind: "elasticsearch", name: cluster.name, patch: patch, in: location)
        }
        services.readMemo?.forget(kind: "elasticsearch", name: cluster.name, in: location)
        execution.progress("Patched spec.remoteClusterServer of \(cluster.name); ECK restarts its pods.")
        try await RolloutWait.untilReady(
            name: cluster.name, in: location, mustLeaveReady: false, services: services, execution: execution)
    }

    /// Reads ca.crt of `<name>-es-transport-certs-public` into the outputs. With a `ca` path the
    /// file is used when it exists (a proxy's CA, say) and written when it does not; without one
    /// the remote counts as publicly trusted and the CA is only read for display (a failure to read
    /// it is then not an error). Returns the change, if a file was written.
    func readCA(
        _ cluster: ECKClusterReference, remote: RemoteTarget, location: KubernetesLocation,
        context: inout SetupContext, services: SetupServices, execution: StepExecution
    ) async throws -> String? {
        let secret = RemoteECKArtifacts.transportCASecret(cluster: cluster.name)
        let read = { () async throws(KubernetesError) -> String in
            String(
                decoding: try await services.readSecret(secret, key: "ca.crt", in: location),
                as: UTF8.self)
        }
        guard let ca = remote.setup.certificateAuthority else {
            if let pem = try? await read() { context.update(alias) { $0.certificateAuthorityPEM = pem } }
            return nil
        }
        let pem = try await Call.kubernetes("Reading the CA of \(cluster.name)") { try await read() }
        if !ca.path.isEmpty, let existing = SetupFiles.text(at: ca.path) {
            if existing.trimmingWhitespaceAndNewlines()
                != pem.trimmingWhitespaceAndNewlines()
            {
                execution.progress(
                    "\(ca.path) differs from ca.crt of \(secret); using the file (a proxy's CA, or ECK rotated its CA: then save it again)."
                )
            }
            context.update(alias) { $0.certificateAuthorityPEM = existing }
            return nil
        }
        context.update(alias) { $0.certificateAuthorityPEM = pem }
        guard !ca.path.isEmpty else { return nil }
        do { try SetupFiles.write(pem, to: ca.path, mode: 0o644) } catch {
            throw StepStop.failed(
                Diagnosis(
                    cause: .requestFailed, summary: "Cannot write the CA to \(ca.path): \(error)",
                    fix: "Check that the folder is writable, or change the remote's `ca` path."))
        }
        return "saved the CA of \(cluster.name) to \(ca.path)"
    }

    /// ECK up to 3.2: a LoadBalancer Service of our own in front of `<name>-es-remote-cluster`
    /// (what `kubectl expose` makes); nil when it exists already.
    func exposeWithLoadBalancer(
        _ cluster: ECKClusterReference, remote: RemoteTarget, location: KubernetesLocation, services: SetupServices
    ) async throws -> String? {
        let kubernetes = services.kubernetes
        let service = RemoteECKArtifacts.serviceName(cluster: cluster.name)
        do {
            _ = try await kubernetes.get(kind: "service", name: "\(service)-lb", in: location)
            return nil
        } catch {
            guard case .notFound = error else {
                throw StepStop.failed(StepFailures.diagnosis(for: error, doing: "Reading Service \(service)-lb"))
            }
        }
        let base = try await Call.kubernetes("Reading Service \(service)") {
            try await kubernetes.get(kind: "service", name: service, in: location)
        }
        let loadBalancer = Self.loadBalancer(for: base, cluster: cluster, port: Self.externalPort(remote.setup))
        try await Call.kubernetes("Creating Service \(service)-lb") {
            try await kubernetes.apply([loadBalancer], in: location)
        }
        return "exposed \(service) with the LoadBalancer Service \(service)-lb"
    }

    static func loadBalancer(for base: JSONValue, cluster: ECKClusterReference, port: Int) -> JSONValue {
        let service = RemoteECKArtifacts.serviceName(cluster: cluster.name)
        return [
            "apiVersion": "v1", "kind": "Service",
            "metadata": [
                "name": .string("\(service)-lb"), "namespace": .string(cluster.namespace),
                "labels": LocalClusterNaming.labels,
            ],
            "spec": [
                "type": "LoadBalancer", "selector": base[path: ["spec", "selector"]] ?? [:],
                "ports": [
                    [
                        "name": "rcs", "port": .int(port), "protocol": "TCP",
                        "targetPort": .int(RemoteECKArtifacts.remoteClusterPort),
                    ]
                ],
            ],
        ]
    }

    static func artifacts(_ setup: RemoteSetup) -> ArtifactSet {
        switch setup.type {
        case .ech, .ece: return CloudRemoteNotes.generate(setup)
        case .eck: return RemoteECKArtifacts.generate(setup)
        case .selfManaged: return SelfManagedRemoteArtifacts.generate(setup)
        }
    }

    static func customisable(_ cluster: ECKClusterReference) -> Bool {
        cluster.version.map { $0 >= FeatureVersions.eckRemoteClusterServiceTemplate } ?? true
    }

    static func externalPort(_ setup: RemoteSetup) -> Int {
        setup.proxyAddress.flatMap { AddressParts.split($0)?.port } ?? RemoteECKArtifacts.remoteClusterPort
    }

    static func location(_ cluster: ECKClusterReference) -> KubernetesLocation {
        cluster.location ?? KubernetesLocation(context: "(current context)", namespace: cluster.namespace)
    }

}
