import Foundation
import Testing

@testable import RemoteClusterKit

/// The plan rules added for the setup engine, and a plan turned into the engine's context.
@Suite struct PlanSetupTests {
    static func parse(_ yaml: String) throws(PlanError) -> ParsedPlan { try PlanParserTests.parse(yaml) }

    static func replacing(_ old: String, with new: String) -> String {
        precondition(PlanParserTests.example.contains(old), old)
        return PlanParserTests.example.replacingOccurrences(of: old, with: new)
    }

    static let environment = [
        "LOCAL_PASSWORD": "local-secret", "REMOTE_PASSWORD": "remote-secret",
    ]

    @Test func theLocalContextIsOptionalAndFilledFromTheCurrentOne() throws {
        let plan = try Self.parse(
            Self.replacing(
                "{name: central, namespace: search, context: local-ctx}", with: "{name: central, namespace: search}")
        ).plan
        #expect(plan.local.eck.context == nil)
        let context = try plan.setupContext(
            secrets: PlanSecretResolver(environment: Self.environment), currentContext: "kind-central")
        #expect(context.local.eck.location == KubernetesLocation(context: "kind-central", namespace: "search"))
        do {
            _ = try plan.setupContext(secrets: PlanSecretResolver(environment: Self.environment), currentContext: nil)
            Issue.record("a kubectl plan without any context was accepted")
        } catch {
            #expect(error.problems.map(\.field) == ["local.eck.context"])
        }
    }

    @Test func anECHRemoteGetsTheProxyHostAsServerName() throws {
        let yaml = Self.replacing(
            """
                type: eck                      # ech | ece | eck | self-managed
                proxyAddress: lb.example.net:9443
                serverName: logs-es-remote-cluster.logs.svc   # optional
                ca: certs/logs-ca.crt          # omit when publicly trusted
                skipUnavailable: true          # optional
                eck: {name: logs, namespace: logs, context: remote-ctx, version: "3.3.0"}   # type eck only
            """,
            with: """
                    type: ech
                    proxyAddress: a542184a7a7d45b88b83f95392f450ab.192.0.2.10.ip.es.io:9443
                """)
        let remote = try Self.parse(yaml).plan.remotes[0]
        #expect(remote.serverName == "a542184a7a7d45b88b83f95392f450ab.192.0.2.10.ip.es.io")
    }

    @Test func aSelfManagedTransportPortIsAnErrorWithTheFix() throws {
        do {
            _ = try Self.parse(
                Self.replacing(
                    #"seeds: ["10.20.0.11:9443", "10.20.0.12:9443"]"#,
                    with: #"seeds: ["10.20.0.11:9443", "10.20.0.12:9300"]"#))
            Issue.record("a 9300 seed was accepted")
        } catch {
            let problem = try #require(error.problems.first { $0.field == "remotes[1].seeds[1]" })
            #expect(problem.problem.contains("is the transport port (9300)"))
            #expect(problem.fix.contains("10.20.0.12:9443"))
        }
    }

    @Test func decisionsAndSearchPatternAreRead() throws {
        let yaml = Self.replacing(
            "    apiKey: {encodedFile: secrets/dc2-archive.key}",
            with: """
                    apiKey: {encodedFile: secrets/dc2-archive.key}
                    prepared: true
                    ignorePreflightFailure: true
                    searchPattern: "archive-*"
                """)
        let remote = try Self.parse(yaml).plan.remotes[1]
        #expect(
            remote.decisions
                == RemoteDecisions(applyRemoteChange: false, remotePrepared: true, continuePastFailedPreflight: true))
        #expect(remote.searchPattern == "archive-*")
    }

    @Test func theContextCarriesEndpointsKeysAndCAs() throws {
        let plan = try Self.parse(PlanParserTests.example).plan
        let context = try plan.setupContext(secrets: PlanSecretResolver(environment: Self.environment))
        #expect(context.local.endpoint.baseURL == "https://central.example.net:9200")
        #expect(context.local.endpoint.auth == .basic(user: "elastic", password: Secret("local-secret")))
        let logs = try #require(context.remote("eu-logs"))
        #expect(logs.endpoint?.auth == .basic(user: "admin", password: Secret("remote-secret")))
        #expect(logs.setup.keyToCreate?.name == "eu-logs-from-central")
        #expect(logs.setup.certificateAuthority?.pem?.contains("BEGIN CERTIFICATE") == true)
        let archive = try #require(context.remote("dc2-archive"))
        #expect(archive.setup.credentials == Secret("VnVhVGFIa0JjSHZ4c2RDNkNrMlQ6dGhlLWtleQ=="))
        #expect(archive.endpoint == nil)
    }

    @Test func everyMissingSecretIsReportedAtOnce() throws {
        let plan = try Self.parse(PlanParserTests.example).plan
        do {
            _ = try plan.setupContext(secrets: PlanSecretResolver(environment: [:]))
            Issue.record("secrets were not needed")
        } catch {
            #expect(error.problems.map(\.field) == ["local.passwordEnv", "remotes[0].apiKey.create.passwordEnv"])
        }
        let preview = try plan.setupContext(secrets: PlanSecretResolver(environment: [:]), reading: [])
        #expect(preview.remotes.count == 2)
    }
}
