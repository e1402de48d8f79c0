import Foundation
import Testing
@testable import RemoteClusterKit

/// Validates generated Kubernetes objects: `Elasticsearch` against the ECK CRD's v1 schema from
/// `../shared/eck-reference`, Secrets and ConfigMaps against their core shapes.
enum ManifestChecks {
    /// The CRD schema validator, loaded once (the CRD is large).
    static let crdValidator: Result<ManifestSchemaValidator, SchemaLoadError> = Result { () throws(SchemaLoadError) in
        try ManifestSchemaValidator(customResourceDefinitionFile: TestPaths.elasticsearchCRD, version: "v1")
    }

    static func validator(sourceLocation: SourceLocation = #_sourceLocation) -> ManifestSchemaValidator? {
        switch crdValidator {
        case .success(let validator): return validator
        case .failure(let error):
            Issue.record(
                "the ECK CRD cannot be loaded from \(TestPaths.elasticsearchCRD.path): \(error)",
                sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The violations of one generated object, by its kind.
    static func violations(of object: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) -> [SchemaViolation]
    {
        switch object["kind"]?.stringValue {
        case "Elasticsearch"?: return validator(sourceLocation: sourceLocation)?.validate(object) ?? []
        case "Secret"?: return CoreObjectShapes.validateSecret(object)
        case "ConfigMap"?: return CoreObjectShapes.validateConfigMap(object)
        default:
            return [SchemaViolation(path: "kind", problem: "unexpected kind \(object["kind"]?.jsonString() ?? "none")")]
        }
    }

    /// Checks every manifest and patch of a set, and that each YAML text reads back as its object.
    static func checkAll(_ set: ArtifactSet, sourceLocation: SourceLocation = #_sourceLocation) {
        for artifact in set.artifacts {
            guard let object = artifact.object else { continue }
            switch artifact.kind {
            case .kubernetesManifest:
                let found = violations(of: object, sourceLocation: sourceLocation)
                #expect(found.isEmpty, "\(artifact.fileName): \(found)", sourceLocation: sourceLocation)
            case .kubernetesPatch:
                let server = object[path: ["spec", "remoteClusterServer"]] ?? .null
                let found =
                    validator(sourceLocation: sourceLocation)?.validate(
                        server, atProperty: ["spec", "remoteClusterServer"]) ?? []
                #expect(found.isEmpty, "\(artifact.fileName): \(found)", sourceLocation: sourceLocation)
            default:
                break
            }
            if [.kubernetesManifest, .kubernetesPatch, .elasticsearchYML].contains(artifact.kind) {
                #expect(
                    (try? JSONValue.parseYAML(artifact.text)) == object,
                    "\(artifact.fileName) does not read back as its object",
                    sourceLocation: sourceLocation)
            }
        }
    }
}
