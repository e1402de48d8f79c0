import Foundation
import Testing
@testable import RemoteClusterKit

/// Merging the remote-cluster change into existing `Elasticsearch` resources keeps everything the
/// operator had, reaches every nodeSet, and changes nothing when run twice.
@Suite struct ElasticsearchMergeTests {
    static let change = LocalElasticsearchChange(
        secureSettingsSecret: "central-remote-cluster-credentials",
        certificateAuthorities: ["remote-cluster-cas/eu-logs-ca.crt"], caConfigMap: "central-remote-cluster-cas")

    static func resource(_ yaml: String) throws -> JSONValue { try JSONValue.parseYAML(yaml) }

    static let twoNodeSets = """
        apiVersion: elasticsearch.k8s.elastic.co/v1
        kind: Elasticsearch
        metadata: {name: central, namespace: search}
        spec:
          version: 9.1.3
          secureSettings:
          - secretName: gcs-credentials
          - secretName: central-remote-cluster-credentials
            entries: [{key: "cluster.remote.old.credentials"}]
          nodeSets:
          - name: masters
            count: 3
          - name: data
            count: 5
            config:
              xpack.security.remote_cluster_client.ssl.certificate_authorities: ["other/ca.crt"]
              node.roles: [data]
            podTemplate:
              spec:
                containers:
                - name: elasticsearch
                  env: [{name: ES_JAVA_OPTS, value: "-Xms2g -Xmx2g"}]
                  volumeMounts:
                  - {name: other, mountPath: /usr/share/elasticsearch/config/other}
                - name: sidecar
                  image: busybox
                volumes:
                - name: other
                  secret: {secretName: other-ca}
        """

    @Test func keepsExistingSecureSettingsAndAddsOneEntry() throws {
        var change = Self.change
        change.secureSettingsSecret = "central-remote-cluster-credentials-2"
        let (merged, report) = try ElasticsearchResourceMerge.merge(Self.resource(Self.twoNodeSets), with: change)
        let entries = merged[path: ["spec", "secureSettings"]]?.arrayValue ?? []
        #expect(
            entries.compactMap { $0["secretName"]?.stringValue }
                == ["gcs-credentials", "central-remote-cluster-credentials", "central-remote-cluster-credentials-2"])
        #expect(entries[1]["entries"] != nil, "an existing entry keeps its projection")
        #expect(report.addedSecureSettings)
    }

    @Test func existingEntryForTheSecretIsNotDuplicated() throws {
        let (merged, report) = try ElasticsearchResourceMerge.merge(Self.resource(Self.twoNodeSets), with: Self.change)
        #expect(merged[path: ["spec", "secureSettings"]]?.arrayValue?.count == 2)
        #expect(!report.addedSecureSettings)
    }

    @Test func everyNodeSetGetsTLSCAVolumeAndMount() throws {
        let (merged, report) = try ElasticsearchResourceMerge.merge(Self.resource(Self.twoNodeSets), with: Self.change)
        let nodeSets = try #require(merged[path: ["spec", "nodeSets"]]?.arrayValue)
        #expect(report.nodeSetNames == ["masters", "data"])
        #expect(report.podCount == 8)
        for nodeSet in nodeSets {
            let config = nodeSet["config"] ?? [:]
            #expect(ConfigSettingPath.value(of: "xpack.security.remote_cluster_client.ssl.enabled", in: config) == true)
            let cas = ElasticsearchResourceMerge.listEntries(
                ConfigSettingPath.value(
                    of: "xpack.security.remote_cluster_client.ssl.certificate_authorities", in: config))
            #expect(cas.contains("remote-cluster-cas/eu-logs-ca.crt"))
            let volumes = nodeSet[path: ["podTemplate", "spec", "volumes"]]?.arrayValue ?? []
            #expect(
                volumes.contains(["name": "remote-cluster-cas", "configMap": ["name": "central-remote-cluster-cas"]]))
            let container = nodeSet[path: ["podTemplate", "spec", "containers"]]?.arrayValue?.first {
                $0["name"] == "elasticsearch"
            }
            let mounts = container?["volumeMounts"]?.arrayValue ?? []
            #expect(
                mounts.contains([
                    "name": "remote-cluster-cas", "mountPath": "/usr/share/elasticsearch/config/remote-cluster-cas",
                    "readOnly": true,
                ]))
        }
        let masters = nodeSets[0]
        #expect(
            masters[path: ["podTemplate", "spec", "containers"]]?.arrayValue == [
                [
                    "name": "elasticsearch",
                    "volumeMounts": [
                        [
                            "name": "remote-cluster-cas",
                            "mountPath": "/usr/share/elasticsearch/config/remote-cluster-cas", "readOnly": true,
                        ]
                    ],
                ]
            ], "a missing elasticsearch container entry is created")
        #expect(
            masters["config"] == [
                "xpack": [
                    "security": [
                        "remote_cluster_client": [
                            "ssl": [
                                "enabled": true, "certificate_authorities": ["remote-cluster-cas/eu-logs-ca.crt"],
                            ]
                        ]
                    ]
                ]
            ],
            "a nodeSet without config gets the nested form")
    }

    @Test func keepsExistingVolumesMountsContainersAndFlatConfigKeys() throws {
        let (merged, _) = try ElasticsearchResourceMerge.merge(Self.resource(Self.twoNodeSets), with: Self.change)
        let data = try #require(merged[path: ["spec", "nodeSets"]]?.arrayValue?[1])
        let config = try #require(data["config"]?.objectValue)
        #expect(
            Array(config.keys) == [
                "xpack.security.remote_cluster_client.ssl.certificate_authorities", "node.roles",
                "xpack.security.remote_cluster_client.ssl.enabled",
            ], "flat config stays flat and no setting appears twice")
        #expect(
            config["xpack.security.remote_cluster_client.ssl.certificate_authorities"]
                == ["other/ca.crt", "remote-cluster-cas/eu-logs-ca.crt"], "existing CAs are kept, ours appended")
        let spec = try #require(data[path: ["podTemplate", "spec"]])
        #expect(spec["volumes"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["other", "remote-cluster-cas"])
        let containers = try #require(spec["containers"]?.arrayValue)
        #expect(containers.compactMap { $0["name"]?.stringValue } == ["elasticsearch", "sidecar"])
        #expect(containers[0]["env"] == [["name": "ES_JAVA_OPTS", "value": "-Xms2g -Xmx2g"]])
        #expect(
            containers[0]["volumeMounts"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == [
                "other", "remote-cluster-cas",
            ])
        #expect(containers[1] == ["name": "sidecar", "image": "busybox"])
    }

    @Test func mixedNestedAndDottedKeysAreUpdatedInPlace() throws {
        let yaml = """
            kind: Elasticsearch
            apiVersion: elasticsearch.k8s.elastic.co/v1
            metadata: {name: c}
            spec:
              nodeSets:
              - name: a
                count: 1
                config:
                  xpack.security:
                    remote_cluster_client.ssl:
                      enabled: false
              - name: b
                count: 1
                config:
                  xpack:
                    security:
                      authc: {anonymous: {roles: []}}
            """
        let (merged, report) = try ElasticsearchResourceMerge.merge(Self.resource(yaml), with: Self.change)
        let nodeSets = try #require(merged[path: ["spec", "nodeSets"]]?.arrayValue)
        #expect(
            nodeSets[0]["config"] == [
                "xpack.security": [
                    "remote_cluster_client.ssl": [
                        "enabled": true, "certificate_authorities": ["remote-cluster-cas/eu-logs-ca.crt"],
                    ]
                ]
            ])
        #expect(
            nodeSets[1]["config"] == [
                "xpack": [
                    "security": [
                        "authc": ["anonymous": ["roles": []]],
                        "remote_cluster_client": [
                            "ssl": ["enabled": true, "certificate_authorities": ["remote-cluster-cas/eu-logs-ca.crt"]]
                        ],
                    ]
                ]
            ])
        #expect(report.tlsWasDisabledNodeSets == ["a"])
    }

    @Test func commaSeparatedCAStringIsExtended() throws {
        var config: JSONValue = ["xpack.security.remote_cluster_client.ssl.certificate_authorities": "a.crt, b.crt"]
        #expect(
            ElasticsearchResourceMerge.listEntries(
                config["xpack.security.remote_cluster_client.ssl.certificate_authorities"]) == ["a.crt", "b.crt"])
        ConfigSettingPath.set(
            "xpack.security.remote_cluster_client.ssl.certificate_authorities", to: ["a.crt"], in: &config)
        #expect(config == ["xpack.security.remote_cluster_client.ssl.certificate_authorities": ["a.crt"]])
    }

    @Test func runningTwiceChangesNothing() throws {
        for yaml in [Self.twoNodeSets, try TestPaths.fixtureText("local-elasticsearch.yaml")] {
            let (once, first) = try ElasticsearchResourceMerge.merge(
                ServerSetFields.strip(Self.resource(yaml)), with: Self.change)
            let (twice, second) = try ElasticsearchResourceMerge.merge(once, with: Self.change)
            #expect(twice == once)
            #expect(first.changesAnything)
            #expect(!second.changesAnything)
        }
    }

    @Test func mergedResourcesMatchTheCRD() throws {
        let publicOnly = LocalElasticsearchChange(secureSettingsSecret: "central-remote-cluster-credentials")
        for yaml in [Self.twoNodeSets, try TestPaths.fixtureText("local-elasticsearch.yaml")] {
            for change in [Self.change, publicOnly] {
                let (merged, _) = try ElasticsearchResourceMerge.merge(
                    ServerSetFields.strip(Self.resource(yaml)), with: change)
                let found = ManifestChecks.violations(of: merged)
                #expect(found.isEmpty, "\(found)")
            }
        }
    }

    @Test func publicCAsOnlyEnableTLS() throws {
        let change = LocalElasticsearchChange(secureSettingsSecret: "s")
        let (merged, report) = try ElasticsearchResourceMerge.merge(Self.resource(Self.twoNodeSets), with: change)
        let masters = try #require(merged[path: ["spec", "nodeSets"]]?.arrayValue?[0])
        #expect(masters["config"] == ["xpack": ["security": ["remote_cluster_client": ["ssl": ["enabled": true]]]]])
        #expect(masters["podTemplate"] == nil)
        #expect(report.podTemplateChangedNodeSets.isEmpty)
    }

    @Test func refusesWhatIsNotAnElasticsearchResource() throws {
        #expect(throws: ArtifactError.self) {
            try ElasticsearchResourceMerge.merge(["kind": "Kibana", "spec": [:]], with: Self.change)
        }
        #expect(throws: ArtifactError.self) {
            try ElasticsearchResourceMerge.merge(
                ["kind": "Elasticsearch", "spec": ["version": "9.1.0"]], with: Self.change)
        }
    }

    @Test func serverSetFieldsAreDropped() throws {
        let stripped = ServerSetFields.strip(try Self.resource(TestPaths.fixtureText("local-elasticsearch.yaml")))
        #expect(stripped["status"] == nil)
        let metadata = try #require(stripped["metadata"]?.objectValue)
        #expect(Array(metadata.keys) == ["annotations", "name", "namespace"])
        #expect(metadata["annotations"] == ["elasticsearch.k8s.elastic.co/cluster-uuid": "3UGnb6SXTbq6n9oqN5hJpQ"])
    }

    @Test func tlsEnabledAsTheStringTrueIsLeftAsItIs() throws {
        let yaml = """
            kind: Elasticsearch
            metadata: {name: central}
            spec:
              secureSettings: [{secretName: s}]
              nodeSets:
              - name: data
                count: 2
                config: {xpack.security.remote_cluster_client.ssl.enabled: "true"}
            """
        let (merged, report) = try ElasticsearchResourceMerge.merge(
            Self.resource(yaml), with: LocalElasticsearchChange(secureSettingsSecret: "s"))
        #expect(merged == (try Self.resource(yaml)))
        #expect(!report.changesAnything, "rewriting \"true\" as true would roll the pods for nothing")
    }

    @Test func anOperatorsVolumeWithTheWizardsNameIsNotOverwritten() throws {
        let yaml = """
            kind: Elasticsearch
            metadata: {name: central}
            spec:
              nodeSets:
              - name: masters
                count: 3
              - name: data
                count: 2
                podTemplate:
                  spec:
                    volumes:
                    - {name: other, emptyDir: {}}
                    - {name: remote-cluster-cas, secret: {secretName: mine}}
            """
        let error = try #require(throws: ArtifactError.self) {
            try ElasticsearchResourceMerge.merge(Self.resource(yaml), with: Self.change)
        }
        #expect(error.problem.hasPrefix("spec.nodeSets[1].podTemplate.spec.volumes[1] is already named remote-cluster-cas"))
        #expect(error.fix.contains("Rename that volume"))
    }

    /// A resource with one nodeSet `data` whose pod spec is `podSpec`.
    static func oneNodeSet(podSpec: JSONValue) -> JSONValue {
        [
            "kind": "Elasticsearch", "metadata": ["name": "central"],
            "spec": ["nodeSets": [["name": "data", "count": 2, "podTemplate": ["spec": podSpec]]]],
        ]
    }

    static func mounts(_ mounts: JSONValue) -> JSONValue {
        ["containers": [["name": "elasticsearch", "volumeMounts": mounts]]]
    }

    @Test func anOperatorsMountAtTheCAPathIsAnError() throws {
        let resource = Self.oneNodeSet(
            podSpec: Self.mounts([["name": "mine", "mountPath": "/usr/share/elasticsearch/config/remote-cluster-cas"]]))
        let error = try #require(throws: ArtifactError.self) {
            try ElasticsearchResourceMerge.merge(resource, with: Self.change)
        }
        #expect(
            error.problem
                == "spec.nodeSets[0].podTemplate.spec.containers[0].volumeMounts[0] already mounts mine at /usr/share/elasticsearch/config/remote-cluster-cas"
        )
    }

    @Test func theWizardsOwnVolumeIsKeptAndItsMountMoved() throws {
        var podSpec = Self.mounts([["name": "remote-cluster-cas", "mountPath": "/old/place"]])
        podSpec["volumes"] = [
            ["name": "remote-cluster-cas", "configMap": ["name": "central-remote-cluster-cas", "defaultMode": 420]]
        ]
        let (merged, report) = try ElasticsearchResourceMerge.merge(Self.oneNodeSet(podSpec: podSpec), with: Self.change)
        let spec = try #require(merged[path: ["spec", "nodeSets"]]?.arrayValue?[0][path: ["podTemplate", "spec"]])
        #expect(
            spec["volumes"] == [
                ["name": "remote-cluster-cas", "configMap": ["name": "central-remote-cluster-cas", "defaultMode": 420]]
            ])
        #expect(
            spec["containers"]?.arrayValue?[0]["volumeMounts"] == [
                ["name": "remote-cluster-cas", "mountPath": "/usr/share/elasticsearch/config/remote-cluster-cas"]
            ])
        #expect(report.podTemplateChangedNodeSets == ["data"])
    }
}
