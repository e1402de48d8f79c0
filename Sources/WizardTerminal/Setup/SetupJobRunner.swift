import Foundation
import RemoteClusterKit
import WizardCore

/// Carries out the wizard's jobs with the engine: each job is one async engine call in its own
/// task, cancelled with the screen that asked for it. This is the only place the wizard's jobs
/// touch files (CA files are read here before a step runs) or the network (through `services`).
public enum SetupJobRunner {
    public static func make(services: SetupServices) -> AsyncJobRunner<WizardJob, WizardReply> {
        AsyncJobRunner { job, progress in
            switch job {
            case .step(let kind, let context):
                let context = withCertificateFilesRead(context)
                guard let step = step(kind, in: context) else {
                    let result = StepResult(
                        id: SetupStepID(kind, alias: context.remotes.first?.alias),
                        outcome: .failed(
                            Diagnosis(
                                cause: .unknown, summary: "The setup has no remote to run \(kind) for.",
                                fix: "Go back to Connection details and give the alias.")),
                        context: context)
                    return .stepFinished(result)
                }
                let result = await step.run(
                    in: context, services: services, events: SetupEventSink { progress(.stepEvent($0)) })
                return .stepFinished(result)
            case .observe(let alias, let context):
                return await observe(alias, in: context, services: services)
            case .readRemoteSettings(let alias, let context):
                let client = ElasticsearchClient(transport: services.transport, endpoint: context.local.endpoint)
                do throws(ElasticsearchClientError) {
                    let remotes = try await client.configuredRemotes()
                    return .remoteSettings(.success(remotes.first { $0.alias == alias && $0.scope == .persistent }))
                } catch {
                    return .remoteSettings(.failure(error))
                }
            }
        }
    }

    /// The step of this kind for the context's remote.
    static func step(_ kind: SetupStepKind, in context: SetupContext) -> (any SetupStep)? {
        guard let alias = context.remotes.first?.alias, !alias.isEmpty else { return nil }
        return SetupSteps.forRemote(alias).first { $0.id.kind == kind }
    }

    /// The context with the PEM text of every CA file the answers name (the wizard's core only
    /// knows paths); a file that cannot be read stays unread, and the step says so.
    static func withCertificateFilesRead(_ context: SetupContext) -> SetupContext {
        var context = context
        for index in context.remotes.indices {
            guard var authority = context.remotes[index].setup.certificateAuthority, authority.pem == nil else {
                continue
            }
            let path = LocalFileSystem.expand(authority.path)
            authority.pem = try? String(contentsOfFile: path, encoding: .utf8)
            context.remotes[index].setup.certificateAuthority = authority
        }
        return context
    }

    /// One look at the alias's connection from the local cluster: `_remote/info` and
    /// `_resolve/cluster`, with what the setup already knows.
    static func observe(_ alias: String, in context: SetupContext, services: SetupServices) async -> WizardReply {
        let client = ElasticsearchClient(transport: services.transport, endpoint: context.local.endpoint)
        let outputs = context.outputs(for: alias)
        let remote = context.remote(alias)
        var observation = ConnectionObservation(
            alias: alias, addresses: remote?.setup.addresses ?? [], serverName: remote?.setup.serverName,
            preflight: outputs.preflight, keyState: outputs.keyState,
            credentialsApplied: context.localOutputs.credentialsApplied[alias],
            certificateAuthorityApplied: context.localOutputs.certificateAuthorityApplied[alias],
            rolloutFinished: context.localOutputs.rolloutFinished,
            localVersion: outputs.clusters?.local.info.versionNumber,
            remoteVersion: outputs.clusters?.remote?.info.versionNumber,
            localLicense: outputs.clusters?.local.license, remoteLicense: outputs.clusters?.remote?.license)
        var problem: String?
        var others: [RemoteInfo] = []
        do {
            let all = try await client.remoteInfo()
            observation.remoteInfo = all.first { $0.alias == alias }
            others = all.filter { $0.alias != alias }
        } catch {
            problem = "GET /_remote/info: \(error.description)"
        }
        do {
            observation.resolved = try await client.resolveCluster(aliases: [alias]).first { $0.alias == alias }
        } catch .server(let error) {
            observation.resolveError = error
        } catch {
            problem = problem ?? "GET /_resolve/cluster: \(error.description)"
        }
        return .observed(observation, others: others, problem: problem)
    }
}
