/// Checks generated Kubernetes objects before anyone applies them.
public enum ArtifactChecks {
    /// The violations in every manifest of `set`, prefixed with the file name: Secrets and
    /// ConfigMaps against their core shapes, `Elasticsearch` objects against `elasticsearchSchema`
    /// when given (the ECK CRD's v1 schema), else against the basics (name, nodeSets with names).
    public static func violations(in set: ArtifactSet, elasticsearchSchema: ManifestSchemaValidator? = nil)
        -> [SchemaViolation]
    {
        var found: [SchemaViolation] = []
        for artifact in set.artifacts where artifact.kind == .kubernetesManifest {
            guard let object = artifact.object else { continue }
            let violations: [SchemaViolation]
            switch object["kind"]?.stringValue {
            case "Secret"?: violations = CoreObjectShapes.validateSecret(object)
            case "ConfigMap"?: violations = CoreObjectShapes.validateConfigMap(object)
            case "Elasticsearch"?:
                violations = elasticsearchSchema?.validate(object) ?? elasticsearchBasics(object)
            default: violations = [SchemaViolation(path: "kind", problem: "is not a kind the wizard generates")]
            }
            found += violations.map {
                SchemaViolation(path: "\(artifact.fileName): \($0.path)", problem: $0.problem)
            }
        }
        return found
    }

    static func elasticsearchBasics(_ object: JSONValue) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        if let name = object[path: ["metadata", "name"]]?.stringValue {
            if !CoreObjectShapes.isDNSSubdomain(name) {
                found.append(SchemaViolation(path: "metadata.name", problem: "\"\(name)\" is not a valid name"))
            }
        } else {
            found.append(SchemaViolation(path: "metadata.name", problem: "is required"))
        }
        for (index, nodeSet) in (object[path: ["spec", "nodeSets"]]?.arrayValue ?? []).enumerated() {
            if nodeSet["name"]?.stringValue == nil {
                found.append(SchemaViolation(path: "spec.nodeSets[\(index)].name", problem: "is required"))
            }
            if let count = nodeSet["count"], count.intValue == nil {
                found.append(SchemaViolation(path: "spec.nodeSets[\(index)].count", problem: "must be an integer"))
            }
        }
        return found
    }
}
