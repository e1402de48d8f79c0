import Foundation
import OrderedCollections
import RemoteClusterKit

/// A refusal of the simulated Kubernetes API, rendered as the API server's `Status` object
/// (`{"kind":"Status","status":"Failure","message":...,"reason":...,"details":...,"code":...}`).
public struct KubernetesAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    /// `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `BadRequest`, ...
    public var reason: String
    public var message: String
    public var details: JSONValue?

    public init(code: Int, reason: String, message: String, details: JSONValue? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public var description: String { message }

    /// The `Status` body.
    public var status: JSONValue {
        var body: OrderedDictionary<String, JSONValue> = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": .string(message),
            "reason": .string(reason),
        ]
        if let details { body["details"] = details }
        body["code"] = .int(code)
        return .object(body)
    }

    /// What kubectl prints for it: `Error from server (NotFound): secrets "x" not found`, and for
    /// an invalid object `The Elasticsearch "x" is invalid: <error>` (several: one `* <error>` line each).
    public var kubectlText: String {
        guard reason == "Invalid", let kind = details?["kind"]?.stringValue, let name = details?["name"]?.stringValue,
            let causes = details?["causes"]?.arrayValue, !causes.isEmpty
        else { return "Error from server (\(reason)): \(message)" }
        let texts = causes.map { "\($0["field"]?.stringValue ?? ""): \($0["message"]?.stringValue ?? "")" }
        if texts.count == 1 { return "The \(kind) \"\(name)\" is invalid: \(texts[0])" }
        return "The \(kind) \"\(name)\" is invalid: \n" + texts.map { "* \($0)" }.joined(separator: "\n")
    }

    static func details(_ type: KubernetesResourceType, name: String, kind: String? = nil) -> JSONValue {
        var details: OrderedDictionary<String, JSONValue> = ["name": .string(name)]
        if !type.group.isEmpty { details["group"] = .string(type.group) }
        details["kind"] = .string(kind ?? type.resource)
        return .object(details)
    }

    public static func notFound(_ type: KubernetesResourceType, name: String) -> Self {
        Self(
            code: 404, reason: "NotFound", message: "\(type.qualifiedResource) \"\(name)\" not found",
            details: details(type, name: name))
    }

    public static func alreadyExists(_ type: KubernetesResourceType, name: String) -> Self {
        Self(
            code: 409, reason: "AlreadyExists", message: "\(type.qualifiedResource) \"\(name)\" already exists",
            details: details(type, name: name))
    }

    public static func conflict(_ type: KubernetesResourceType, name: String) -> Self {
        Self(
            code: 409, reason: "Conflict",
            message:
                "Operation cannot be fulfilled on \(type.qualifiedResource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
            details: details(type, name: name))
    }

    /// One field error of an `Invalid` status: `spec.version: Required value`.
    public struct FieldError: Sendable, Hashable {
        /// `FieldValueRequired`, `FieldValueInvalid`, `FieldValueNotSupported`, ...
        public var reason: String
        /// The detail after the field: `Required value`, `Invalid value: "string": ...`.
        public var message: String
        public var field: String

        public var text: String { "\(field): \(message)" }
    }

    /// 422: `<Kind>.<group> "<name>" is invalid: <error>` (several errors in brackets).
    public static func invalid(_ type: KubernetesResourceType, name: String, errors: [FieldError]) -> Self {
        let qualifiedKind = type.group.isEmpty ? type.kind : "\(type.kind).\(type.group)"
        let list = errors.count == 1 ? errors[0].text : "[" + errors.map(\.text).joined(separator: ", ") + "]"
        var details = details(type, name: name, kind: type.kind).objectValue ?? [:]
        details["causes"] = .array(
            errors.map { ["reason": .string($0.reason), "message": .string($0.message), "field": .string($0.field)] })
        return Self(
            code: 422, reason: "Invalid", message: "\(qualifiedKind) \"\(name)\" is invalid: \(list)",
            details: .object(details))
    }

    /// 400 with no details.
    public static func badRequest(_ message: String) -> Self {
        Self(code: 400, reason: "BadRequest", message: message)
    }

    /// 400 for fields the schema does not declare, under strict field validation.
    public static func unknownFields(_ type: KubernetesResourceType, paths: [String]) -> Self {
        let list = paths.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
        return badRequest(
            "\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): strict decoding error: \(list)"
        )
    }

    public static let unauthorized = Self(code: 401, reason: "Unauthorized", message: "Unauthorized")

    public static func notFoundPath() -> Self {
        Self(code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: [:])
    }

    public static func methodNotSupported(_ type: KubernetesResourceType) -> Self {
        Self(
            code: 405, reason: "MethodNotAllowed",
            message: "the server does not allow this method on the requested resource",
            details: details(type, name: ""))
    }

    /// 415 for a patch type the resource does not take (strategic merge on a custom resource).
    public static var unsupportedPatch: Self {
        Self(
            code: 415, reason: "UnsupportedMediaType",
            message:
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
        )
    }

    /// 410 for a watch from a resource version older than the kept history.
    public static func gone(_ version: Int) -> Self {
        Self(code: 410, reason: "Expired", message: "too old resource version: \(version)")
    }
}
