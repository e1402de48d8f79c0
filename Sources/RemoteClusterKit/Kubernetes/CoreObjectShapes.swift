import Foundation

/// Checks that Secrets and ConfigMaps have the shape the Kubernetes API accepts.
public enum CoreObjectShapes {
    /// Violations of the `v1 Secret` shape: apiVersion, kind, metadata.name (DNS subdomain),
    /// keys of `data`/`stringData` (`[-._a-zA-Z0-9]+`), base64 `data`, string `stringData`.
    public static func validateSecret(_ object: JSONValue) -> [SchemaViolation] {
        var violations = header(
            object, kind: "Secret",
            allowed: ["apiVersion", "kind", "metadata", "type", "data", "stringData", "immutable"])
        if let type = object["type"], type.stringValue == nil {
            violations.append(SchemaViolation(path: "type", problem: "must be a string"))
        }
        violations += map(object["data"], path: "data", base64: true)
        violations += map(object["stringData"], path: "stringData", base64: false)
        return violations
    }

    /// Violations of the `v1 ConfigMap` shape: as for Secrets, with string `data` and base64
    /// `binaryData`, and no key in both.
    public static func validateConfigMap(_ object: JSONValue) -> [SchemaViolation] {
        var violations = header(
            object, kind: "ConfigMap", allowed: ["apiVersion", "kind", "metadata", "data", "binaryData", "immutable"])
        violations += map(object["data"], path: "data", base64: false)
        violations += map(object["binaryData"], path: "binaryData", base64: true)
        let text = Set(object["data"]?.objectValue?.keys.map { $0 } ?? [])
        for key in object["binaryData"]?.objectValue?.keys ?? [] where text.contains(key) {
            violations.append(SchemaViolation(path: "binaryData.\(key)", problem: "is also in data"))
        }
        return violations
    }

    /// Whether `name` is a DNS subdomain (RFC 1123), as object names must be.
    public static func isDNSSubdomain(_ name: String) -> Bool {
        guard (1...253).contains(name.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel(String($0)) }
    }

    /// Whether `name` is a DNS label (RFC 1123): namespaces, container and volume names.
    public static func isDNSLabel(_ name: String) -> Bool {
        guard (1...63).contains(name.count), let first = name.first, let last = name.last else { return false }
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        return allowed && first != "-" && last != "-"
    }

    static func header(_ object: JSONValue, kind: String, allowed: Set<String>) -> [SchemaViolation] {
        guard let members = object.objectValue else { return [SchemaViolation(path: "", problem: "must be an object")] }
        var violations: [SchemaViolation] = []
        if object["apiVersion"] != "v1" {
            violations.append(SchemaViolation(path: "apiVersion", problem: "must be v1"))
        }
        if object["kind"]?.stringValue != kind {
            violations.append(SchemaViolation(path: "kind", problem: "must be \(kind)"))
        }
        for key in members.keys where !allowed.contains(key) {
            violations.append(SchemaViolation(path: key, problem: "is not a field of a \(kind)"))
        }
        guard let name = object[path: ["metadata", "name"]]?.stringValue else {
            violations.append(SchemaViolation(path: "metadata.name", problem: "is required"))
            return violations
        }
        if !isDNSSubdomain(name) {
            violations.append(
                SchemaViolation(
                    path: "metadata.name",
                    problem: "\"\(name)\" is not a valid name (lowercase letters, digits, '-' and '.')"))
        }
        if let namespace = object[path: ["metadata", "namespace"]], !(namespace.stringValue.map(isDNSLabel) ?? false) {
            violations.append(SchemaViolation(path: "metadata.namespace", problem: "is not a valid namespace name"))
        }
        return violations
    }

    static func map(_ value: JSONValue?, path: String, base64: Bool) -> [SchemaViolation] {
        guard let value else { return [] }
        guard let members = value.objectValue else {
            return [SchemaViolation(path: path, problem: "must be a map of keys to strings")]
        }
        var violations: [SchemaViolation] = []
        for (key, entry) in members {
            let keyOK =
                !key.isEmpty && key.count <= 253
                && key.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-._".contains($0) }
            if !keyOK {
                violations.append(
                    SchemaViolation(
                        path: "\(path).\(key)", problem: "is not a valid key (letters, digits, '-', '_' and '.')"))
            }
            guard let text = entry.stringValue else {
                violations.append(SchemaViolation(path: "\(path).\(key)", problem: "must be a string"))
                continue
            }
            if base64 && Data(base64Encoded: text) == nil {
                violations.append(SchemaViolation(path: "\(path).\(key)", problem: "must be base64-encoded"))
            }
        }
        return violations
    }
}
