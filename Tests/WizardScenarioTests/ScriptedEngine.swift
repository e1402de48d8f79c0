import Foundation
import RemoteClusterKit
import WizardCore
import WizardTerminal
import WizardTestSupport

/// Canned engine answers for snapshot tests: every step succeeds with fixed outputs, every look at
/// the connection finds it connected (or, with `connected: false`, down on the transport port), so
/// whole screens can be compared byte for byte.
enum ScriptedEngine {
    static let checkedAt = Date(timeIntervalSince1970: 1_800_000_000)

    static func jobs(connected: Bool = true) -> ScriptedJobs<WizardJob, WizardReply> {
        ScriptedJobs { job in reply(to: job, connected: connected) }
    }

    static func reply(to job: WizardJob, connected: Bool) -> WizardReply {
        switch job {
        case .step(let kind, var context):
            let alias = context.remotes.first?.alias ?? "logs"
            let id = SetupStepID(kind, alias: alias)
            let outcome: StepOutcome
            switch kind {
            case .clusters:
                context.update(alias) { $0.clusters = clusterCheck }
                outcome = .passed("Both clusters run 9.1.0 with a trial license.")
            case .remotePreparation:
                context.update(alias) { $0.certificateAuthorityPEM = TestCertificates.ca + "\n" }
                outcome = .done(changes: ["spec.remoteClusterServer enabled on Elasticsearch remote"])
            case .preflight:
                let request = context.remotes.first.flatMap { remote in
                    (try? ProxyAddress(parsing: remote.setup.proxyAddress ?? "")).map {
                        TLSProbeRequest(
                            proxyAddress: $0, serverName: remote.setup.serverName,
                            trust: remote.setup.certificateAuthority.map { .caFile($0.path) } ?? .systemStore)
                    }
                }
                if let request { context.update(alias) { $0.preflight = [probe(request)] } }
                outcome = .passed("The remote cluster server answered and its certificate is trusted.")
            case .apiKey:
                context.update(alias) {
                    $0.credentials = Secret("ZW5jb2RlZDprZXk=")
                    $0.keyCreated = true
                    $0.keyName = "central-to-logs"
                    $0.keyID = "k1"
                }
                outcome = .done(changes: ["Cross-cluster API key central-to-logs created (id k1)"])
            case .localCluster:
                context.localOutputs.credentialsApplied[alias] = true
                context.localOutputs.rolloutFinished = true
                outcome = .done(changes: [
                    "Secret remote-api-keys applied", "Elasticsearch central changed; rollout finished",
                ])
            case .addRemote:
                outcome = .done(changes: ["cluster.remote.\(alias) added (mode proxy)"])
            case .connection:
                outcome = .passed("Connected with API-key credentials.")
            case .dataAccess:
                context.update(alias) {
                    $0.dataAccess = DataAccessResult(
                        expression: "\(alias):logs-*", hits: 1200, shardsTotal: 3, shardsSuccessful: 3,
                        shardsSkipped: 0,
                        shardsFailed: 0, clusterStatus: "successful")
                }
                outcome = .passed("The search across \(alias) returned 1200 documents from 3 shards.")
            case .role:
                outcome = .done(changes: ["Role logs-remote-reader created"])
            }
            return .stepFinished(StepResult(id: id, outcome: outcome, context: context))
        case .observe(let alias, let context):
            let address = context.remotes.first?.setup.proxyAddress ?? "lb.example.net:9443"
            let info = RemoteInfo(
                alias: alias, connected: connected, mode: .proxy,
                proxyAddress: connected ? address : "lb.example.net:9300",
                serverName: context.remotes.first?.setup.serverName, proxySocketsConnected: connected ? 18 : 0,
                maxProxySocketConnections: 18, skipUnavailable: true, hasClusterCredentials: true)
            let resolved = ResolvedCluster(
                alias: alias, connected: connected, skipUnavailable: true, matchingIndices: connected ? true : nil,
                error: connected ? nil : "Unable to connect to [\(alias)]", versionNumber: connected ? "9.1.0" : nil)
            var observation = ConnectionObservation(
                alias: alias, addresses: [info.proxyAddress ?? ""], serverName: info.serverName, remoteInfo: info,
                resolved: resolved, credentialsApplied: true)
            if !connected, let request = try? ProxyAddress(parsing: "lb.example.net:9300") {
                observation.preflight = [transportPortProbe(TLSProbeRequest(proxyAddress: request))]
            }
            let other = RemoteInfo(
                alias: "archive", connected: false, mode: .proxy, proxyAddress: "archive.example.net:9443",
                proxySocketsConnected: 0, maxProxySocketConnections: 18, hasClusterCredentials: true)
            return .observed(observation, others: [other], problem: nil)
        case .readRemoteSettings:
            // The alias is new on the local cluster.
            return .remoteSettings(.success(nil))
        }
    }

    static let clusterCheck = ClusterCheck(
        local: .init(
            user: AuthenticatedUser(username: "elastic"),
            info: ClusterInfo(nodeName: "central-es-default-0", clusterName: "central", versionNumber: "9.1.0"),
            license: LicenseInfo(type: "trial", status: "active")),
        remote: .init(
            user: AuthenticatedUser(username: "elastic"),
            info: ClusterInfo(nodeName: "logs-es-default-0", clusterName: "logs", versionNumber: "9.1.0"),
            license: LicenseInfo(type: "enterprise", status: "active")))

    static func certificate(_ subject: String, issuer: String, names: [String], isCA: Bool = false)
        -> CertificateSummary
    {
        CertificateSummary(
            subject: subject, issuer: issuer, notValidBefore: checkedAt.addingTimeInterval(-86_400 * 30),
            notValidAfter: checkedAt.addingTimeInterval(86_400 * 335), isCA: isCA, subjectAlternativeNames: names,
            sha256Fingerprint: "AB:CD")
    }

    /// A passing preflight.
    static func probe(_ request: TLSProbeRequest) -> TLSProbeResult {
        TLSProbeResult(
            request: request, connection: .connected(milliseconds: 3), handshake: .completed(tlsVersion: "TLSv1.3"),
            chainVerification: .trusted, nameMatched: true,
            presentedChain: [certificate("CN=logs", issuer: "CN=logs-transport-ca", names: [request.expectedName])],
            trustedCASubjects: ["CN=logs-transport-ca"], checkedAt: checkedAt)
    }

    /// The transport port: another CA.
    static func transportPortProbe(_ request: TLSProbeRequest) -> TLSProbeResult {
        TLSProbeResult(
            request: request, connection: .connected(milliseconds: 2), handshake: .completed(tlsVersion: "TLSv1.3"),
            chainVerification: .notTrusted(detail: "unable to get local issuer certificate"), nameMatched: true,
            presentedChain: [
                certificate("CN=logs-es-default-0", issuer: "CN=Elastic Auto Transport CA", names: ["lb.example.net"])
            ], trustedCASubjects: [], checkedAt: checkedAt)
    }
}
