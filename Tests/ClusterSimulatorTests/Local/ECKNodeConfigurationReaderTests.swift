import Foundation
import RemoteClusterKit
import Testing

@testable import ClusterSimulator

/// What the local pods start with, read from the ECK `Elasticsearch` resource and its Secrets and ConfigMaps.
@Suite struct ECKNodeConfigurationReaderTests {
    static let elasticsearch: JSONValue = [
        "apiVersion": "elasticsearch.k8s.elastic.co/v1", "kind": "Elasticsearch",
        "metadata": ["name": "local"],
        "spec": [
            "version": "9.1.0",
            "secureSettings": [["secretName": "remote-api-keys"]],
            "nodeSets": [[
                "name": "default", "count": 1,
                "config": ["xpack": ["security": ["remote_cluster_client": ["ssl": [
                    "enabled": true, "certificate_authorities": ["remote-certs/remote-cluster-ca.crt"],
                ]]]]],
                "podTemplate": ["spec": [
                    "containers": [["name": "elasticsearch", "volumeMounts": [
                        ["name": "remote-ca", "mountPath": "/usr/share/elasticsearch/config/remote-certs"],
                    ]]],
                    "volumes": [["name": "remote-ca", "configMap": ["name": "remote-ca"]]],
                ]],
            ]],
        ],
    ]

    static func objects(_ kind: String, _ name: String) -> JSONValue? {
        switch (kind, name) {
        case ("secret", "remote-api-keys"):
            return ["kind": "Secret", "data": ["cluster.remote.my-remote.credentials": .string(Data("ZW5jb2RlZA==".utf8).base64EncodedString())]]
        case ("configmap", "remote-ca"):
            return ["kind": "ConfigMap", "data": ["remote-cluster-ca.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"]]
        default:
            return nil
        }
    }

    @Test func readsKeystoreSettingsAndMountedCA() throws {
        let configuration = try ECKNodeConfigurationReader.nodeConfiguration(elasticsearch: Self.elasticsearch, lookup: Self.objects)
        #expect(configuration.keystore.credentials(for: "my-remote")?.revealed == "ZW5jb2RlZA==")
        #expect(configuration.keystore.remoteCredentials.keys.sorted() == ["my-remote"])
        #expect(configuration.nodeSettings["xpack.security.remote_cluster_client.ssl.certificate_authorities"]
            == .list(["remote-certs/remote-cluster-ca.crt"]))
        let ssl = try configuration.remoteClusterClientSSL()
        #expect(ssl.certificateAuthorityPaths == ["/usr/share/elasticsearch/config/remote-certs/remote-cluster-ca.crt"])
        #expect(ssl.certificateAuthoritiesPEM.first?.hasPrefix("-----BEGIN CERTIFICATE-----") == true)
        #expect(ssl.contextDescription
            == "xpack.security.remote_cluster_client.ssl (with trust configuration: PEM-trust{/usr/share/elasticsearch/config/remote-certs/remote-cluster-ca.crt})")
    }

    @Test func aCAFileThatIsNotMountedStopsTheNodeFromStarting() throws {
        var resource = Self.elasticsearch
        resource = SimulatedJSON.removing(path: ["spec", "nodeSets"], from: resource)
        resource["spec"]?["nodeSets"] = [["name": "default", "config": [
            "xpack.security.remote_cluster_client.ssl.certificate_authorities": ["remote-certs/ca.crt"],
        ]]]
        let configuration = try ECKNodeConfigurationReader.nodeConfiguration(elasticsearch: resource, lookup: Self.objects)
        #expect(throws: NodeStartupError(reason:
            "failed to load SSL configuration [xpack.security.remote_cluster_client.ssl] - cannot read configured [PEM] certificate authorities file [/usr/share/elasticsearch/config/remote-certs/ca.crt] because the file does not exist")) {
            _ = try configuration.remoteClusterClientSSL()
        }
    }

    @Test func aMissingSecureSettingsSecretIsReported() {
        #expect(throws: NodeStartupError.self) {
            _ = try ECKNodeConfigurationReader.nodeConfiguration(elasticsearch: Self.elasticsearch) { _, _ in nil }
        }
    }

    @Test func withoutCAsTheSystemStoreIsUsed() throws {
        let ssl = try RemoteClusterClientSSL.load(nodeSettings: [:], files: [:])
        #expect(ssl.usesSystemTrust)
        #expect(ssl.enabled)
        #expect(ssl.contextDescription == "xpack.security.remote_cluster_client.ssl (with trust configuration: JDK-trusted-certs)")
    }
}

/// Small JSON edits for tests.
enum SimulatedJSON {
    static func removing(path: [String], from value: JSONValue) -> JSONValue {
        guard let head = path.first, var members = value.objectValue else { return value }
        if path.count == 1 { members[head] = nil } else if let child = members[head] {
            members[head] = removing(path: Array(path.dropFirst()), from: child)
        }
        return .object(members)
    }
}
