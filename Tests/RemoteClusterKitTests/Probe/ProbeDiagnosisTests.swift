import Foundation
import Testing

@testable import RemoteClusterKit

/// The preflight diagnosis rules, one failure shape at a time.
@Suite struct ProbeDiagnosisTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    static func certificate(
        subject: String = "CN=node", issuer: String = "CN=Remote CA", names: [String] = ["DNS:lb.example.net"],
        notBefore: Date = now - 10 * day, notAfter: Date = now + 100 * day, isCA: Bool = false
    ) -> CertificateSummary {
        CertificateSummary(
            subject: subject, issuer: issuer, notValidBefore: notBefore, notValidAfter: notAfter, isCA: isCA,
            subjectAlternativeNames: names, sha256Fingerprint: "AA:BB")
    }

    static func result(
        port: Int = 9443, serverName: String? = nil, trust: TrustSource = .caFile("/tmp/ca.crt"),
        connection: TLSProbeResult.Connection = .connected(milliseconds: 2),
        handshake: TLSProbeResult.Handshake? = .completed(tlsVersion: "TLSv1.3"),
        verification: TLSProbeResult.ChainVerification? = .trusted, nameMatched: Bool? = true,
        chain: [CertificateSummary] = [certificate()], caSubjects: [String] = ["CN=Local CA"]
    ) -> TLSProbeResult {
        TLSProbeResult(
            request: TLSProbeRequest(host: "lb.example.net", port: port, serverName: serverName, trust: trust),
            connection: connection, handshake: handshake, chainVerification: verification, nameMatched: nameMatched,
            presentedChain: chain, trustedCASubjects: caSubjects, checkedAt: now)
    }

    @Test func passingCheckOnTheRemoteClusterPortHasNoDiagnosis() {
        let result = Self.result()
        #expect(result.passed)
        #expect(result.diagnosis == nil)
    }

    @Test func unresolvableHost() throws {
        let diagnosis = try #require(
            Self.result(connection: .hostNotFound, handshake: nil, verification: nil, nameMatched: nil, chain: [])
                .diagnosis)
        #expect(diagnosis.cause == .hostNotFound)
        #expect(diagnosis.summary == "The host name lb.example.net does not resolve.")
    }

    @Test func nothingListeningOn9443SaysToEnableTheServer() throws {
        let diagnosis = try #require(
            Self.result(connection: .refused, handshake: nil, verification: nil, nameMatched: nil, chain: []).diagnosis)
        #expect(diagnosis.cause == .nothingListening)
        #expect(diagnosis.summary == "Nothing is listening on lb.example.net:9443.")
        #expect(diagnosis.fix.contains("remote_cluster_server.enabled: true"))
    }

    @Test func nothingListeningOnAnotherPortSuggests9443() throws {
        let diagnosis = try #require(
            Self.result(
                port: 9444, connection: .refused, handshake: nil, verification: nil, nameMatched: nil, chain: []
            ).diagnosis)
        #expect(diagnosis.cause == .nothingListening)
        #expect(
            diagnosis.fix
                == "The remote cluster server listens on port 9443: set the proxy address to lb.example.net:9443, or check that the service on port 9444 is running and exposed."
        )
    }

    @Test func timeoutBlamesTheNetworkPath() throws {
        let diagnosis = try #require(
            Self.result(
                connection: .timedOut(seconds: 0.5), handshake: nil, verification: nil, nameMatched: nil, chain: []
            ).diagnosis)
        #expect(diagnosis.cause == .timedOut)
        #expect(diagnosis.summary == "lb.example.net:9443 did not answer within 0.5 s.")
    }

    @Test func plainHTTPOn9200IsTheRESTPort() throws {
        let diagnosis = try #require(
            Self.result(port: 9200, handshake: .plainText, verification: nil, nameMatched: nil, chain: []).diagnosis)
        #expect(diagnosis.cause == .plainHTTPPort)
        #expect(diagnosis.summary.contains("REST (HTTP) port 9200"))
        #expect(diagnosis.fix == "Use the remote cluster server port: set the proxy address to lb.example.net:9443.")
    }

    @Test func plainHTTPOnAnotherPortIsAnotherService() throws {
        let diagnosis = try #require(
            Self.result(port: 8080, handshake: .plainText, verification: nil, nameMatched: nil, chain: []).diagnosis)
        #expect(diagnosis.cause == .plainHTTPPort)
        #expect(diagnosis.summary.contains("a REST (HTTP) port or another service"))
    }

    @Test func cloudProxyPort9400() throws {
        let failing = try #require(
            Self.result(port: 9400, handshake: .plainText, verification: nil, nameMatched: nil, chain: []).diagnosis)
        #expect(failing.cause == .cloudProxyPort)
        #expect(failing.severity == .error)
        // A handshake that completes on 9400 still fails: it is the cloud proxy's port for the
        // certificate model, which the local cluster cannot use with an API key.
        let completed = Self.result(port: 9400)
        #expect(!completed.passed)
        let error = try #require(completed.diagnosis)
        #expect(error.cause == .cloudProxyPort)
        #expect(error.severity == .error)
        #expect(error.fix == "Keep the host and change the port: set the proxy address to lb.example.net:9443.")
    }

    @Test func transportPortWithAnotherCA() throws {
        let chain = [Self.certificate(issuer: "CN=Elastic Auto Transport CA")]
        let diagnosis = try #require(
            Self.result(
                port: 9300, verification: .notTrusted(detail: "unable to get local issuer certificate"),
                nameMatched: true, chain: chain
            ).diagnosis)
        #expect(diagnosis.cause == .transportPortDifferentCA)
        #expect(
            diagnosis.seen
                == "The server presented a certificate from \"CN=Elastic Auto Transport CA\", which is not the CA you gave."
        )
        #expect(diagnosis.fix.hasSuffix("lb.example.net:9443."))
    }

    @Test func transportPortAskingForAClientCertificate() throws {
        let diagnosis = try #require(
            Self.result(
                port: 9300, handshake: .failed(detail: "alert certificate required"), verification: nil,
                nameMatched: nil
            ).diagnosis)
        #expect(diagnosis.cause == .transportPortDifferentCA)
    }

    @Test func wrongCAFileNamesBothIssuers() throws {
        let diagnosis = try #require(
            Self.result(verification: .notTrusted(detail: "unable to get local issuer certificate"), nameMatched: true)
                .diagnosis)
        #expect(diagnosis.cause == .wrongCA)
        #expect(
            diagnosis.summary
                == "The certificate is issued by CN=Remote CA, which the CA file /tmp/ca.crt does not hold (the file holds CN=Local CA)."
        )
    }

    @Test func privateCertificateWithoutCAFile() throws {
        let diagnosis = try #require(
            Self.result(
                trust: .systemStore, verification: .notTrusted(detail: "self-signed certificate in certificate chain"),
                caSubjects: []
            ).diagnosis)
        #expect(diagnosis.cause == .wrongCA)
        #expect(diagnosis.summary == "The certificate is issued by CN=Remote CA, which is not a publicly trusted CA.")
        #expect(diagnosis.fix.hasPrefix("Give the CA file that issued it."))
    }

    @Test func expiredLeafWinsOverTrust() throws {
        let chain = [Self.certificate(notBefore: Self.now - 40 * Self.day, notAfter: Self.now - 5 * Self.day)]
        let diagnosis = try #require(
            Self.result(verification: .outsideValidity(detail: "certificate has expired"), chain: chain).diagnosis)
        #expect(diagnosis.cause == .expiredCertificate)
        #expect(diagnosis.summary == "The server certificate CN=node expired on 2027-01-10.")
    }

    @Test func notYetValidCertificateMentionsClocks() throws {
        let chain = [Self.certificate(notBefore: Self.now + 2 * Self.day, notAfter: Self.now + 30 * Self.day)]
        let diagnosis = try #require(
            Self.result(verification: .outsideValidity(detail: "certificate is not yet valid"), chain: chain).diagnosis)
        #expect(diagnosis.cause == .expiredCertificate)
        #expect(diagnosis.summary.hasSuffix("is not valid before 2027-01-17."))
        #expect(diagnosis.fix.hasPrefix("Check the clocks"))
    }

    @Test func wrongServerNameListsTheCertificateNames() throws {
        let chain = [Self.certificate(names: ["DNS:*.logs.svc"])]
        let diagnosis = try #require(
            Self.result(serverName: "logs-es-remote-cluster.logs.svc", nameMatched: false, chain: chain).diagnosis)
        #expect(diagnosis.cause == .wrongServerName)
        #expect(diagnosis.summary == "The certificate is for *.logs.svc, not logs-es-remote-cluster.logs.svc.")
    }

    @Test func wrongServerNameSuggestsNoneOnlyWhenTheAddressIsCarried() throws {
        let carriesAddress = [Self.certificate(names: ["DNS:*.logs.svc", "DNS:lb.example.net"])]
        let withAddress = try #require(
            Self.result(serverName: "wrong.example.net", nameMatched: false, chain: carriesAddress).diagnosis)
        #expect(withAddress.fix.hasSuffix("or leave it empty: the certificate is also valid for lb.example.net."))

        let withoutAddress = try #require(
            Self.result(
                serverName: "wrong.example.net", nameMatched: false,
                chain: [Self.certificate(names: ["DNS:*.logs.svc"])]
            ).diagnosis)
        #expect(withoutAddress.fix == "Set the server name to a name the certificate carries (*.logs.svc).")
    }

    @Test func handshakeFailureWithoutServerNameSuggestsSettingOne() throws {
        let diagnosis = try #require(
            Self.result(
                handshake: .failed(detail: "sslv3 alert handshake failure"), verification: nil, nameMatched: nil,
                chain: []
            ).diagnosis)
        #expect(diagnosis.cause == .handshakeFailed)
        #expect(diagnosis.seen == "sslv3 alert handshake failure")
        #expect(diagnosis.fix.hasPrefix("If the address is a proxy or load balancer that routes by name"))
    }

    @Test func unusableCAFile() throws {
        let diagnosis = try #require(
            Self.result(verification: .caFileUnusable(detail: "error setting certificate file"), nameMatched: nil)
                .diagnosis)
        #expect(diagnosis.cause == .caFileUnusable)
    }

    @Test func everyResultThatFailsHasADiagnosis() {
        let failing: [TLSProbeResult] = [
            Self.result(
                connection: .failed(detail: "network unreachable"), handshake: nil, verification: nil, nameMatched: nil),
            Self.result(handshake: .timedOut(seconds: 1), verification: nil, nameMatched: nil),
            Self.result(verification: .notTrusted(detail: "x"), nameMatched: false),
            Self.result(nameMatched: false),
        ]
        for result in failing {
            #expect(!result.passed)
            #expect(result.diagnosis?.severity == .error)
        }
    }

    @Test func restCertificateOnAnUntrustedPortIsTheRESTPort() throws {
        let http = Self.certificate(
            subject: "CN=central", issuer: "CN=central-http CA", names: ["DNS:central-es-http.default.svc"])
        let diagnosis = try #require(
            Self.result(
                port: 31200, verification: .notTrusted(detail: "self-signed certificate in certificate chain"),
                nameMatched: nil, chain: [http]
            ).diagnosis)
        #expect(diagnosis.cause == .restPort)
        #expect(diagnosis.severity == .error)
        #expect(diagnosis.seen == "The server presented its HTTP certificate, issued by \"CN=central-http CA\".")
        #expect(diagnosis.fix == "Use the remote cluster server port: set the proxy address to lb.example.net:9443.")
    }

    @Test func aTrustedRESTCertificateStillFails() throws {
        let http = Self.certificate(issuer: "CN=Elasticsearch security auto-configuration HTTP CA")
        let result = Self.result(port: 30443, chain: [http])
        let diagnosis = try #require(result.diagnosis)
        #expect(diagnosis.cause == .restPort)
        #expect(diagnosis.severity == .error)
        #expect(!result.passed)
    }

    @Test func aCompletedHandshakeOnTheTransportPortFails() throws {
        let result = Self.result(port: 9300)
        #expect(result.diagnosis?.cause == .transportPortDifferentCA)
        #expect(!result.passed)
    }

    @Test func transportCertificateOnACustomPortIsNotMistakenForREST() {
        let rcs = Self.certificate(issuer: "CN=logs-transport", names: ["DNS:logs-es-remote-cluster.logs.svc"])
        #expect(Self.result(port: 30443, chain: [rcs]).diagnosis == nil)
    }
}
