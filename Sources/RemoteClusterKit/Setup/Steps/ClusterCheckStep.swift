/// Step 1: `GET /_security/_authenticate`, `GET /` and `GET /_license` on the local cluster and,
/// when its REST API is known, on the remote: both must run Elasticsearch 8.14 or later with an
/// Enterprise or trial license, or the step stops and says which side lacks what.
public struct ClusterCheckStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.clusters, alias: alias) }
    public var title: String { "Check the versions and licenses of both clusters" }

    static let requests = [
        ElasticsearchRequests.authenticate(), ElasticsearchRequests.info(), ElasticsearchRequests.license(),
    ]

    public func preview(in context: SetupContext) -> StepPreview {
        var actions = Self.requests.map { PlannedAction.http($0, target: .localCluster) }
        var notes = [
            "Both clusters must run Elasticsearch \(LocalClusterArtifacts.minimumElasticsearchVersion) or later with an Enterprise or trial license."
        ]
        if context.remote(alias)?.endpoint != nil {
            actions += Self.requests.map { PlannedAction.http($0, target: .remoteCluster(alias: alias)) }
        } else {
            notes.append("The remote's REST API is not known, so only the local cluster is checked.")
        }
        return StepPreview(notes: notes, actions: actions)
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, execution in
            _ = try context.requireRemote(alias)
            let local = try await Self.side(context.localClient(services), name: "local")
            var remote: ClusterCheck.Side?
            if let client = context.remoteClient(alias, services) {
                remote = try await Self.side(client, name: "remote \(alias)")
            }
            let check = ClusterCheck(local: local, remote: remote)
            context.update(alias) { $0.clusters = check }
            let observation = ConnectionObservation(
                alias: alias, localVersion: local.info.versionNumber, remoteVersion: remote?.info.versionNumber,
                localLicense: local.license, remoteLicense: remote?.license)
            let rules = ConnectionDiagnosisRules(observation)
            if let problem = rules.versionProblem ?? rules.licenseProblem { throw StepStop.failed(problem) }
            var found = ["local \(Self.describe(local))"]
            if let remote { found.append("remote \(Self.describe(remote))") }
            return .passed(found.joined(separator: "; "))
        }
    }

    static func side(_ client: ElasticsearchClient, name: String) async throws -> ClusterCheck.Side {
        do {
            let user = try await client.authenticate()
            let info = try await client.info()
            let license = try await client.license()
            return ClusterCheck.Side(user: user, info: info, license: license)
        } catch {
            throw StepStop.failed(StepFailures.diagnosis(for: error, doing: "Reading the \(name) cluster"))
        }
    }

    static func describe(_ side: ClusterCheck.Side) -> String {
        "\(side.info.clusterName): Elasticsearch \(side.info.versionNumber), \(side.license.type) license, user \(side.user.username)"
    }
}
