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

    /// One look at the alias's connection (the engine's observer: `_remote/info`, `_resolve/cluster`
    /// and what the setup already knows), with the local cluster's other remotes for the list below.
    static func observe(_ alias: String, in context: SetupContext, services: SetupServices) async -> WizardReply {
        let observation = await ConnectionObserver.observe(alias, in: context, services: services)
        let client = ElasticsearchClient(transport: services.transport, endpoint: context.local.endpoint)
        let others = ((try? await client.remoteInfo()) ?? []).filter { $0.alias != alias }
        return .observed(observation, others: others, problem: observation.requestError)
    }
}
