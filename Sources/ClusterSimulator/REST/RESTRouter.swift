import Foundation
import OrderedCollections
import RemoteClusterKit

/// One REST request after routing: the raw request plus the path parameters the pattern captured.
public struct RESTRequest: Sendable {
    public var incoming: IncomingHTTPRequest
    /// Values of `{name}` segments of the matched pattern, percent-decoded.
    public var pathParameters: [String: String]
    /// Who sent it, when the router authenticated it (`nil` for routes that need no authentication).
    public var principal: AuthenticatedPrincipal?

    public var method: String { incoming.method }
    public var uri: String { incoming.uri }
    public var path: String { incoming.path }
    public var query: [String: String] { incoming.query }
    public var body: Data { incoming.body }

    /// Whether `?pretty` was given.
    public var pretty: Bool { query["pretty"].map { $0 != "false" } ?? false }

    /// Whether `?flat_settings=true` was given.
    public func flag(_ name: String) -> Bool { query[name].map { $0.isEmpty || $0 == "true" } ?? false }

    /// The body as JSON; nil when there is no body. Malformed JSON is a 400 like Elasticsearch's;
    /// text after the first object is ignored, as Elasticsearch's parsers stop after it.
    public func jsonBody() throws(ElasticsearchErrorResponse) -> JSONValue? {
        try parsedBody().value
    }

    /// The body as `_search` reads it: like `jsonBody()`, but anything after the main object is
    /// Elasticsearch's `Unexpected token [...] found after the main object.`
    public func jsonBodyRefusingTrailingTokens() throws(ElasticsearchErrorResponse) -> JSONValue? {
        let (value, end) = try parsedBody()
        let bytes = Array(body)
        if let end, let trailing = JSONBodyPrefix.trailingToken(bytes, after: end) {
            throw ElasticsearchErrorResponse(
                status: 400, type: "parsing_exception",
                reason: "Unexpected token [\(trailing.token)] found after the main object.",
                extra: ["line": .int(trailing.line), "col": .int(trailing.column)])
        }
        return value
    }

    /// The first JSON value of the body and where it ends (nil when it fills the body).
    private func parsedBody() throws(ElasticsearchErrorResponse) -> (value: JSONValue?, end: Int?) {
        if body.allSatisfy(JSONBodyPrefix.isWhitespace) { return (nil, nil) }
        do {
            return (try JSONValue.parse(body), nil)
        } catch {
            let bytes = Array(body)
            if let end = JSONBodyPrefix.endOfFirstValue(bytes), end < bytes.count,
                let value = try? JSONValue.parse(Data(bytes[..<end]))
            {
                return (value, end)
            }
            throw ElasticsearchErrorResponse(
                status: 400, type: "x_content_parse_exception", reason: "[1:\(error.offset + 1)] \(error.reason)")
        }
    }

    /// The names of a comma-separated `{name}` path parameter; nil when the path has none.
    public var requestedNames: [String]? {
        pathParameters["name"].map { $0.split(separator: ",").map(String.init) }
    }

    /// A `GET` of named objects (roles, users): the ones asked for that exist (every one when none
    /// was named), 404 `{}` when names were given and none exists.
    public func namedObjects(all names: [String], lookup: (String) -> JSONValue?) -> HTTPResponse {
        let wanted = requestedNames
        var body = OrderedDictionary<String, JSONValue>()
        for name in wanted ?? names {
            if let object = lookup(name) { body[name] = object }
        }
        return json(status: wanted != nil && body.isEmpty ? 404 : 200, .object(body))
    }

    /// A JSON response, pretty when the request asked for it, filtered by `filter_path` when given.
    public func json(status: Int = 200, _ body: JSONValue, headers: [HTTPHeader] = []) -> HTTPResponse {
        let filtered = query["filter_path"].map { JSONFilterPath.apply($0, to: body) } ?? body
        return RESTResponse.json(status: status, filtered, headers: headers, pretty: pretty)
    }
}

/// Handles one routed REST request; a thrown `ElasticsearchErrorResponse` becomes its error body.
public typealias RESTHandler = @Sendable (RESTRequest) async throws(ElasticsearchErrorResponse) -> HTTPResponse

/// Routes requests by method and path pattern (`/_security/cross_cluster/api_key/{id}`), authenticating
/// them first unless the route is public; answers unknown paths and methods as Elasticsearch does.
public struct RESTRouter: Sendable {
    struct Route: Sendable {
        var method: String
        var segments: [String]
        var authenticated: Bool
        var handler: RESTHandler
    }

    private var routes: [Route] = []
    /// Authenticates requests for routes that need it; nil means every route is public.
    public var authenticator: (any RESTAuthenticating)?

    public init(authenticator: (any RESTAuthenticating)? = nil) {
        self.authenticator = authenticator
    }

    /// Adds a route. `pattern` segments in braces capture a path parameter.
    public mutating func add(
        _ method: String, _ pattern: String, authenticated: Bool = true,
        _ handler: @escaping RESTHandler
    ) {
        routes.append(
            Route(
                method: method.uppercased(), segments: Self.segments(pattern),
                authenticated: authenticated, handler: handler))
    }

    /// The header Elasticsearch adds to every REST response, errors included.
    public static let productHeader = HTTPHeader("X-elastic-product", "Elasticsearch")

    /// Routes one request to a response.
    public func respond(to incoming: IncomingHTTPRequest) async -> HTTPResponse {
        var response = await route(incoming)
        response.headers.append(Self.productHeader)
        return response
    }

    private func route(_ incoming: IncomingHTTPRequest) async -> HTTPResponse {
        let pathSegments = Self.segments(incoming.path)
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Self.match(route.segments, pathSegments) else { continue }
            guard
                route.method == incoming.method.uppercased()
                    || (incoming.method.uppercased() == "HEAD" && route.method == "GET")
            else {
                if !allowed.contains(route.method) { allowed.append(route.method) }
                continue
            }
            var request = RESTRequest(incoming: incoming, pathParameters: parameters, principal: nil)
            do {
                if route.authenticated, let authenticator {
                    request.principal = try await authenticator.authenticate(incoming)
                }
                var response = try await route.handler(request)
                if incoming.method.uppercased() == "HEAD" { response.body = Data() }
                return response
            } catch {
                return error.response(pretty: request.pretty)
            }
        }
        // Elasticsearch authenticates before it looks for a handler.
        if let authenticator {
            do {
                _ = try await authenticator.authenticate(incoming)
            } catch {
                return error.response()
            }
        }
        if !allowed.isEmpty {
            return RESTResponse.methodNotAllowed(
                uri: incoming.uri, method: incoming.method, allowed: RESTResponse.elasticsearchMethodOrder(allowed))
        }
        return RESTResponse.noHandler(uri: incoming.uri, method: incoming.method)
    }

    static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func match(_ pattern: [String], _ path: [String]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (expected, actual) in zip(pattern, path) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") {
                parameters[String(expected.dropFirst().dropLast())] = actual.removingPercentEncoding ?? actual
            } else if expected != actual {
                return nil
            }
        }
        return parameters
    }
}
