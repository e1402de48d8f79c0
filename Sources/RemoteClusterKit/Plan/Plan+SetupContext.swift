import Foundation

extension Plan {
    /// The setup engine's context for this plan: passwords and encoded keys read through
    /// `secrets`, CA files read, contexts the plan leaves out filled with `currentContext`
    /// (kubectl's current context, resolved once by the caller). Every problem is thrown at once,
    /// each with its YAML path, before anything is contacted.
    ///
    /// - Parameters:
    ///   - localResource: the current local `Elasticsearch` resource when the operator supplied it
    ///     (`--local-resource`); the local step reads it with kubectl otherwise.
    ///   - currentContext: kubectl's current context, used where the plan names none.
    ///   - reading: which secrets to read: `.none` for previews (`--dry-run`), `.passwords` for
    ///     `undo`, `.encodedKeys` for applying the local objects alone.
    public func setupContext(
        secrets: PlanSecretResolver = PlanSecretResolver(), localResource: JSONValue? = nil,
        currentContext: String? = nil, reading: PlanSecretNeeds = .all
    ) throws(PlanError) -> SetupContext {
        let needsPasswords = reading.contains(.passwords)
        var problems: [FieldProblem] = []
        func read<T>(_ body: () throws(FieldProblem) -> T?) -> T? {
            do { return try body() } catch {
                problems.append(error)
                return nil
            }
        }
        var localEck = local.eck
        if localEck.context == nil { localEck.context = currentContext }
        if localEck.context == nil {
            switch local.applyManifests {
            case .kubectl:
                problems.append(
                    FieldProblem(
                        field: "local.eck.context", problem: "is not set and kubectl has no current context",
                        fix: "Name the local cluster's kubeconfig context, or set `applyManifests: files` or `none`."))
            case .files where localResource == nil:
                problems.append(
                    FieldProblem(
                        field: "local.eck.context",
                        problem: "is not set and kubectl has no current context, so the local resource cannot be read",
                        fix: "Name the context, or pass the resource with --local-resource FILE."))
            case .files, .none:
                break
            }
        }
        let localPassword =
            needsPasswords ? read { () throws(FieldProblem) in try secrets.localPassword(for: self) } : nil
        let localEndpoint = ClusterEndpoint(
            baseURL: local.url, auth: .basic(user: local.user, password: localPassword ?? Secret("")),
            trust: local.ca.map { .caFile($0.path) } ?? .systemStore)
        let target = LocalClusterTarget(
            eck: localEck, endpoint: localEndpoint, applyManifests: local.applyManifests,
            manifestsDirectory: local.manifestsDir, resource: localResource.map(ServerSetFields.strip))

        var remoteTargets: [RemoteTarget] = []
        for remote in remotes {
            var setup = remote.setup
            if let path = setup.certificateAuthority?.path {
                setup.certificateAuthority?.pem = FileManager.default.contents(atPath: path).flatMap {
                    String(data: $0, encoding: .utf8)
                }
            }
            if setup.type == .eck, setup.eck?.context == nil { setup.eck?.context = currentContext }
            if reading.contains(.encodedKeys) {
                setup.credentials = read { () throws(FieldProblem) in try secrets.encodedKey(for: remote) }
            }
            var endpoint: ClusterEndpoint?
            if case .create(let creation) = remote.apiKey {
                let password =
                    needsPasswords ? read { () throws(FieldProblem) in try secrets.creationPassword(for: remote) } : nil
                endpoint = ClusterEndpoint(
                    baseURL: creation.url, auth: .basic(user: creation.user, password: password ?? Secret("")),
                    trust: creation.ca.map { .caFile($0.path) } ?? .systemStore)
            }
            if setup.type == .eck, setup.eck?.context == nil {
                problems.append(
                    FieldProblem(
                        field: "\(remote.yamlPath).eck.context",
                        problem: "is not set and kubectl has no current context",
                        fix: "Name the remote cluster's kubeconfig context."))
            }
            remoteTargets.append(
                RemoteTarget(
                    setup: setup, endpoint: endpoint, decisions: remote.decisions, searchPattern: remote.searchPattern,
                    source: remote.yamlPath))
        }
        guard problems.isEmpty else { throw PlanError(problems: problems) }
        return SetupContext(local: target, remotes: remoteTargets, role: role)
    }
}

/// Which of a plan's secrets `Plan.setupContext` reads (the others stay empty).
public struct PlanSecretNeeds: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The local user's password and the passwords of the users that create keys.
    public static let passwords = PlanSecretNeeds(rawValue: 1)
    /// The encoded keys of `encodedEnv` and `encodedFile`.
    public static let encodedKeys = PlanSecretNeeds(rawValue: 2)
    public static let all: PlanSecretNeeds = [.passwords, .encodedKeys]
}
