import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

extension KubernetesAPISuites {
    /// The kubectl commands the procedure and the wizard use, run with the real kubectl against the
    /// simulated API server (`simulate`'s kubeconfig), with what kubectl prints.
    @Suite(.serialized, .stopsResources, .enabled(if: Kubectl.isAvailable, "\(Kubectl.missing)"))
    struct KubectlVerbTests {
        static func start() async throws -> SimulatedEnvironment {
            let environment = try await Kubectl.environment()
            TestCleanup.add { await environment.shutdown() }
            return environment
        }

        static func kubectl(_ environment: SimulatedEnvironment, _ arguments: String..., stdin: String? = nil)
            async throws
            -> ProcessResult
        {
            try await Kubectl.run(arguments, in: environment, stdin: stdin)
        }

        @Test func applyFromStdinAndReadBackWithJSONJSONPathAndGoTemplate() async throws {
            let environment = try await Self.start()
            let manifest = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: remote-api-keys
                type: Opaque
                stringData:
                  cluster.remote.r.credentials: c2VjcmV0
                """
            let created = try await Self.kubectl(environment, "apply", "-f", "-", stdin: manifest)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout == "secret/remote-api-keys created\n")
            let json = try await Self.kubectl(environment, "get", "secret", "remote-api-keys", "-o", "json")
            let object = try JSONValue.parse(json.stdout)
            #expect(object[path: ["metadata", "namespace"]] == "default")
            #expect(
                object[path: ["data", "cluster.remote.r.credentials"]]
                    == .string(Data("c2VjcmV0".utf8).base64EncodedString()))
            let path = try await Self.kubectl(environment, "get", "secret", "remote-api-keys", "-o", "jsonpath={.type}")
            #expect(path.stdout == "Opaque")
            let template = try await Self.kubectl(
                environment, "--context", "sim-remote", "get", "secret", "remote-es-transport-certs-public", "-o",
                #"go-template={{index .data "ca.crt" | base64decode}}"#)
            #expect(template.stdout == environment.remote.transportCA.certificatePEM)
            // stringData is never stored, so kubectl patches it every time ("configured"); the server
            // sees nothing to change and keeps the resource version, as a real API server does.
            let version = object[path: ["metadata", "resourceVersion"]]
            let again = try await Self.kubectl(environment, "apply", "-f", "-", stdin: manifest)
            #expect(again.stdout == "secret/remote-api-keys configured\n")
            let reread = try JSONValue.parse(
                try await Self.kubectl(environment, "get", "secret", "remote-api-keys", "-o", "json").stdout)
            #expect(reread[path: ["metadata", "resourceVersion"]] == version)
            let table = try await Self.kubectl(environment, "get", "secrets")
            #expect(table.stdout.hasPrefix("NAME                         TYPE     DATA   AGE\n"), "\(table.stdout)")
            #expect(table.stdout.contains("remote-api-keys "))
        }

        @Test func createDryRunClientYAMLPipesIntoApply() async throws {
            let environment = try await Self.start()
            let caFile = environment.directory + "/ca-for-test.crt"
            try environment.remote.transportCA.certificatePEM.write(toFile: caFile, atomically: true, encoding: .utf8)
            let yaml = try await Self.kubectl(
                environment, "create", "configmap", "remote-ca", "--from-file=remote-cluster-ca.crt=\(caFile)",
                "--dry-run=client", "-o", "yaml")
            #expect(yaml.status == 0, "\(yaml.stderr)")
            #expect(yaml.stdout.contains("kind: ConfigMap") && yaml.stdout.contains("remote-cluster-ca.crt: |"))
            let applied = try await Self.kubectl(environment, "apply", "-f", "-", stdin: yaml.stdout)
            #expect(applied.stdout == "configmap/remote-ca created\n")
            let secret = try await Self.kubectl(
                environment, "create", "secret", "generic", "remote-api-keys",
                "--from-literal=cluster.remote.r.credentials=abc", "--dry-run=client", "-o", "yaml")
            #expect(secret.stdout.contains("kind: Secret"))
            #expect(
                try await Self.kubectl(environment, "apply", "-f", "-", stdin: secret.stdout).stdout
                    == "secret/remote-api-keys created\n")
            let stored = try #require(
                environment.kubernetes.object(
                    kind: "configmap", name: "remote-ca", in: SimulatedEnvironment.localLocation))
            #expect(
                stored[path: ["data", "remote-cluster-ca.crt"]]?.stringValue
                    == environment.remote.transportCA.certificatePEM)
            // Without --dry-run kubectl sends protobuf, which the server reads too.
            let direct = try await Self.kubectl(environment, "create", "configmap", "other", "--from-literal=a=b")
            #expect(direct.stdout == "configmap/other created\n", "\(direct.stderr)")
            let taken = try await Self.kubectl(environment, "create", "configmap", "other", "--from-literal=a=b")
            #expect(taken.status != 0)
            #expect(taken.stderr.contains(#"configmaps "other" already exists"#), "\(taken.stderr)")
        }

        @Test func patchInEveryFormat() async throws {
            let environment = try await Self.start()
            let remote = ["--context", "sim-remote"]
            let merge = try await Kubectl.run(
                remote + [
                    "patch", "elasticsearch", "remote", "--type", "merge", "-p",
                    #"{"spec":{"remoteClusterServer":{"enabled":false}}}"#,
                ],
                in: environment)
            #expect(merge.stdout == "elasticsearch.elasticsearch.k8s.elastic.co/remote patched\n", "\(merge.stderr)")
            let strategicOnCRD = try await Kubectl.run(
                remote + ["patch", "es", "remote", "-p", #"{"spec":{"version":"9.1.1"}}"#], in: environment)
            #expect(strategicOnCRD.status != 0)
            #expect(
                strategicOnCRD.stderr.contains(
                    "application/strategic-merge-patch+json is not supported by elasticsearch.k8s.elastic.co/v1, Kind=Elasticsearch"
                ))
            let strategic = try await Kubectl.run(
                remote + [
                    "patch", "service", "remote-es-http", "-p", #"{"spec":{"ports":[{"port":9200,"name":"web"}]}}"#,
                ],
                in: environment)
            #expect(strategic.stdout == "service/remote-es-http patched\n", "\(strategic.stderr)")
            let json = try await Kubectl.run(
                remote + [
                    "patch", "service", "remote-es-http", "--type", "json", "-p",
                    #"[{"op":"add","path":"/metadata/labels/team","value":"search"}]"#,
                ],
                in: environment)
            #expect(json.status == 0, "\(json.stderr)")
            let service = try #require(
                environment.kubernetes.object(
                    kind: "service", name: "remote-es-http", in: environment.remoteContext.location))
            #expect(service[path: ["spec", "ports"]]?.arrayValue?.count == 1, "the port merged by its key")
            #expect(service[path: ["spec", "ports"]]?.arrayValue?.first?["name"] == "web")
            #expect(service[path: ["metadata", "labels", "team"]] == "search")
        }

        /// `kubectl apply --server-side` creates, then updates what the applied object names, for a
        /// built-in kind and for the Elasticsearch resource (whose nodeSets list is atomic).
        @Test func serverSideApplyCreatesAndUpdates() async throws {
            let environment = try await Self.start()
            let configMap = { (value: String) in
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: applied
                  namespace: default
                data:
                  a: "\(value)"
                """
            }
            let created = try await Self.kubectl(
                environment, "apply", "--server-side", "-f", "-", stdin: configMap("1"))
            #expect(created.stdout == "configmap/applied serverside-applied\n", "\(created.stderr)")
            let updated = try await Self.kubectl(
                environment, "apply", "--server-side", "-f", "-", stdin: configMap("2"))
            #expect(updated.status == 0, "\(updated.stderr)")
            let read = try await Self.kubectl(environment, "get", "configmap", "applied", "-o", "jsonpath={.data.a}")
            #expect(read.stdout == "2")

            let resource = """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata:
                  name: local
                  namespace: default
                spec:
                  version: 8.17.0
                  nodeSets:
                  - name: default
                    count: 1
                    config:
                      node.roles: [master, data, remote_cluster_client]
                """
            let dryRun = try await Self.kubectl(
                environment, "apply", "--server-side", "--dry-run=server", "-f", "-", stdin: resource)
            #expect(
                dryRun.stdout
                    == "elasticsearch.elasticsearch.k8s.elastic.co/local serverside-applied (server dry run)\n",
                "\(dryRun.stderr)")
            let before = try #require(
                environment.kubernetes.object(
                    kind: "elasticsearch", name: "local", in: SimulatedEnvironment.localLocation))
            let applied = try await Self.kubectl(environment, "apply", "--server-side", "-f", "-", stdin: resource)
            #expect(applied.status == 0, "\(applied.stderr)")
            let after = try #require(
                environment.kubernetes.object(
                    kind: "elasticsearch", name: "local", in: SimulatedEnvironment.localLocation))
            #expect(after[path: ["spec", "nodeSets"]]?.arrayValue?.count == 1)
            #expect(
                after[path: ["spec", "nodeSets"]]?.arrayValue?.first?[path: ["config", "node.roles"]]?.arrayValue?.count
                    == 3)
            #expect(
                after[path: ["metadata", "generation"]]?.intValue
                    == (before[path: ["metadata", "generation"]]?.intValue ?? 0) + 1)
            let invalid = try await Self.kubectl(
                environment, "apply", "--server-side", "-f", "-",
                stdin: resource.replacingOccurrences(of: "count: 1", with: "count: many"))
            #expect(invalid.status != 0)
            #expect(invalid.stderr.contains("spec.nodeSets[0].count"), "\(invalid.stderr)")
        }

        @Test func exposeWaitAndDelete() async throws {
            let environment = try await Self.start()
            let remote = ["--context", "sim-remote"]
            let expose = try await Kubectl.run(
                remote + [
                    "expose", "service", "remote-es-remote-cluster", "--name=remote-es-remote-cluster-lb",
                    "--type=LoadBalancer", "--port=9443", "--target-port=9443",
                ], in: environment)
            #expect(expose.stdout == "service/remote-es-remote-cluster-lb exposed\n", "\(expose.stderr)")
            let address = try await Kubectl.run(
                remote + [
                    "get", "svc", "remote-es-remote-cluster-lb", "-o",
                    "jsonpath={.status.loadBalancer.ingress[0].ip}:{.spec.ports[0].port}",
                ],
                in: environment)
            #expect(address.stdout == "127.0.0.1:9443")
            _ = try await Kubectl.run(
                remote + [
                    "patch", "es", "remote", "--type", "merge", "-p",
                    #"{"spec":{"remoteClusterServer":{"enabled":false}}}"#,
                ],
                in: environment)
            let wait = try await Kubectl.run(
                remote + ["wait", "--for=jsonpath={.status.phase}=Ready", "elasticsearch/remote", "--timeout=20s"],
                in: environment)
            #expect(
                wait.stdout == "elasticsearch.elasticsearch.k8s.elastic.co/remote condition met\n", "\(wait.stderr)")
            #expect(!environment.remote.isRemoteClusterServerEnabled)
            let deleted = try await Kubectl.run(
                remote + ["delete", "service", "remote-es-remote-cluster-lb"], in: environment)
            #expect(deleted.stdout == "service \"remote-es-remote-cluster-lb\" deleted\n")
            let gone = try await Kubectl.run(
                remote + ["get", "service", "remote-es-remote-cluster-lb"], in: environment)
            #expect(gone.stderr == "Error from server (NotFound): services \"remote-es-remote-cluster-lb\" not found\n")
        }

        @Test func invalidElasticsearchManifestsAreRefusedAsTheCRDSays() async throws {
            let environment = try await Self.start()
            let manifest = """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata:
                  name: bad
                spec:
                  version: 9
                  nodeSets:
                  - name: default
                    count: "three"
                """
            let refused = try await Self.kubectl(environment, "apply", "-f", "-", stdin: manifest)
            #expect(refused.status != 0)
            #expect(
                refused.stderr == """
                    The Elasticsearch "bad" is invalid: \n\
                    * spec.nodeSets[0].count: Invalid value: "string": spec.nodeSets[0].count in body must be of type integer: "string"
                    * spec.version: Invalid value: "integer": spec.version in body must be of type string: "integer"

                    """, "\(refused.stderr)")
            let wrongToken = try await ProcessRunner.run(
                Kubectl.path ?? "kubectl",
                ["--kubeconfig", environment.kubeconfig ?? "", "--token", "not-the-token", "get", "secrets"])
            // kubectl words a 401 after its own discovery request ("the server has asked for the
            // client to provide credentials") and a 401 to the request itself, whose Status it
            // decodes, differently; which one comes first depends on its discovery cache.
            let refusedLogins = [
                "error: You must be logged in to the server (the server has asked for the client to provide credentials)",
                "error: You must be logged in to the server (Unauthorized)",
            ]
            #expect(wrongToken.status != 0)
            #expect(refusedLogins.contains { wrongToken.stderr.contains($0) }, "\(wrongToken.stderr)")
        }
    }
}
