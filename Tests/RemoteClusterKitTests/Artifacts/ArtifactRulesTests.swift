import Foundation
import Testing
@testable import RemoteClusterKit

/// The version-dependent and situation-dependent parts of the artifacts.
@Suite struct ArtifactRulesTests {
    static func resource(version: String = "9.1.3", annotations: JSONValue? = nil, remoteClusters: JSONValue? = nil)
        -> JSONValue
    {
        var metadata: JSONValue = ["name": "central", "namespace": "search"]
        if let annotations { metadata["annotations"] = annotations }
        var spec: JSONValue = ["version": .string(version), "nodeSets": [["name": "default", "count": 3]]]
        if let remoteClusters { spec["remoteClusters"] = remoteClusters }
        return [
            "apiVersion": "elasticsearch.k8s.elastic.co/v1", "kind": "Elasticsearch", "metadata": metadata,
            "spec": spec,
        ]
    }

    static func eckRemote(_ version: ECKVersion?, port: Int = 9443) -> RemoteSetup {
        RemoteSetup(
            alias: "eu-logs", type: .eck, proxyAddress: "lb.example.net:\(port)",
            eck: ECKClusterReference(name: "logs", namespace: "logs", context: "remote", version: version))
    }

    static func generate(_ remotes: [RemoteSetup], resource: JSONValue = resource(), localVersion: ECKVersion? = nil)
        throws
        -> ArtifactSet
    {
        try ArtifactGenerator.generate(
            ConnectionSetup(
                local: ECKClusterReference(
                    name: "central", namespace: "search", context: "local", version: localVersion),
                localElasticsearch: resource, remotes: remotes))
    }

    static func text(_ set: ArtifactSet) -> String { set.notes.map(\.text).joined(separator: "\n") }

    static func resource(nodeSets: [JSONValue]) -> JSONValue {
        var resource = Self.resource()
        resource["spec"]?["nodeSets"] = .array(nodeSets)
        return resource
    }

    @Test func nodeRolesWithoutTheClientRoleAreWarnedAbout() throws {
        let remote = Self.eckRemote(ECKVersion(3, 3, 0))
        let none = try Self.generate(
            [remote],
            resource: Self.resource(nodeSets: [
                ["name": "hot", "count": 3, "config": ["node.roles": ["master", "data_hot"]]],
                ["name": "cold", "count": 1, "config": ["node": ["roles": "data_cold, ingest"]]],
            ]))
        #expect(
            none.notes.contains {
                $0.severity == .warning && $0.text.hasPrefix("No node of central has the remote_cluster_client role")
                    && $0.text.contains("in hot, cold")
            }, "\(Self.text(none))")
        let some = try Self.generate(
            [remote],
            resource: Self.resource(nodeSets: [
                ["name": "hot", "count": 3, "config": ["node.roles": ["master", "data_hot"]]],
                ["name": "coordinating", "count": 2, "config": ["node.roles": ["remote_cluster_client"]]],
            ]))
        #expect(
            some.notes.contains {
                $0.severity == .info
                    && $0.text.hasPrefix("node.roles leaves out remote_cluster_client in hot: cross-cluster searches")
            }, "\(Self.text(some))")
        // The default role set (no node.roles) has the role.
        #expect(!Self.text(try Self.generate([remote])).contains("remote_cluster_client role"))
    }

    @Test func eck32UsesExposeAndEck33UsesTheServiceTemplate() throws {
        let old = try Self.generate([Self.eckRemote(ECKVersion(3, 2, 9))])
        #expect(old.remotePatch(alias: "eu-logs") == ["spec": ["remoteClusterServer": ["enabled": true]]])
        let oldScript = try #require(old.artifact(named: "remote-eu-logs-enable-remote-cluster-server.sh")).text
        #expect(
            oldScript.contains(
                "kubectl --context remote --namespace logs expose service logs-es-remote-cluster --name=logs-es-remote-cluster-lb --type=LoadBalancer --port=9443 --target-port=9443"
            ))

        let new = try Self.generate([Self.eckRemote(ECKVersion(3, 3, 0))])
        #expect(
            new.remotePatch(alias: "eu-logs")
                == ["spec": ["remoteClusterServer": ["enabled": true, "service": ["spec": ["type": "LoadBalancer"]]]]])
        let newScript = try #require(new.artifact(named: "remote-eu-logs-enable-remote-cluster-server.sh")).text
        #expect(!newScript.contains(" expose service "))
    }

    @Test func aDifferentServicePortSetsTargetPort() throws {
        let set = try Self.generate([Self.eckRemote(ECKVersion(3, 4, 0), port: 443)])
        let ports = set.remotePatch(alias: "eu-logs")?[path: [
            "spec", "remoteClusterServer", "service", "spec", "ports",
        ]]
        #expect(ports == [["name": "rcs", "port": 443, "protocol": "TCP", "targetPort": 9443]])
        let old = try Self.generate([Self.eckRemote(ECKVersion(3, 0, 0), port: 443)])
        #expect(
            try #require(old.artifact(named: "remote-eu-logs-enable-remote-cluster-server.sh")).text.contains(
                "--port=443 --target-port=9443"))
    }

    @Test func unknownECKVersionIsAssumedNewAndSaidSo() throws {
        let set = try Self.generate([Self.eckRemote(nil)])
        #expect(set.remotePatch(alias: "eu-logs")?[path: ["spec", "remoteClusterServer", "service"]] != nil)
        #expect(Self.text(set).contains("The ECK version of logs is unknown"))
    }

    @Test func fileBasedSecureSettingsHintOnlyWhereItApplies() throws {
        let remote = RemoteSetup(alias: "a", type: .ech, proxyAddress: "a.example.net:9443")
        let hint = "eck.k8s.elastic.co/file-based-secure-settings"
        #expect(!Self.text(try Self.generate([remote], resource: Self.resource(version: "9.4.2"))).contains(hint))
        #expect(
            Self.text(try Self.generate([remote], resource: Self.resource(version: "9.5.0"))).contains(
                "add the annotation \(hint): \"true\""))
        #expect(
            Self.text(
                try Self.generate(
                    [remote], resource: Self.resource(version: "9.5.0"), localVersion: ECKVersion(3, 4, 0))
            )
            .contains("(this operator is 3.4.0)"))
        let annotated = Self.resource(version: "9.5.0", annotations: [.init(stringLiteral: hint): "true"])
        #expect(Self.text(try Self.generate([remote], resource: annotated)).contains("reload without a restart"))
    }

    @Test func oldElasticsearchIsWarnedAbout() throws {
        let remote = RemoteSetup(alias: "a", type: .ech, proxyAddress: "a.example.net:9443")
        #expect(
            Self.text(try Self.generate([remote], resource: Self.resource(version: "8.12.2"))).contains(
                "needs 8.14.0 or later"))
        #expect(
            !Self.text(try Self.generate([remote], resource: Self.resource(version: "8.14.0"))).contains("needs 8.14.0")
        )
    }

    @Test func aliasManagedByECKIsWarnedAbout() throws {
        let remote = RemoteSetup(alias: "eu-logs", type: .ech, proxyAddress: "a.example.net:9443")
        let resource = Self.resource(remoteClusters: [["name": "eu-logs", "elasticsearchRef": ["name": "logs"]]])
        #expect(Self.text(try Self.generate([remote], resource: resource)).contains("also in spec.remoteClusters"))
    }

    @Test func aCAFileNotSavedYetIsLeftOutAndSaidSo() throws {
        var remote = Self.eckRemote(ECKVersion(3, 3, 0))
        remote.certificateAuthority = RemoteCertificateAuthority(path: "certs/logs-ca.crt", pem: nil)
        let set = try Self.generate([remote])
        #expect(set.artifact(named: "local-remote-cluster-cas-configmap.yaml") == nil)
        let resource = try #require(set.artifact(named: "local-elasticsearch.yaml")?.object)
        #expect(resource[path: ["spec", "nodeSets"]]?.arrayValue?[0]["podTemplate"] == nil)
        #expect(Self.text(set).contains("The CA file certs/logs-ca.crt for eu-logs does not exist yet"))
        #expect(
            try #require(set.artifact(named: "remote-eu-logs-save-ca.sh")).text.contains("> certs/logs-ca.crt"))
    }

    @Test func localManifestsComeInApplyOrder() throws {
        var remote = Self.eckRemote(ECKVersion(3, 3, 0))
        remote.certificateAuthority = RemoteCertificateAuthority(
            path: "ca.crt", pem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
        let kinds = try Self.generate([remote]).localManifests.compactMap { $0["kind"]?.stringValue }
        #expect(kinds == ["Secret", "ConfigMap", "Elasticsearch"])
    }

    @Test func selfManagedCertificateNamesComeFromAddressesAndServerName() throws {
        let remote = RemoteSetup(
            alias: "dc2", type: .selfManaged, proxyAddress: "[2001:db8::5]:9443", serverName: "es.dc2.example.net")
        let script = try #require(try Self.generate([remote]).artifact(named: "remote-dc2-certificates.sh")).text
        #expect(script.contains("--dns=es.dc2.example.net --ip=2001:db8::5"))
        let yml = try #require(try Self.generate([remote]).artifact(named: "remote-dc2-elasticsearch.yml")?.object)
        #expect(yml["remote_cluster.port"] == 9443)
    }

    @Test func aSelfManagedRemoteClusterPortIsNeverTheTransportPort() throws {
        let remote = RemoteSetup(alias: "dc2", type: .selfManaged, mode: .sniff, seeds: ["10.0.0.1:9300"])
        let set = try Self.generate([remote])
        let yml = try #require(set.artifact(named: "remote-dc2-elasticsearch.yml")?.object)
        #expect(yml["remote_cluster.port"] == 9443)
        #expect(set.notes.contains { $0.severity == .warning && $0.text.contains("use port 9300, the transport port") })
    }

    @Test func theResourceMustBeThePlansLocalCluster() throws {
        let remote = RemoteSetup(alias: "a", type: .ech, proxyAddress: "a.example.net:9443")
        var other = Self.resource()
        other["metadata"]?["name"] = "other"
        let wrongName = try #require(throws: ArtifactError.self) { try Self.generate([remote], resource: other) }
        #expect(wrongName.problem.contains("Elasticsearch \"other\", but the plan's local.eck.name is \"central\""))
        var elsewhere = Self.resource()
        elsewhere["metadata"]?["namespace"] = "elsewhere"
        let wrongNamespace = try #require(throws: ArtifactError.self) {
            try Self.generate([remote], resource: elsewhere)
        }
        #expect(
            wrongNamespace.problem.contains("namespace \"elsewhere\", but the plan's local.eck.namespace is \"search\"")
        )
    }

    @Test func aCAOfARemoteLeftOutOfThePlanIsAnError() throws {
        var earlier = Self.eckRemote(ECKVersion(3, 3, 0))
        earlier.certificateAuthority = RemoteCertificateAuthority(
            path: "ca.crt", pem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
        let first = try #require(try Self.generate([earlier]).artifact(named: "local-elasticsearch.yaml")?.object)
        var later = earlier
        later.alias = "us-logs"
        let error = try #require(throws: ArtifactError.self) { try Self.generate([later], resource: first) }
        #expect(
            error.problem
                == "spec.nodeSets[0].config trusts remote-cluster-cas/eu-logs-ca.crt, which the new CA ConfigMap would no longer hold, so the pods would not start"
        )
        #expect(throws: Never.self) { try Self.generate([earlier, later], resource: first) }
    }

    @Test func aResourceWithoutNamespaceGetsThePlansNamespace() throws {
        var resource = Self.resource()
        resource["metadata"] = ["name": "central"]
        let set = try Self.generate(
            [RemoteSetup(alias: "a", type: .ech, proxyAddress: "a.example.net:9443")], resource: resource)
        let merged = try #require(set.artifact(named: "local-elasticsearch.yaml")?.object)
        #expect(merged[path: ["metadata", "namespace"]] == "search")
    }
}

/// `ArtifactChecks` passes generated sets and names the file and path of a broken object.
@Suite struct ArtifactChecksTests {
    @Test func generatedSetsPassAndBrokenObjectsAreNamed() throws {
        let remote = RemoteSetup(alias: "a", type: .ech, proxyAddress: "a.example.net:9443")
        var set = try ArtifactRulesTests.generate([remote])
        #expect(ArtifactChecks.violations(in: set).isEmpty)
        #expect(ArtifactChecks.violations(in: set, elasticsearchSchema: ManifestChecks.validator()).isEmpty)
        let index = try #require(
            set.artifacts.firstIndex { $0.fileName == "local-remote-cluster-credentials-secret.yaml" })
        set.artifacts[index].object?["metadata"]?["name"] = "Not_A_Name"
        let esIndex = try #require(set.artifacts.firstIndex { $0.fileName == "local-elasticsearch.yaml" })
        set.artifacts[esIndex].object?["spec"]?["nodeSets"] = [["count": "three"]]
        let paths = ArtifactChecks.violations(in: set).map(\.path)
        #expect(
            paths == [
                "local-remote-cluster-credentials-secret.yaml: metadata.name",
                "local-elasticsearch.yaml: spec.nodeSets[0].name", "local-elasticsearch.yaml: spec.nodeSets[0].count",
            ])
    }
}
