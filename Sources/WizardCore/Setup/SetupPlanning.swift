import Foundation
import RemoteClusterKit

/// Turns the wizard's answers into the engine's `SetupContext` (one local cluster, one remote),
/// keeping what earlier steps found (outputs) and what the operator decided.
public enum SetupPlanning {
    /// The context for the answers so far. `previous` carries the step outputs and decisions over;
    /// CA files are named by path and read by the job runner before a step runs.
    public static func context(
        _ answers: SetupAnswers, secrets: SetupSecrets, previous: SetupContext? = nil
    ) -> SetupContext {
        var remote = RemoteTarget(
            setup: remoteSetup(answers, secrets: secrets), endpoint: remoteEndpoint(answers, secrets: secrets),
            decisions: previous?.remotes.first?.decisions ?? RemoteDecisions(applyRemoteChange: false),
            searchPattern: SetupAnswers.list(answers.searchPatterns).first, source: "wizard")
        if let old = previous?.remotes.first, old.alias != remote.alias {
            // A new alias starts with fresh decisions for it.
            remote.decisions = RemoteDecisions(applyRemoteChange: false)
        }
        var context = SetupContext(
            local: localTarget(answers, secrets: secrets), remotes: [remote], role: role(answers))
        if let previous {
            context.localOutputs = previous.localOutputs
            for (alias, outputs) in previous.outputs where alias == remote.alias { context.outputs[alias] = outputs }
        }
        return context
    }

    static func trust(_ path: String) -> TrustSource { path.isEmpty ? .systemStore : .caFile(path) }

    static func basicAuth(user: String, password: Secret?) -> ClusterAuth {
        guard let password, !user.isEmpty else { return .none }
        return .basic(user: user, password: password)
    }

    public static func remoteSetup(_ answers: SetupAnswers, secrets: SetupSecrets) -> RemoteSetup {
        let type = answers.type ?? .ech
        let sniff = type == .selfManaged && answers.mode == "sniff"
        let hosts = SetupAnswers.list(answers.selfManagedHosts)
        return RemoteSetup(
            alias: answers.alias, type: type, mode: sniff ? .sniff : .proxy,
            proxyAddress: sniff ? nil : answers.proxyAddress,
            seeds: sniff ? SetupAnswers.list(answers.seeds) : [],
            serverName: answers.serverName.isEmpty ? nil : answers.serverName,
            certificateAuthority: answers.caFile.isEmpty
                ? nil : RemoteCertificateAuthority(path: answers.caFile, pem: nil),
            skipUnavailable: answers.skipUnavailable,
            eck: type == .eck
                ? ECKClusterReference(
                    name: answers.remoteECKName, namespace: answers.remoteECKNamespace,
                    context: answers.remoteECKContext.isEmpty ? nil : answers.remoteECKContext,
                    version: ECKVersion(answers.remoteECKVersion))
                : nil,
            keyToCreate: answers.apiKeyMode == "create" ? keyRequest(answers) : nil,
            credentials: secrets.encodedKey,
            certificateDNSNames: hosts.filter { !HostSyntax.isIPv4($0) && !$0.contains(":") },
            certificateIPAddresses: hosts.filter { HostSyntax.isIPv4($0) || $0.contains(":") })
    }

    static func remoteEndpoint(_ answers: SetupAnswers, secrets: SetupSecrets) -> ClusterEndpoint? {
        guard !answers.remoteURL.isEmpty else { return nil }
        return ClusterEndpoint(
            baseURL: answers.remoteURL, auth: basicAuth(user: answers.remoteUser, password: secrets.remotePassword),
            trust: trust(answers.remoteHTTPCAFile))
    }

    static func localTarget(_ answers: SetupAnswers, secrets: SetupSecrets) -> LocalClusterTarget {
        LocalClusterTarget(
            eck: ECKClusterReference(
                name: answers.localName, namespace: answers.localNamespace,
                context: answers.localContext.isEmpty ? nil : answers.localContext),
            endpoint: ClusterEndpoint(
                baseURL: answers.localURL, auth: basicAuth(user: answers.localUser, password: secrets.localPassword),
                trust: trust(answers.localHTTPCAFile)),
            applyManifests: ManifestApplyMode(rawValue: answers.applyManifests) ?? .kubectl,
            manifestsDirectory: answers.manifestsDirectory.isEmpty
                ? nil : URL(fileURLWithPath: answers.manifestsDirectory))
    }

    static func role(_ answers: SetupAnswers) -> RemoteRoleSetup? {
        let patterns = SetupAnswers.list(answers.rolePatterns)
        guard !answers.roleName.isEmpty, !patterns.isEmpty else { return nil }
        return RemoteRoleSetup(name: answers.roleName, indexNames: patterns)
    }

    /// The key request the answers describe; nil when no access is given.
    public static func keyRequest(_ answers: SetupAnswers) -> CrossClusterAPIKeyRequest? {
        let search = SetupAnswers.list(answers.searchPatterns)
        let replication = SetupAnswers.list(answers.replicationPatterns)
        guard !search.isEmpty || !replication.isEmpty else { return nil }
        let fields = SetupAnswers.list(answers.searchFields)
        let query = answers.searchQuery.isEmpty ? nil : try? JSONValue.parse(answers.searchQuery)
        let access = CrossClusterAccess(
            search: search.isEmpty
                ? []
                : [
                    CrossClusterAccess.Search(
                        names: search, fieldSecurity: fields.isEmpty ? nil : .init(grant: fields), query: query)
                ],
            replication: replication.isEmpty ? [] : [CrossClusterAccess.Replication(names: replication)])
        let name = answers.keyName.isEmpty ? SetupDefaults.keyName(answers) : answers.keyName
        return CrossClusterAPIKeyRequest(
            name: name, access: access, expiration: answers.expiration.isEmpty ? nil : answers.expiration,
            metadata: ["created_by": "remote-cluster-wizard", "alias": .string(answers.alias)])
    }
}
