import Foundation
import OrderedCollections
import RemoteClusterKit

/// An error rendered the way Elasticsearch renders a failed REST request:
/// `{"error":{"root_cause":[{type, reason, ...}],"type":...,"reason":...,...},"status":N}`.
///
/// `extra` members (e.g. `header`, `additional_unsuccessful_credentials`) appear in both the root
/// cause and the top-level error, after `type` and `reason`, as Elasticsearch prints exception metadata.
/// `responseHeaders` are also sent as real HTTP headers (`WWW-Authenticate` on a 401).
public struct ElasticsearchErrorResponse: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    public var type: String
    public var reason: String
    public var extra: OrderedDictionary<String, JSONValue>
    /// A nested cause, rendered as `caused_by` on the top-level error only.
    public var causedBy: JSONValue?
    /// The innermost cause Elasticsearch reports as `root_cause` when it differs from this error
    /// (a parse failure wrapping another one); nil = this error itself.
    public var rootCause: JSONValue?
    public var responseHeaders: [HTTPHeader]

    public init(
        status: Int, type: String, reason: String, extra: OrderedDictionary<String, JSONValue> = [:],
        causedBy: JSONValue? = nil, responseHeaders: [HTTPHeader] = []
    ) {
        self.status = status
        self.type = type
        self.reason = reason
        self.extra = extra
        self.causedBy = causedBy
        self.responseHeaders = responseHeaders
    }

    public var description: String { "\(status) \(type): \(reason)" }

    /// The JSON body.
    public var body: JSONValue {
        var error = OrderedDictionary<String, JSONValue>()
        error["root_cause"] = .array([rootCauseJSON])
        for (key, value) in causeJSON.objectValue ?? [:] { error[key] = value }
        return .object(["error": .object(error), "status": .int(status)])
    }

    /// This error as a `caused_by` member of another: type, reason, extra members, its own cause.
    public var causeJSON: JSONValue {
        var cause: OrderedDictionary<String, JSONValue> = ["type": .string(type), "reason": .string(reason)]
        for (key, value) in extra { cause[key] = value }
        if let causedBy { cause["caused_by"] = causedBy }
        return .object(cause)
    }

    /// What `root_cause` lists for this error.
    public var rootCauseJSON: JSONValue {
        if let rootCause { return rootCause }
        var cause: OrderedDictionary<String, JSONValue> = ["type": .string(type), "reason": .string(reason)]
        for (key, value) in extra { cause[key] = value }
        return .object(cause)
    }

    /// Elasticsearch's wrapping of a failure inside a field: `[line:col] [parser] failed to parse field
    /// [field]`, with the inner failure as `caused_by` and the innermost one as `root_cause`.
    public static func fieldParseFailure(
        parser: String, field: String, line: Int, column: Int, inner: ElasticsearchErrorResponse
    ) -> Self {
        var result = Self.parse("failed to parse field [\(field)]", parser: parser, line: line, column: column)
        result.causedBy = inner.causeJSON
        result.rootCause = inner.rootCauseJSON
        return result
    }

    /// The HTTP response carrying this error.
    public func response(pretty: Bool = false) -> HTTPResponse {
        RESTResponse.json(status: status, body, headers: responseHeaders, pretty: pretty)
    }
}

extension ElasticsearchErrorResponse {
    /// `illegal_argument_exception`, 400.
    public static func illegalArgument(_ reason: String, status: Int = 400) -> Self {
        Self(status: status, type: "illegal_argument_exception", reason: reason)
    }

    /// `x_content_parse_exception`, 400, with Elasticsearch's `[line:column] [parser] message` form.
    public static func parse(_ message: String, parser: String, line: Int = 1, column: Int = 1) -> Self {
        Self(status: 400, type: "x_content_parse_exception", reason: "[\(line):\(column)] [\(parser)] \(message)")
    }

    /// A body that is not JSON at all.
    public static func notJSON(_ detail: String) -> Self {
        Self(status: 400, type: "x_content_parse_exception", reason: "[1:1] Unexpected character: \(detail)")
    }

    /// `security_exception` with this status (403 for authorization, 401 for authentication).
    public static func security(_ reason: String, status: Int) -> Self {
        Self(status: status, type: "security_exception", reason: reason)
    }

    /// 404 `resource_not_found_exception`.
    public static func notFound(_ reason: String) -> Self {
        Self(status: 404, type: "resource_not_found_exception", reason: reason)
    }
}

/// Response builders for JSON bodies.
public enum RESTResponse {
    /// A JSON response with `content-type: application/json`.
    public static func json(status: Int = 200, _ body: JSONValue, headers: [HTTPHeader] = [], pretty: Bool = false)
        -> HTTPResponse
    {
        HTTPResponse(
            status: status,
            headers: [HTTPHeader("content-type", "application/json")] + headers,
            body: body.jsonData(pretty: pretty))
    }

    /// Elasticsearch's answer for a path no handler serves: only a plain string `error`
    /// (`RestController.handleBadRequest`).
    public static func noHandler(uri: String, method: String) -> HTTPResponse {
        json(status: 400, ["error": .string("no handler found for uri [\(uri)] and method [\(method)]")])
    }

    /// Methods in the order of Elasticsearch's `RestRequest.Method` enum, as its `EnumSet` lists them.
    static func elasticsearchMethodOrder(_ methods: [String]) -> [String] {
        let order = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "CONNECT", "TRACE", "PATCH"]
        return methods.sorted { (order.firstIndex(of: $0) ?? order.count) < (order.firstIndex(of: $1) ?? order.count) }
    }

    /// Elasticsearch's answer for a known path with a method it does not serve.
    public static func methodNotAllowed(uri: String, method: String, allowed: [String]) -> HTTPResponse {
        let list = allowed.joined(separator: ", ")
        return json(
            status: 405,
            [
                "error": .string("Incorrect HTTP method for uri [\(uri)] and method [\(method)], allowed: [\(list)]"),
                "status": 405,
            ],
            headers: [HTTPHeader("Allow", allowed.joined(separator: ","))])
    }
}

/// The `Warning` response header Elasticsearch sends for deprecations:
/// `299 Elasticsearch-<version>-<build hash> "<message>"`.
public enum ElasticsearchWarning {
    public static func header(_ message: String, version: String, buildHash: String) -> HTTPHeader {
        let escaped = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return HTTPHeader("Warning", "299 Elasticsearch-\(version)-\(buildHash) \"\(escaped)\"")
    }

    /// The message inside a `Warning` header value, unescaped; nil when the value has another form.
    public static func message(fromHeaderValue value: String) -> String? {
        guard let open = value.firstIndex(of: "\""), value.hasSuffix("\""), value.index(after: open) < value.endIndex
        else { return nil }
        let inner = value[value.index(after: open)..<value.index(before: value.endIndex)]
        return inner.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }
}
