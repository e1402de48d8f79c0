import Foundation

/// One place where a manifest does not match its schema.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// What kind of mismatch it is, for callers that word it their own way (the simulated API server).
    public enum Kind: Sendable, Hashable {
        case required
        /// The value has another JSON type than the schema's `type` (or `integer-or-string`).
        case wrongType(expected: String)
        /// The value is not one of the schema's `enum` values.
        case notInEnum(allowed: [JSONValue])
        /// The field is not declared in the schema.
        case unknownField
        case null
        /// Anything else (formats, shapes of core objects).
        case other
    }

    /// The path in the manifest, e.g. `spec.nodeSets[0].count`.
    public var path: String
    public var problem: String
    public var kind: Kind
    /// The offending value, when there is one.
    public var value: JSONValue?

    public init(path: String, problem: String, kind: Kind = .other, value: JSONValue? = nil) {
        self.path = path
        self.problem = problem
        self.kind = kind
        self.value = value
    }

    public var description: String { "\(path.isEmpty ? "(document)" : path): \(problem)" }

    /// Two violations are the same when they name the same path and problem.
    public static func == (a: SchemaViolation, b: SchemaViolation) -> Bool {
        a.path == b.path && a.problem == b.problem
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(problem)
    }
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
                violations.append(SchemaViolation(path: path, problem: "must not be null", kind: .null, value: value))
            }
            return
        }
        if schema["x-kubernetes-int-or-string"]?.boolValue == true {
            if value.intValue == nil && value.stringValue == nil {
                violations.append(
                    SchemaViolation(
                        path: path, problem: "must be an integer or a string",
                        kind: .wrongType(expected: "integer-or-string"),
                        value: value))
            }
            return
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            let list = allowed.map { $0.jsonString() }.joined(separator: ", ")
            violations.append(
                SchemaViolation(
                    path: path, problem: "must be one of \(list), not \(value.jsonString())",
                    kind: .notInEnum(allowed: allowed),
                    value: value))
        }
        let preserveUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        switch schema["type"]?.stringValue {
        case "object"?:
            guard let members = value.objectValue else {
                violations.append(
                    wrongType(value, "object", path: path, problem: "must be an object, not \(kindName(value))"))
                return
            }
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                violations.append(SchemaViolation(path: join(path, name), problem: "is required", kind: .required))
            }
            let properties = schema["properties"]?.objectValue
            for (key, child) in members {
                if let propertySchema = properties?[key] {
                    check(child, against: propertySchema, path: join(path, key), into: &violations)
                } else if let additional = schema["additionalProperties"] {
                    if additional.boolValue == false {
                        violations.append(
                            SchemaViolation(
                                path: join(path, key), problem: "is not a known field", kind: .unknownField,
                                value: child))
                    } else if additional.objectValue != nil {
                        check(child, against: additional, path: join(path, key), into: &violations)
                    }
                } else if properties != nil && !preserveUnknown {
                    violations.append(
                        SchemaViolation(
                            path: join(path, key), problem: "is not a known field", kind: .unknownField, value: child))
                }
            }
        case "array"?:
            guard let items = value.arrayValue else {
                violations.append(
                    wrongType(value, "array", path: path, problem: "must be a list, not \(kindName(value))"))
                return
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    check(item, against: itemSchema, path: "\(path)[\(index)]", into: &violations)
                }
            }
        case "string"?:
            if value.stringValue == nil {
                violations.append(
                    wrongType(value, "string", path: path, problem: "must be a string, not \(kindName(value))"))
            }
        case "integer"?:
            guard let number = value.intValue else {
                violations.append(
                    wrongType(value, "integer", path: path, problem: "must be an integer, not \(kindName(value))"))
                return
            }
            if schema["format"]?.stringValue == "int32", !(Int(Int32.min)...Int(Int32.max)).contains(number) {
                violations.append(SchemaViolation(path: path, problem: "must fit in 32 bits (int32)"))
            }
        case "number"?:
            if value.doubleValue == nil {
                violations.append(
                    wrongType(value, "number", path: path, problem: "must be a number, not \(kindName(value))"))
            }
        case "boolean"?:
            if value.boolValue == nil {
                violations.append(
                    wrongType(value, "boolean", path: path, problem: "must be true or false, not \(kindName(value))"))
            }
        default:
            break
        }
    }

    static func wrongType(_ value: JSONValue, _ expected: String, path: String, problem: String) -> SchemaViolation {
        SchemaViolation(path: path, problem: problem, kind: .wrongType(expected: expected), value: value)
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
