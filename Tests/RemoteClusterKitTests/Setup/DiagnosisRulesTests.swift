import Foundation
import RemoteClusterKit
import Testing

/// `Diagnosis.diagnose` over observations built by hand, with Elasticsearch's exact texts
/// (FACTS.md §5), including the rows the simulator cannot produce.
@Suite struct DiagnosisRulesTests {
    static func down(_ alias: String = "eu", credentials: Bool = true, error: String? = nil, search: [String] = [])
        -> ConnectionObservation
    {
        ConnectionObservation(
            alias: alias,
            remoteInfo: RemoteInfo(
                alias: alias, connected: false, mode: .proxy, proxyAddress: "lb:9443",
                hasClusterCredentials: credentials),
            resolved: ResolvedCluster(alias: alias, connected: false, error: error), searchFailures: search)
    }

    @Test(
        "each catalogue text gives its cause",
        arguments: [
            // 5-8: the transport port.
            (
                "failed to establish trust with server at [lb]; the server provided a certificate with subject name [CN=node] issued by [CN=Elastic Auto Transport CA]",
                Diagnosis.Cause.transportPort, 5
            ),
            ("javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate", .transportPort, 5),
            (
                "ElasticsearchSecurityException: missing authentication credentials for action [cluster:internal/remote_cluster/handshake]",
                .transportPort, 5
            ),
            (
                "action [cluster:internal/remote_cluster/handshake] is unauthorized for user [anonymous_foo] with effective roles [], this action is granted by the cluster privileges [cross_cluster_search,cross_cluster_replication,manage,all]",
                .transportPort, 5
            ),
            (
                "java.lang.IllegalArgumentException: remote cluster handshake action requires channel profile to be [_remote_cluster], but got [default]",
                .transportPort, 5
            ),
            // 4: trust.
            (
                "failed to establish trust with server at [lb]; this ssl context ([(shared) (with trust configuration: JDK-trusted-certs)]) is not configured to trust that issuer",
                .untrustedCertificate, 4
            ),
            (
                "sun.security.validator.ValidatorException: PKIX path building failed: unable to find valid certification path to requested target",
                .untrustedCertificate, 4
            ),
            // 9-11.
            (
                "java.lang.IllegalArgumentException: Cross cluster requests through the dedicated remote cluster server port require transport header [_cross_cluster_access_credentials] but none found. Make sure you have configured remote cluster credentials on the cluster originating the request.",
                .missingCredentials, 9
            ),
            (
                "ElasticsearchSecurityException: authentication expected API key type of [cross_cluster], but API key [agZXJocBmA2beJfq2yKu] has type [rest]",
                .restKeyInsteadOfCrossCluster, 10
            ),
            (
                "unable to authenticate user [agZXJocBmA2beJfq2yKu] for action [cluster:internal/remote_cluster/handshake]",
                .invalidKey, 11
            ),
            // 12-17.
            (
                "action [indices:data/read/search] towards remote cluster is unauthorized for user [foo] with assigned roles [foo-role] authenticated by API key id [x] of user [elastic-admin] on indices [cd], this action is granted by the index privileges [read,all]",
                .insufficientPrivileges, 12
            ),
            (
                "action [indices:data/read/search] towards remote cluster [my] is unauthorized for user [foo] with effective roles [] (assigned roles [foo-role] were not found) because no remote indices privileges apply for the target cluster",
                .noRemoteIndicesPrivileges, 13
            ),
            ("current license is non-compliant for [advanced-remote-cluster-security]", .licenseTooLow, 14),
            ("no such remote cluster: [eu]", .unknownAlias, 15),
            ("this node does not have the remote_cluster_client role", .nodeLacksRemoteClusterClientRole, 16),
            ("handshake failed. unexpected remote cluster name other", .proxyReachesSeveralClusters, 17),
            ("Unable to open any proxy connections to cluster [eu] at address [lb:9443]", .unreachable, 1),
            ("no seed node left for cluster: [eu]", .seedsUnreachable, 2),
        ])
    func catalogueText(text: String, cause: Diagnosis.Cause, row: Int) {
        let fromResolve = Diagnosis.diagnose(Self.down(error: text))
        #expect(fromResolve.cause == cause)
        #expect(fromResolve.catalogueRow == row)
        #expect(fromResolve.evidence == text || [.unreachable, .seedsUnreachable].contains(cause))
        let fromSearch = Diagnosis.diagnose(Self.down(search: [text]))
        #expect(fromSearch.cause == cause)
    }

    @Test func noClusterCredentialsIsRow9() {
        let diagnosis = Diagnosis.diagnose(Self.down(credentials: false))
        #expect(diagnosis.cause == .missingCredentials)
        #expect(diagnosis.summary.contains("no cluster_credentials"))
        #expect(diagnosis.fix.contains("cluster.remote.eu.credentials"))
    }

    @Test func theKeysStateAndTheLocalObjects() {
        var observation = Self.down()
        observation.keyState = .invalidated
        #expect(Diagnosis.diagnose(observation).cause == .invalidKey)
        observation.keyState = .wrongType("rest")
        #expect(Diagnosis.diagnose(observation).cause == .restKeyInsteadOfCrossCluster)
        observation.keyState = .active
        observation.credentialsApplied = false
        #expect(Diagnosis.diagnose(observation).cause == .missingCredentials)
        observation.credentialsApplied = true
        observation.rolloutFinished = false
        #expect(Diagnosis.diagnose(observation).cause == .stillConnecting)
    }

    @Test func versionsAndLicensesComeFirst() {
        var observation = Self.down(
            error: "unable to authenticate user [x] for action [cluster:internal/remote_cluster/handshake]")
        observation.remoteVersion = "8.13.4"
        let old = Diagnosis.diagnose(observation)
        #expect(old.cause == .versionTooOld)
        #expect(old.summary.contains("remote cluster runs Elasticsearch 8.13.4"))
        observation.remoteVersion = "9.1.0"
        observation.localLicense = LicenseInfo(type: "basic", status: "active")
        let license = Diagnosis.diagnose(observation)
        #expect(license.cause == .licenseTooLow)
        #expect(license.summary.contains("local cluster's license"))
    }

    @Test func anUnknownErrorIsKeptRaw() {
        let diagnosis = Diagnosis.diagnose(Self.down(error: "something nobody has seen before"))
        #expect(diagnosis.cause == .unknown)
        #expect(diagnosis.raw == "something nobody has seen before")
        #expect(diagnosis.catalogueRow == nil)
    }

    @Test func nothingObservedSaysSoInsteadOfGuessing() {
        let diagnosis = Diagnosis.diagnose(Self.down())
        #expect(diagnosis.cause == .stillConnecting)
        #expect(diagnosis.summary.contains("neither _resolve/cluster nor _remote/info says why"))
    }

    @Test func anAliasMissingEverywhereIsUnknown() {
        let diagnosis = Diagnosis.diagnose(ConnectionObservation(alias: "ghost"))
        #expect(diagnosis.cause == .unknownAlias)
    }

    @Test func aLocalClusterThatCannotBeAskedIsARequestFailure() {
        let diagnosis = Diagnosis.diagnose(ConnectionObservation(alias: "eu", requestError: "connection refused"))
        #expect(diagnosis.cause == .requestFailed)
        #expect(diagnosis.evidence == "connection refused")
    }
}
