import Foundation

/// One HTTP header field.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// HTTP methods the Elasticsearch operations use.
public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET", put = "PUT", post = "POST", delete = "DELETE", head = "HEAD"
}

/// A request to a cluster's REST API, relative to the endpoint's base URL.
public struct HTTPRequest: Sendable, Hashable, CustomStringConvertible {
    public var method: HTTPMethod
    /// Path and query, starting with `/`, already percent-encoded, e.g. `/_resolve/cluster/logs:*`.
    public var path: String
    /// A JSON body, sent with `Content-Type: application/json`.
    public var body: JSONValue?
    public var headers: [HTTPHeader]

    public init(method: HTTPMethod, path: String, body: JSONValue? = nil, headers: [HTTPHeader] = []) {
        self.method = method
        self.path = path
        self.body = body
        self.headers = headers
    }

    /// The request as an operator would type it in Kibana Dev Tools: the request line, then the
    /// body as indented JSON.
    public var description: String {
        guard let body else { return "\(method.rawValue) \(path)" }
        return "\(method.rawValue) \(path)\n\(body.jsonString(pretty: true))"
    }
}

/// A response from a cluster's REST API.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: Data

    public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
