import Testing
@testable import RemoteClusterKit

/// The schema validator finds real mistakes, with paths, in Elasticsearch manifests (against the
/// ECK CRD) and in Secrets and ConfigMaps.
@Suite struct ManifestSchemaValidatorTests {
    static let valid: JSONValue = [
        "apiVersion": "elasticsearch.k8s.elastic.co/v1", "kind": "Elasticsearch", "metadata": ["name": "c"],
        "spec": ["version": "9.1.0", "nodeSets": [["name": "default", "count": 3, "config": ["a.b": true]]]],
    ]

    @Test func aValidManifestHasNoViolations() throws {
        let validator = try #require(ManifestChecks.validator())
        #expect(validator.validate(Self.valid) == [])
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        var field: String
        var value: JSONValue
        var path: String
        var words: String
        var testDescription: String { path }
    }

    static let mistakes: [Mistake] = [
        Mistake(field: "nodeSets", value: "all", path: "spec.nodeSets", words: "must be a list"),
        Mistake(field: "version", value: 9, path: "spec.version", words: "must be a string"),
        Mistake(
            field: "remoteClusterServer", value: ["enabled": "yes"], path: "spec.remoteClusterServer.enabled",
            words: "true or false"),
        Mistake(
            field: "remoteClusterServer", value: ["enable": true], path: "spec.remoteClusterServer.enable",
            words: "not a known field"),
        Mistake(
            field: "secureSettings", value: [["secret": "x"]], path: "spec.secureSettings[0].secretName",
            words: "is required"),
        Mistake(
            field: "remoteClusterServer",
            value: ["service": ["spec": ["ports": [["port": 9443, "targetPort": true]]]]],
            path: "spec.remoteClusterServer.service.spec.ports[0].targetPort", words: "integer or a string"),
        Mistake(
            field: "remoteClusterServer", value: ["service": ["spec": ["ports": [["port": 99_999_999_999]]]]],
            path: "spec.remoteClusterServer.service.spec.ports[0].port", words: "32 bits"),
    ]

    @Test(arguments: mistakes)
    func mistakesAreFoundWithTheirPath(_ mistake: Mistake) throws {
        let validator = try #require(ManifestChecks.validator())
        var manifest = Self.valid
        var spec = manifest["spec"] ?? [:]
        spec[mistake.field] = mistake.value
        manifest["spec"] = spec
        let found = validator.validate(manifest)
        #expect(found.contains { $0.path == mistake.path && $0.problem.contains(mistake.words) }, "\(found)")
    }

    @Test func missingNodeSetNameIsFound() throws {
        let validator = try #require(ManifestChecks.validator())
        var manifest = Self.valid
        manifest["spec"]?["nodeSets"] = [["count": 1]]
        #expect(
            validator.validate(manifest).contains(
                SchemaViolation(path: "spec.nodeSets[0].name", problem: "is required")))
    }

    @Test func secretAndConfigMapShapes() {
        let secret: JSONValue = [
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "Bad_Name", "namespace": "ns"],
            "stringData": ["cluster.remote.a.credentials": "x", "bad key": "y"], "data": ["k": "%%%"], "extra": 1,
        ]
        let paths = Set(CoreObjectShapes.validateSecret(secret).map(\.path))
        #expect(paths == ["metadata.name", "stringData.bad key", "data.k", "extra"])
        let configMap: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cas"],
            "data": ["a-ca.crt": "pem", "n": 1], "binaryData": ["a-ca.crt": "AAAA"],
        ]
        #expect(Set(CoreObjectShapes.validateConfigMap(configMap).map(\.path)) == ["data.n", "binaryData.a-ca.crt"])
        #expect(CoreObjectShapes.validateSecret(["kind": "Secret"]).map(\.path).contains("metadata.name"))
    }
}
