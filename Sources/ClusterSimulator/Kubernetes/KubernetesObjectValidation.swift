import Foundation
import RemoteClusterKit

/// How the API server treats fields a schema does not declare (`?fieldValidation=`); kubectl
/// sends `Strict` unless told otherwise.
public enum FieldValidation: String, Sendable, Hashable {
    case strict = "Strict"
    case warn = "Warn"
    case ignore = "Ignore"
}

/// Checks objects the way an API server with the ECK CRD installed does before it stores them:
/// the CRD's structural schema for `Elasticsearch` (422 `Invalid`, unknown fields 400 under strict
/// validation or pruned otherwise), object names, and the top-level fields of the core kinds.
public struct KubernetesObjectValidation: Sendable {
    /// Schemas of custom resources, by resource name.
    let customResourceSchemas: [String: ManifestSchemaValidator]

    /// No CRD schema: custom resources are stored as sent (as with `x-kubernetes-preserve-unknown-fields`).
    public static let withoutSchemas = KubernetesObjectValidation(customResourceSchemas: [:])

    init(customResourceSchemas: [String: ManifestSchemaValidator]) {
        self.customResourceSchemas = customResourceSchemas
    }

    /// Loads the `Elasticsearch` CRD (a `CustomResourceDefinition` YAML file, version `v1`). The
    /// schema of a file is read once per process (the ECK CRD is large).
    public init(elasticsearchCRD url: URL) throws(SchemaLoadError) {
        let path = url.standardizedFileURL.path
        let validator: ManifestSchemaValidator
        if let cached = Self.loaded.current[path] {
            validator = cached
        } else {
            validator = try ManifestSchemaValidator(customResourceDefinitionFile: url, version: "v1")
            Self.loaded.withLock { $0[path] = validator }
        }
        self.init(customResourceSchemas: [KubernetesResourceType.elasticsearch.resource: validator])
    }

    /// The CRD schemas read so far, by file path.
    private static let loaded = LockedState<[String: ManifestSchemaValidator]>([:])

    /// Where `../shared/eck-reference` keeps the CRD: beside the working directory, or beside the
    /// repository checkout the executable was built in (the first folder above it with a
    /// `Package.swift`); nil when absent.
    public static func findElasticsearchCRD() -> URL? {
        let relative = "shared/eck-reference/elasticsearch.k8s.elastic.co_elasticsearches.yaml"
        var roots = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                roots.append(folder)
                break
            }
            folder.deleteLastPathComponent()
        }
        for root in roots {
            let candidate = root.deletingLastPathComponent().appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static let metadataFields: Set<String> = [
        "name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields", "selfLink",
    ]
    static let coreTopLevelFields: [String: Set<String>] = [
        "secrets": ["apiVersion", "kind", "metadata", "data", "stringData", "type", "immutable"],
        "configmaps": ["apiVersion", "kind", "metadata", "data", "binaryData", "immutable"],
        "services": ["apiVersion", "kind", "metadata", "spec", "status"],
    ]

    /// Checks an object about to be stored; returns it (pruned of undeclared fields unless those
    /// are refused) and the warnings for the `Warning` header.
    func check(_ object: JSONValue, type: KubernetesResourceType, fieldValidation: FieldValidation)
        throws(KubernetesAPIError) -> (object: JSONValue, warnings: [String])
    {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        var errors: [KubernetesAPIError.FieldError] = []
        var unknown: [String] = []
        if !CoreObjectShapes.isDNSSubdomain(name) {
            errors.append(
                .init(
                    reason: "FieldValueInvalid",
                    message:
                        "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                    field: "metadata.name"))
        }
        for key in object["metadata"]?.objectValue?.keys ?? [] where !Self.metadataFields.contains(key) {
            unknown.append("metadata.\(key)")
        }
        if let allowed = Self.coreTopLevelFields[type.resource] {
            for key in object.objectValue?.keys ?? [] where !allowed.contains(key) { unknown.append(key) }
        } else if let schema = customResourceSchemas[type.resource] {
            var withoutStatus = object
            if case .object(var members) = withoutStatus {
                members.removeValue(forKey: "status")
                withoutStatus = .object(members)
            }
            for violation in schema.validate(withoutStatus) {
                if violation.kind == .unknownField {
                    unknown.append(violation.path)
                } else {
                    errors.append(Self.fieldError(violation))
                }
            }
        }
        if fieldValidation == .strict && !unknown.isEmpty { throw .unknownFields(type, paths: unknown) }
        if !errors.isEmpty { throw .invalid(type, name: name, errors: errors) }
        var pruned = object
        for path in unknown { pruned = Self.removing(path, from: pruned) }
        return (pruned, fieldValidation == .warn ? unknown.map { "unknown field \"\($0)\"" } : [])
    }

    /// A schema violation in the API server's words.
    static func fieldError(_ violation: SchemaViolation) -> KubernetesAPIError.FieldError {
        let actual = violation.value.map(typeName) ?? "null"
        switch violation.kind {
        case .required:
            return .init(reason: "FieldValueRequired", message: "Required value", field: violation.path)
        case .wrongType(let expected):
            let wanted = expected == "integer-or-string" ? "integer,string" : expected
            return .init(
                reason: "FieldValueTypeInvalid",
                message:
                    "Invalid value: \"\(actual)\": \(violation.path) in body must be of type \(wanted): \"\(actual)\"",
                field: violation.path)
        case .notInEnum(let allowed):
            let value = violation.value.map(render) ?? "null"
            return .init(
                reason: "FieldValueNotSupported",
                message:
                    "Unsupported value: \(value): supported values: \(allowed.map(render).joined(separator: ", "))",
                field: violation.path)
        case .null:
            return .init(
                reason: "FieldValueInvalid",
                message: "Invalid value: \"null\": \(violation.path) in body must not be null",
                field: violation.path)
        case .unknownField, .other:
            return .init(
                reason: "FieldValueInvalid", message: "Invalid value: \(violation.problem)", field: violation.path)
        }
    }

    /// The OpenAPI type name of a JSON value, as the API server's messages use it.
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return value.intValue != nil ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    static func render(_ value: JSONValue) -> String {
        value.stringValue.map { "\"\($0)\"" } ?? value.jsonString()
    }

    /// `object` without the member at a validator path such as `spec.nodeSets[0].foo`.
    static func removing(_ path: String, from object: JSONValue) -> JSONValue {
        var components: [(key: String, index: Int?)] = []
        for part in path.split(separator: ".") {
            if let open = part.firstIndex(of: "["), let index = Int(part[part.index(after: open)...].dropLast()) {
                components.append((String(part[..<open]), index))
            } else {
                components.append((String(part), nil))
            }
        }
        return removing(components[...], from: object)
    }

    private static func removing(_ components: ArraySlice<(key: String, index: Int?)>, from value: JSONValue)
        -> JSONValue
    {
        guard let first = components.first, case .object(var members) = value, let child = members[first.key] else {
            return value
        }
        let rest = components.dropFirst()
        if let index = first.index {
            guard case .array(var items) = child, items.indices.contains(index) else { return value }
            if rest.isEmpty { return value }
            items[index] = removing(rest, from: items[index])
            members[first.key] = .array(items)
        } else if rest.isEmpty {
            members.removeValue(forKey: first.key)
        } else {
            members[first.key] = removing(rest, from: child)
        }
        return .object(members)
    }
}
