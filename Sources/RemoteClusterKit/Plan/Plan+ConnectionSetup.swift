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
            var setup = RemoteSetup(
                alias: remote.alias, type: remote.type, mode: remote.mode, proxyAddress: remote.proxyAddress,
                seeds: remote.seeds, serverName: remote.serverName, skipUnavailable: remote.skipUnavailable,
                eck: remote.eck)
            if let ca = remote.ca {
                let pem = FileManager.default.contents(atPath: ca.path).flatMap { String(data: $0, encoding: .utf8) }
                setup.certificateAuthority = RemoteCertificateAuthority(path: ca.path, pem: pem)
            }
            if case .create(let creation) = remote.apiKey { setup.keyToCreate = creation.key }
            if includeSecrets {
                do { setup.credentials = try secrets.encodedKey(for: remote) } catch { problems.append(error) }
            }
            setups.append(setup)
        }
        guard problems.isEmpty else { throw PlanError(problems: problems) }
        return ConnectionSetup(
            local: local.eck, localElasticsearch: localElasticsearch, remotes: setups, role: role,
            includeSecrets: includeSecrets)
    }
}
