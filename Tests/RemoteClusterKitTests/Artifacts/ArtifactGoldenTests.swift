import Foundation
import Testing
@testable import RemoteClusterKit

/// Every artifact for each remote type and CA choice, compared with golden files and validated
/// against the ECK CRD and the Secret/ConfigMap shapes.
@Suite struct ArtifactGoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var remotes: [RemoteSetup]
        var role: RemoteRoleSetup? = nil
        var includeSecrets = false
        var localElasticsearchVersion: String? = nil
        var testDescription: String { name }
    }

    static let remoteCA: String = (try? TestPaths.fixtureText("remote-ca.crt")) ?? ""
    static let searchLogs = CrossClusterAPIKeyRequest(
        name: "logs-from-central",
        access: CrossClusterAccess(
            search: [.init(names: ["logs-*"], fieldSecurity: .init(grant: ["@timestamp", "message"]))],
            replication: [.init(names: ["archive-*"])]),
        expiration: "90d")

    static func ca(_ path: String) -> RemoteCertificateAuthority {
        RemoteCertificateAuthority(path: path, pem: remoteCA)
    }

    static let cases: [Case] = [
        Case(
            name: "ech-public",
            remotes: [
                RemoteSetup(
                    alias: "cloud-logs", type: .ech,
                    proxyAddress: "a542184a7a7d45b88b83f95392f450ab.eu-west-1.aws.found.io:9443",
                    serverName: "a542184a7a7d45b88b83f95392f450ab.eu-west-1.aws.found.io", skipUnavailable: true,
                    keyToCreate: searchLogs)
            ],
            role: RemoteRoleSetup(name: "remote-logs-reader", indexNames: ["logs-*"])),
        Case(
            name: "ece-public",
            remotes: [
                RemoteSetup(
                    alias: "ece_metrics", type: .ece, proxyAddress: "metrics.ece.example.net:9443",
                    serverName: "metrics.ece.example.net", credentials: Secret("RU5DT0RFRF9LRVlfRk9SX1RFU1RT"))
            ]),
        Case(
            name: "ece-private",
            remotes: [
                RemoteSetup(
                    alias: "ece-metrics", type: .ece, proxyAddress: "metrics.ece.internal:9400",
                    serverName: "metrics.ece.internal", certificateAuthority: ca("certs/ece-proxy-root.crt"),
                    keyToCreate: searchLogs)
            ]),
        Case(
            name: "eck-3.2-private",
            remotes: [
                RemoteSetup(
                    alias: "eu-logs", type: .eck, proxyAddress: "203.0.113.10:9443",
                    serverName: "logs-es-remote-cluster.logs.svc", certificateAuthority: ca("certs/logs-ca.crt"),
                    eck: ECKClusterReference(
                        name: "logs", namespace: "logs", context: "remote-ctx", version: ECKVersion(3, 2, 0)),
                    keyToCreate: searchLogs)
            ]),
        Case(
            name: "eck-3.2-public",
            remotes: [
                RemoteSetup(
                    alias: "eu-logs", type: .eck, proxyAddress: "logs-rcs.example.net:9443",
                    serverName: "logs-rcs.example.net",
                    eck: ECKClusterReference(
                        name: "logs", namespace: "logs", context: "remote-ctx", version: ECKVersion(3, 1, 0)),
                    credentials: Secret("RU5DT0RFRF9LRVlfRk9SX1RFU1RT"))
            ]),
        Case(
            name: "eck-3.3-private",
            remotes: [
                RemoteSetup(
                    alias: "eu-logs", type: .eck, proxyAddress: "rcs.logs.example.net:443",
                    certificateAuthority: ca("certs/logs ca.crt"),
                    eck: ECKClusterReference(
                        name: "logs", namespace: "logs", context: "remote ctx's", version: ECKVersion(3, 3, 0)),
                    keyToCreate: searchLogs)
            ]),
        Case(
            name: "eck-3.5-public",
            remotes: [
                RemoteSetup(
                    alias: "eu-logs", type: .eck, proxyAddress: "rcs.logs.example.net:9443",
                    serverName: "rcs.logs.example.net",
                    eck: ECKClusterReference(name: "logs", namespace: "logs", version: ECKVersion(3, 5, 0)),
                    credentials: Secret("RU5DT0RFRF9LRVlfRk9SX1RFU1RT"))
            ],
            localElasticsearchVersion: "9.5.1"),
        Case(
            name: "self-managed-private",
            remotes: [
                RemoteSetup(
                    alias: "dc2-archive", type: .selfManaged, proxyAddress: "es-dc2.example.net:9443",
                    certificateAuthority: ca("certs/dc2-ca.crt"), keyToCreate: searchLogs)
            ]),
        Case(
            name: "self-managed-sniff-private",
            remotes: [
                RemoteSetup(
                    alias: "dc2-archive", type: .selfManaged, mode: .sniff,
                    seeds: ["10.20.0.11:9443", "10.20.0.12:9443", "[2001:db8::12]:9443"],
                    certificateAuthority: ca("certs/dc2-ca.crt"), skipUnavailable: false,
                    credentials: Secret("RU5DT0RFRF9LRVlfRk9SX1RFU1RT"))
            ],
            includeSecrets: true),
        Case(
            name: "self-managed-public",
            remotes: [
                RemoteSetup(
                    alias: "dc3", type: .selfManaged, proxyAddress: "rcs.dc3.example.com:9443",
                    credentials: Secret("RU5DT0RFRF9LRVlfRk9SX1RFU1RT"))
            ]),
        Case(
            name: "mixed-ech-and-self-managed",
            remotes: [
                RemoteSetup(
                    alias: "cloud-logs", type: .ech, proxyAddress: "logs.eu-west-1.aws.found.io:9443",
                    serverName: "logs.eu-west-1.aws.found.io", keyToCreate: searchLogs),
                RemoteSetup(
                    alias: "dc2-archive", type: .selfManaged, proxyAddress: "es-dc2.example.net:9443",
                    certificateAuthority: ca("certs/dc2-ca.crt"), credentials: Secret("RU5DT0RFRF9LRVlfRk9SX1RFU1RT")),
            ],
            role: RemoteRoleSetup(name: "remote logs/reader", indexNames: ["logs-*", "archive-*"])),
    ]

    static func setup(_ testCase: Case) throws -> ConnectionSetup {
        var resource = try JSONValue.parseYAML(TestPaths.fixtureText("local-elasticsearch.yaml"))
        if let version = testCase.localElasticsearchVersion { resource["spec"]?["version"] = .string(version) }
        return ConnectionSetup(
            local: ECKClusterReference(name: "central", namespace: "search", context: "local-ctx"),
            localElasticsearch: resource, remotes: testCase.remotes, role: testCase.role,
            includeSecrets: testCase.includeSecrets)
    }

    @Test(arguments: cases)
    func artifactsMatchGoldenFiles(_ testCase: Case) throws {
        let set = try ArtifactGenerator.generate(Self.setup(testCase))
        let names = set.artifacts.map(\.fileName)
        #expect(Set(names).count == names.count, "file names must be unique: \(names)")
        for artifact in set.artifacts {
            GoldenFile.check(artifact.text, "\(testCase.name)/\(artifact.fileName)")
        }
        if !GoldenFile.recording {
            #expect(
                GoldenFile.recordedFiles(in: testCase.name) == names.sorted(),
                "golden files without an artifact, or the reverse")
        }
        ManifestChecks.checkAll(set)
    }

    @Test(arguments: cases)
    func secretsAppearOnlyWhenIncluded(_ testCase: Case) throws {
        let set = try ArtifactGenerator.generate(Self.setup(testCase))
        let secret = try #require(set.artifact(named: "local-remote-cluster-credentials-secret.yaml"))
        let keys = testCase.remotes.compactMap(\.credentials?.revealed)
        for artifact in set.artifacts where artifact.fileName != secret.fileName {
            for key in keys { #expect(!artifact.text.contains(key), "\(artifact.fileName) leaks a key") }
        }
        let revealed = testCase.includeSecrets && !keys.isEmpty
        #expect(secret.containsSecrets == revealed)
        for remote in testCase.remotes {
            let value = secret.object?[path: ["stringData", "cluster.remote.\(remote.alias).credentials"]]?.stringValue
            if testCase.includeSecrets, let key = remote.credentials {
                #expect(value == key.revealed)
            } else {
                #expect(value == LocalClusterNaming.credentialsPlaceholder(alias: remote.alias))
            }
        }
    }
}
