/// One look at a remote's connection from the local cluster, for screens that poll on their own
/// timer (the wizard's live status), for `status`, and for the connection step.
public enum ConnectionObserver {
    /// `GET /_resolve/cluster/<alias>:*` and `GET /_remote/info`, with what `context` already
    /// knows about the alias (preflight, key state, credentials and CA applied, rollout, versions,
    /// licenses). Never throws: a failed request is kept in the observation (`resolveError`,
    /// `requestError`). One request at a time; returns early when the task is cancelled.
    public static func observe(_ alias: String, in context: SetupContext, services: SetupServices) async
        -> ConnectionObservation
    {
        var observation = base(alias, in: context)
        let client = context.localClient(services)
        do {
            observation.resolved = try await client.resolveCluster(aliases: [alias]).first { $0.alias == alias }
        } catch {
            switch error {
            case .server(let server): observation.resolveError = server
            default: observation.requestError = error.description
            }
        }
        if Task.isCancelled { return observation }
        do {
            observation.remoteInfo = try await client.remoteInfo().first { $0.alias == alias }
        } catch {
            observation.requestError = observation.requestError ?? error.description
        }
        return observation
    }

    /// What the setup's steps know about the alias, without asking anything.
    public static func base(_ alias: String, in context: SetupContext) -> ConnectionObservation {
        let remote = context.remote(alias)
        let outputs = context.outputs(for: alias)
        return ConnectionObservation(
            alias: alias, addresses: remote?.setup.addresses ?? [], serverName: remote?.setup.serverName,
            mode: remote?.setup.mode, preflight: outputs.preflight, keyState: outputs.keyState,
            credentialsApplied: context.localOutputs.credentialsApplied[alias],
            certificateAuthorityApplied: context.localOutputs.certificateAuthorityApplied[alias],
            rolloutFinished: context.localOutputs.rolloutFinished,
            localVersion: outputs.clusters?.local.info.versionNumber,
            remoteVersion: outputs.clusters?.remote?.info.versionNumber,
            localLicense: outputs.clusters?.local.license, remoteLicense: outputs.clusters?.remote?.license)
    }
}
