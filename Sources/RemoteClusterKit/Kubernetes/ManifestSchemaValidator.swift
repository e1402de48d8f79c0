import Foundation

/// One place where a manifest does not match its schema.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// The path in the manifest, e.g. `spec.nodeSets[0].count`.
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path.isEmpty ? "(document)" : path): \(problem)" }
}

/// Validates manifests against an OpenAPI v3 schema (the subset Kubernetes structural schemas
/// use) and against the shapes of core Kubernetes objects (Secret, ConfigMap).
///
/// Supported: `type`, `properties`, `required`, `items`, `additionalProperties` (bool or schema),
/// `enum`, `format` (int32, int64), `x-kubernetes-preserve-unknown-fields`,
/// `x-kubernetes-int-or-string`. Fields not in `properties` are errors unless unknown fields are
/// preserved, as the API server's strict field validation reports them.
public struct ManifestSchemaValidator: Sendable {
    public let schema: JSONValue

    public init(schema: JSONValue) { self.schema = schema }

    /// The validator for one version of a CustomResourceDefinition
    /// (`spec.versions[name].schema.openAPIV3Schema`).
    public init(customResourceDefinition crd: JSONValue, version: String) throws(SchemaLoadError) {
        guard let versions = crd[path: ["spec", "versions"]]?.arrayValue else {
            throw SchemaLoadError(reason: "the document has no spec.versions; is it a CustomResourceDefinition?")
        }
        guard let entry = versions.first(where: { $0["name"]?.stringValue == version }),
            let schema = entry[path: ["schema", "openAPIV3Schema"]]
        else {
            throw SchemaLoadError(reason: "the CustomResourceDefinition has no openAPIV3Schema for version \(version)")
        }
        self.schema = schema
    }

    /// Reads a CustomResourceDefinition YAML file and takes one version's schema.
    public init(customResourceDefinitionFile url: URL, version: String) throws(SchemaLoadError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw SchemaLoadError(reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
        let crd: JSONValue
        do { crd = try JSONValue.parseYAML(text) } catch { throw SchemaLoadError(reason: error.description) }
        try self.init(customResourceDefinition: crd, version: version)
    }

    /// Every violation in `document`; empty when it matches.
    public func validate(_ document: JSONValue) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        Self.check(document, against: schema, path: "", into: &violations)
        return violations
    }

    /// Validates `document` against the sub-schema at `schemaPath` of property names, e.g.
    /// `["spec", "remoteClusterServer"]` for a partial object such as a merge patch's member.
    public func validate(_ document: JSONValue, atProperty schemaPath: [String]) -> [SchemaViolation] {
        var node = schema
        var path = ""
        for name in schemaPath {
            guard let next = node[path: ["properties", name]] else {
                return [SchemaViolation(path: path, problem: "the schema has no property \(name)")]
            }
            node = next
            path = Self.join(path, name)
        }
        var violations: [SchemaViolation] = []
        Self.check(document, against: node, path: path, into: &violations)
        return violations
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func check(
        _ value: JSONValue, against schema: JSONValue, path: String, into violations: inout [SchemaViolation]
    ) {
        if value.isNull {
            if schema["nullable"]?.boolValue != true {
                violations.append(SchemaViolation(path: path, problem: "must not be null"))
            }
            return
        }
        if schema["x-kubernetes-int-or-string"]?.boolValue == true {
            if value.intValue == nil && value.stringValue == nil {
                violations.append(SchemaViolation(path: path, problem: "must be an integer or a string"))
            }
            return
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            let list = allowed.map { $0.jsonString() }.joined(separator: ", ")
            violations.append(SchemaViolation(path: path, problem: "must be one of \(list), not \(value.jsonString())"))
        }
        let preserveUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        switch schema["type"]?.stringValue {
        case "object"?:
            guard let members = value.objectValue else {
                violations.append(SchemaViolation(path: path, problem: "must be an object, not \(kindName(value))"))
                return
            }
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                violations.append(SchemaViolation(path: join(path, name), problem: "is required"))
            }
            let properties = schema["properties"]?.objectValue
            for (key, child) in members {
                if let propertySchema = properties?[key] {
                    check(child, against: propertySchema, path: join(path, key), into: &violations)
                } else if let additional = schema["additionalProperties"] {
                    if additional.boolValue == false {
                        violations.append(SchemaViolation(path: join(path, key), problem: "is not a known field"))
                    } else if additional.objectValue != nil {
                        check(child, against: additional, path: join(path, key), into: &violations)
                    }
                } else if properties != nil && !preserveUnknown {
                    violations.append(SchemaViolation(path: join(path, key), problem: "is not a known field"))
                }
            }
        case "array"?:
            guard let items = value.arrayValue else {
                violations.append(SchemaViolation(path: path, problem: "must be a list, not \(kindName(value))"))
                return
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    check(item, against: itemSchema, path: "\(path)[\(index)]", into: &violations)
                }
            }
        case "string"?:
            if value.stringValue == nil {
                violations.append(SchemaViolation(path: path, problem: "must be a string, not \(kindName(value))"))
            }
        case "integer"?:
            guard let number = value.intValue else {
                violations.append(SchemaViolation(path: path, problem: "must be an integer, not \(kindName(value))"))
                return
            }
            if schema["format"]?.stringValue == "int32", !(Int(Int32.min)...Int(Int32.max)).contains(number) {
                violations.append(SchemaViolation(path: path, problem: "must fit in 32 bits (int32)"))
            }
        case "number"?:
            if value.doubleValue == nil {
                violations.append(SchemaViolation(path: path, problem: "must be a number, not \(kindName(value))"))
            }
        case "boolean"?:
            if value.boolValue == nil {
                violations.append(SchemaViolation(path: path, problem: "must be true or false, not \(kindName(value))"))
            }
        default:
            break
        }
    }

    static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string(let text): return "the string \(JSONValue.quote(text))"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// Why a schema could not be loaded.
public struct SchemaLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "cannot load the schema: \(reason)" }
}
