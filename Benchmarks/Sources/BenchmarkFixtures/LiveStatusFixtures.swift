import Foundation
import RemoteClusterKit
import WizardCore

/// The wizard on its live status screen after one look at a local cluster with `aliases`
/// remotes: the set-up's own alias (the first connected one of the fixture) at the top, every
/// other alias in the "Other remotes" list below it, as `SetupJobRunner.observe` reports them.
public enum LiveStatusFixtures {
    public static func wizard(aliases: Int, size: Size) async throws -> SetupWizard {
        let client = ElasticsearchClient(
            transport: CannedTransport(body: RemoteInfoFixtures.body(aliases: aliases)),
            endpoint: ClusterEndpoint(baseURL: "https://local.example.net:9200"))
        let remotes = try await client.remoteInfo()
        guard let own = remotes.first(where: { $0.connected && $0.hasClusterCredentials }) else {
            throw FixtureError("the fixture has no connected alias with credentials")
        }
        var answers = SetupAnswers()
        answers.remoteType = "eck"
        answers.remoteECKName = "remote"
        answers.remoteECKContext = "remote-ctx"
        answers.proxyAddress = own.addressSummary
        answers.alias = own.alias
        answers.localName = "local"
        answers.localContext = "local-ctx"
        answers.localURL = "https://local.example.net:9200"
        let applied = [AppliedChange(screen: .manifests, what: "Secret applied", place: "local cluster")]
        var wizard = SetupWizard(
            WizardConfiguration(
                prefilledSecrets: SetupSecrets(remotePassword: Secret("remote-pw"), localPassword: Secret("local-pw")),
                savedProgress: SavedProgress(screen: .liveStatus, answers: answers, applied: applied)))
        _ = wizard.update(.resize(size))
        _ = wizard.start(now: .zero)
        // "r" on the welcome screen resumes at the live status, which asks for its first look.
        let effects = wizard.update(.key(.character("r")))
        guard wizard.current == .liveStatus,
            let token = effects.lazy.compactMap({ effect -> Token? in
                if case .run(.observe, let token, _) = effect { return token }
                return nil
            }).first
        else { throw FixtureError("the wizard did not resume at the live status screen") }
        let observation = ConnectionObservation(alias: own.alias, remoteInfo: own)
        _ = wizard.update(
            .jobFinished(
                token: token,
                reply: .observed(observation, others: remotes.filter { $0.alias != own.alias }, problem: nil),
                now: Moment(milliseconds: 400)))
        return wizard
    }
}

/// A fixture that could not be built as described.
public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
