import Foundation

extension Plan {
    /// The local cluster as an `ECKClusterReference` (context and namespace from `local.eck`).
    public var localCluster: ECKClusterReference { local.eck }

    /// The artifacts' input for this plan: CA files are read now (a missing ECK CA stays
    /// pending), and with `includeSecrets` the encoded keys from `encodedEnv`/`encodedFile`.
    public func connectionSetup(
        localElasticsearch: JSONValue, includeSecrets: Bool,
        secrets: PlanSecretResolver = PlanSecretResolver()
    ) throws(PlanError) -> ConnectionSetup {
        var problems: [FieldProblem] = []
        var setups: [RemoteSetup] = []
        for remote in remotes {
            var setup = remote.setup
            if let path = setup.certificateAuthority?.path {
                setup.certificateAuthority?.pem = FileManager.default.contents(atPath: path).flatMap {
                    String(data: $0, encoding: .utf8)
                }
            }
            if includeSecrets {
                do { setup.credentials = try secrets.encodedKey(for: remote) } catch { problems.append(error) }
            }
            setups.append(setup)
        }
        guard problems.isEmpty else { throw PlanError(problems: lineIndex.locate(problems)) }
        return ConnectionSetup(
            local: local.eck, localElasticsearch: localElasticsearch, remotes: setups, role: role,
            includeSecrets: includeSecrets)
    }
}
