import Foundation

/// Step 4: the cross-cluster API key. A given encoded key is used as it is (and checked on the
/// remote when its REST API is known). A key to create is reused when an active cross-cluster key
/// with the plan's name exists and its encoded value is in the local credentials Secret (its
/// access updated when it differs); otherwise such keys are invalidated and one key is created,
/// so there are never two keys for one plan.
public struct CrossClusterKeyStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.apiKey, alias: alias) }
    public var title: String { "Create or reuse the cross-cluster API key" }

    public func preview(in context: SetupContext) -> StepPreview {
        guard let remote = context.remote(alias) else { return StepPreview() }
        let target = ActionTarget.remoteCluster(alias: alias)
        if let key = remote.setup.keyToCreate {
            var actions: [PlannedAction] = [
                .http(ElasticsearchRequests.getAPIKeys(APIKeyQuery(name: key.name, activeOnly: true)), target: target)
            ]
            if let location = context.local.eck.location, context.local.applyManifests == .kubectl {
                actions.append(
                    .kubernetes(
                        .readSecret(
                            name: LocalClusterNaming.credentialsSecret(localCluster: context.local.eck.name),
                            key: LocalClusterNaming.credentialsSetting(alias: alias)),
                        location: location, sentOnlyIf: "a key named \(key.name) exists (to reuse it)"))
            }
            actions.append(
                .http(
                    ElasticsearchRequests.updateCrossClusterAPIKey(
                        id: "<id of the existing key>", CrossClusterAPIKeyUpdate(access: key.access)),
                    target: target, sentOnlyIf: "the existing key's access differs"))
            actions.append(
                .http(
                    ElasticsearchRequests.createCrossClusterAPIKey(key), target: target,
                    sentOnlyIf: "no usable key named \(key.name) exists"))
            return StepPreview(
                notes: [
                    "The key is created with the remote user's credentials (not an API key); its encoded value stays in memory and goes only into the local credentials Secret."
                ], actions: actions)
        }
        var actions: [PlannedAction] = []
        if remote.endpoint != nil {
            actions.append(
                .http(ElasticsearchRequests.getAPIKeys(APIKeyQuery(id: "<id in the encoded key>")), target: target))
        }
        return StepPreview(notes: ["The plan gives the encoded key; it is used as it is."], actions: actions)
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, execution in
            let remote = try context.requireRemote(alias)
            if let given = remote.setup.credentials {
                return try await useGiven(given, remote: remote, context: &context, services: services)
            }
            guard let key = remote.setup.keyToCreate, let client = context.remoteClient(alias, services) else {
                throw StepStop.failed(
                    Diagnosis(
                        cause: .missingCredentials,
                        summary: "No cross-cluster API key is given or to be created for \(alias).",
                        fix:
                            "Give the encoded key (apiKey.encodedEnv or encodedFile), or apiKey.create with the remote's REST URL."
                    ))
            }
            return try await createOrReuse(
                key, client: client, context: &context, services: services, execution: execution)
        }
    }

    func useGiven(_ given: Secret, remote: RemoteTarget, context: inout SetupContext, services: SetupServices)
        async throws -> StepOutcome
    {
        let id = EncodedAPIKey.id(of: given)
        context.update(alias) {
            $0.credentials = given
            $0.keyID = id
        }
        guard let client = context.remoteClient(alias, services), let id else {
            return .passed("Using the encoded key the plan gives.")
        }
        let keys = try await Call.elasticsearch("Looking up the key on \(alias)") {
            try await client.apiKeys(APIKeyQuery(id: id))
        }
        let state = Self.state(of: keys.first, at: services.currentDate())
        context.update(alias) {
            $0.keyState = state
            $0.keyName = keys.first?.name
        }
        if let problem = ConnectionDiagnosisRules(ConnectionObservation(alias: alias, keyState: state)).keyProblem {
            throw StepStop.failed(problem)
        }
        return .passed("The given key \(id) is an active cross-cluster key on \(alias).")
    }

    func createOrReuse(
        _ key: CrossClusterAPIKeyRequest, client: ElasticsearchClient, context: inout SetupContext,
        services: SetupServices, execution: StepExecution
    ) async throws -> StepOutcome {
        let now = services.currentDate()
        let existing = try await Call.elasticsearch("Looking for keys named \(key.name) on \(alias)") {
            try await client.apiKeys(APIKeyQuery(name: key.name, activeOnly: true))
        }.filter { $0.name == key.name && $0.isActive(at: now) }
        var changes: [String] = []
        if !existing.isEmpty {
            let stored = await StoredCredentials.encodedKey(alias: alias, in: context, services: services)
            let storedID = stored.flatMap(EncodedAPIKey.id(of:))
            if let stored, let reused = existing.first(where: { $0.id == storedID }) {
                let others = existing.filter { $0.id != reused.id }
                if !others.isEmpty { changes.append(try await invalidate(others, client: client)) }
                context.update(alias) {
                    $0.credentials = stored
                    $0.keyID = reused.id
                    $0.keyName = reused.name
                    $0.keyState = reused.isCrossCluster ? .active : .wrongType(reused.type ?? "rest")
                }
                let state = ConnectionObservation(alias: alias, keyState: context.outputs(for: alias).keyState)
                if let problem = ConnectionDiagnosisRules(state).keyProblem { throw StepStop.failed(problem) }
                if reused.access.map(AccessComparison.normalized) != AccessComparison.normalized(key.access) {
                    try await Call.elasticsearch("Updating the access of key \(reused.id)") {
                        try await client.updateCrossClusterAPIKey(
                            id: reused.id, CrossClusterAPIKeyUpdate(access: key.access))
                    }
                    changes.append("updated the access of key \(reused.name) (\(reused.id)) on \(alias)")
                }
                if changes.isEmpty { return .alreadyDone("Reusing key \(reused.name) (\(reused.id)) on \(alias).") }
                return .done(changes: changes)
            }
            execution.progress(
                "Key \(key.name) exists on \(alias), but its encoded value is not in the local credentials Secret; replacing it."
            )
            changes.append(try await invalidate(existing, client: client))
        }
        let created = try await Call.elasticsearch("Creating the cross-cluster API key on \(alias)") {
            try await client.createCrossClusterAPIKey(key)
        }
        context.update(alias) {
            $0.credentials = created.encoded
            $0.keyID = created.id
            $0.keyName = created.name
            $0.keyCreated = true
            $0.keyState = .active
        }
        changes.append("created the cross-cluster API key \(created.name) (\(created.id)) on \(alias)")
        return .done(changes: changes)
    }

    func invalidate(_ keys: [APIKeyInfo], client: ElasticsearchClient) async throws -> String {
        let ids = keys.map(\.id)
        _ = try await Call.elasticsearch("Invalidating keys \(ids.joined(separator: ", "))") {
            try await client.invalidateAPIKeys(.ids(ids))
        }
        return "invalidated the unusable key\(ids.count == 1 ? "" : "s") \(ids.joined(separator: ", ")) on \(alias)"
    }

    static func state(of key: APIKeyInfo?, at date: Date) -> APIKeyState {
        guard let key else { return .notFound }
        if key.invalidated { return .invalidated }
        if !key.isActive(at: date) { return .expired }
        if let type = key.type, type != "cross_cluster" { return .wrongType(type) }
        return .active
    }
}

/// The parts of an encoded API key (base64 of `id:api_key`).
enum EncodedAPIKey {
    /// The key's id, or nil when the value does not decode.
    static func id(of encoded: Secret) -> String? {
        guard let decoded = Validators.decodeBase64(encoded.revealed), let colon = decoded.firstIndex(of: ":") else {
            return nil
        }
        let id = String(decoded[..<colon])
        return id.isEmpty ? nil : id
    }
}

/// Compares key access ignoring the order of names and defaults Elasticsearch fills in.
enum AccessComparison {
    static func normalized(_ access: CrossClusterAccess) -> CrossClusterAccess {
        CrossClusterAccess(
            search: access.search.map {
                CrossClusterAccess.Search(
                    names: $0.names.sorted(),
                    fieldSecurity: $0.fieldSecurity.flatMap { $0.grant.isEmpty && $0.except.isEmpty ? nil : $0 },
                    query: $0.query, allowRestrictedIndices: $0.allowRestrictedIndices == true ? true : nil)
            },
            replication: access.replication.map {
                CrossClusterAccess.Replication(
                    names: $0.names.sorted(), allowRestrictedIndices: $0.allowRestrictedIndices == true ? true : nil)
            })
    }
}

/// Where an earlier run left a remote's encoded key: the local credentials Secret (kubectl), or
/// the Secret manifest written in `files` mode.
enum StoredCredentials {
    static func encodedKey(alias: String, in context: SetupContext, services: SetupServices) async -> Secret? {
        let secret = LocalClusterNaming.credentialsSecret(localCluster: context.local.eck.name)
        let key = LocalClusterNaming.credentialsSetting(alias: alias)
        if context.local.applyManifests == .kubectl, let location = context.local.eck.location,
            let bytes = try? await services.readSecret(secret, key: key, in: location)
        {
            let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespaceAndNewlines()
            return text.isEmpty ? nil : Secret(text)
        }
        guard let folder = context.local.manifestsDirectory,
            let text = SetupFiles.text(at: folder.appendingPathComponent(LocalClusterStep.secretFileName).path),
            let manifest = try? JSONValue.parseYAML(text),
            let value = manifest[path: ["stringData", key]]?.stringValue,
            !value.hasPrefix(LocalClusterNaming.credentialsPlaceholderPrefix)
        else { return nil }
        return Secret(value)
    }
}
