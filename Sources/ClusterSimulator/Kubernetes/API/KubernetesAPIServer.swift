import Foundation
import OrderedCollections
import RemoteClusterKit

/// The simulated Kubernetes API over HTTPS on loopback, for the real `kubectl`: one listener that
/// serves every context of a `SimulatedKubernetes` under its own path
/// (`https://127.0.0.1:<port>/contexts/<context>`), with bearer-token authentication, discovery,
/// OpenAPI v3 (so kubectl leaves field validation to the server), get/list/watch, create, update,
/// JSON merge, strategic merge and JSON patches, delete, server-side printing, and the API
/// server's `Status` bodies. Writes run the context's simulated operator, as in process.
public final class KubernetesAPIServer: Sendable {
    public let kubernetes: SimulatedKubernetes
    public let certificateAuthority: GeneratedCA
    /// The CA file a kubeconfig names (`certificate-authority`).
    public let caFile: String
    /// The bearer token every request must carry.
    public let token: Secret
    private let server: LoopbackTLSServer

    /// The longest a watch request waits for a change before it ends (clients watch again).
    static let longestWatch: Duration = .seconds(30)

    public init(kubernetes: SimulatedKubernetes, directory: String) throws {
        self.kubernetes = kubernetes
        certificateAuthority = try GeneratedCA(commonName: "sim-kubernetes CA")
        caFile = try certificateAuthority.writeCertificate(to: directory, baseName: "kubernetes-ca")
        token = Secret(APIKeyStore.randomToken(bytes: 24))
        let certificate = try certificateAuthority.issue(
            commonName: "kube-apiserver", dnsNames: ["localhost", "kubernetes.default.svc"], ipAddresses: ["127.0.0.1"])
        server = LoopbackTLSServer(security: .tls(certificate), behavior: .neverAnswer)
        server.setBehavior(
            .http { [weak self] request in
                guard let self else { return .respond(HTTPResponse(status: 503)) }
                return await self.reply(to: request)
            })
    }

    public func start() async throws { try await server.start(port: 0) }

    /// Tells `observer` of every request answered from now on (server name `kubernetes`).
    public func observeRequests(_ observer: @escaping ServedRequestObserver) {
        server.observeRequests(as: "kubernetes", observer)
    }
    public func shutdown() async { await server.shutdown() }

    public var port: Int { server.port ?? 0 }

    /// The server URL of one context.
    public func serverURL(context: String) -> String { "https://127.0.0.1:\(port)/contexts/\(context)" }

    // MARK: - Routing

    /// A watch streams; everything else is one response.
    func reply(to request: IncomingHTTPRequest) async -> HTTPServerReply {
        let query = request.query
        if request.method == "GET", query["watch"] == "true" || query["watch"] == "1",
            request.header("Authorization") == "Bearer \(token.revealed)"
        {
            let segments = request.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            if segments.count >= 2, segments[0] == "contexts", kubernetes.contextNames.contains(segments[1]),
                let target = ResourceTarget(Array(segments.dropFirst(2))), target.name == nil
            {
                do throws(KubernetesAPIError) {
                    return try await watch(
                        target.type, context: segments[1], namespace: target.namespace,
                        selector: ObjectSelector(fields: query["fieldSelector"], labels: query["labelSelector"]),
                        query: query)
                } catch {
                    return .respond(Self.failure(error))
                }
            }
        }
        return .respond(await respond(to: request))
    }

    func respond(to request: IncomingHTTPRequest) async -> HTTPResponse {
        var segments = request.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.count >= 2, segments[0] == "contexts", kubernetes.contextNames.contains(segments[1]) else {
            return Self.failure(.notFoundPath())
        }
        let context = segments[1]
        segments.removeFirst(2)
        guard request.header("Authorization") == "Bearer \(token.revealed)" else { return Self.failure(.unauthorized) }
        do throws(KubernetesAPIError) {
            if segments == ["openapi", "v2"], request.method == "GET" {
                return HTTPResponse(
                    status: 200, headers: [HTTPHeader("Content-Type", KubernetesDiscovery.openAPIV2ContentType)],
                    body: KubernetesDiscovery.openAPIV2Protobuf)
            }
            if let document = try discovery(segments, method: request.method) { return Self.json(document) }
            guard let target = ResourceTarget(segments) else { throw .notFoundPath() }
            return try await resource(target, request: request, context: context)
        } catch {
            return Self.failure(error)
        }
    }

    private func discovery(_ segments: [String], method: String) throws(KubernetesAPIError) -> JSONValue? {
        guard method == "GET" else { return nil }
        switch segments {
        case ["version"]: return KubernetesDiscovery.serverVersion
        case ["api"]: return KubernetesDiscovery.coreVersions(serverAddress: "127.0.0.1:\(port)")
        case ["apis"]: return KubernetesDiscovery.groupList
        case ["api", "v1"]: return KubernetesDiscovery.resourceList("v1")
        case ["openapi", "v3"]: return KubernetesDiscovery.openAPIIndex
        default: break
        }
        if segments.count == 2, segments[0] == "apis" {
            guard let group = KubernetesDiscovery.group(segments[1]) else { throw .notFoundPath() }
            return group
        }
        if segments.count == 3, segments[0] == "apis" {
            guard let list = KubernetesDiscovery.resourceList("\(segments[1])/\(segments[2])") else {
                throw .notFoundPath()
            }
            return list
        }
        if segments.count >= 3, segments[0] == "openapi", segments[1] == "v3" {
            // `api/v1` or `apis/<group>/<version>`: the group version follows the first part.
            let groupVersion = segments.dropFirst(3).joined(separator: "/")
            guard let document = KubernetesDiscovery.openAPIDocument(groupVersion) else { throw .notFoundPath() }
            return document
        }
        return nil
    }

    /// What a resource URL names.
    struct ResourceTarget {
        var type: KubernetesResourceType
        var namespace: String?
        var name: String?
        var subresource: String?

        init?(_ segments: [String]) {
            var rest = segments[...]
            let groupVersion: String
            if rest.first == "api", rest.count >= 2 {
                groupVersion = rest.dropFirst().first!
                rest = rest.dropFirst(2)
            } else if rest.first == "apis", rest.count >= 3 {
                groupVersion = "\(rest.dropFirst().first!)/\(rest.dropFirst(2).first!)"
                rest = rest.dropFirst(3)
            } else {
                return nil
            }
            if rest.first == "namespaces", rest.count >= 3 {
                namespace = rest.dropFirst().first
                rest = rest.dropFirst(2)
            }
            guard let resource = rest.first,
                let type = KubernetesResourceType.all.first(where: {
                    $0.apiVersion == groupVersion && $0.resource == resource
                }),
                rest.count <= 3
            else { return nil }
            self.type = type
            name = rest.dropFirst().first
            subresource = rest.dropFirst(2).first
            if subresource != nil && (subresource != "status" || !type.hasStatusSubresource) { return nil }
        }
    }

    private func resource(_ target: ResourceTarget, request: IncomingHTTPRequest, context: String)
        async throws(KubernetesAPIError) -> HTTPResponse
    {
        let query = request.query
        let type = target.type
        let validation = query["fieldValidation"].flatMap(FieldValidation.init(rawValue:)) ?? .warn
        let dryRun = query["dryRun"] == "All"
        guard let namespace = target.namespace else {
            guard request.method == "GET", target.name == nil else {
                throw .methodNotSupported(type)
            }
            return try await list(type, context: context, namespace: nil, request: request)
        }
        let location = KubernetesLocation(context: context, namespace: namespace)
        guard let name = target.name else {
            switch request.method {
            case "GET": return try await list(type, context: context, namespace: namespace, request: request)
            case "POST":
                return try await create(
                    try Self.body(request), type: type, in: location, validation: validation, dryRun: dryRun)
            default: throw .methodNotSupported(type)
            }
        }
        switch request.method {
        case "GET":
            let object = try kubernetes.read(type, name: name, in: location)
            if Self.wantsTable(request) {
                return Self.json(
                    KubernetesTable.table([object], type: type, resourceVersion: kubernetes.resourceVersion))
            }
            return Self.json(object)
        case "PUT", "PATCH":
            var written: (object: JSONValue, warnings: [String])
            if request.method == "PUT" {
                var body = try Self.body(request)
                if target.subresource == "status" {
                    let live = try kubernetes.read(type, name: name, in: location)
                    body = SimulatedKubernetes.setting(live, path: ["status"], to: body["status"] ?? [:])
                    written = try kubernetes.replaceStatus(body, type: type, in: location)
                } else {
                    written = try kubernetes.replace(
                        body, type: type, in: location, fieldValidation: validation, dryRun: dryRun)
                }
            } else {
                guard let patchType = KubernetesPatchType(contentType: request.header("Content-Type") ?? "") else {
                    throw .unsupportedPatch
                }
                let patch = patchType == .apply ? try Self.appliedObject(request) : try Self.body(request)
                if patchType == .apply, target.subresource == nil,
                    (try? kubernetes.read(type, name: name, in: location)) == nil
                {
                    // Server-side apply of an object that does not exist yet creates it.
                    guard patch[path: ["metadata", "name"]]?.stringValue == name else {
                        throw .badRequest(
                            "the name of the object (\(patch[path: ["metadata", "name"]]?.stringValue ?? "")) does not match the name on the URL (\(name))"
                        )
                    }
                    return try await create(patch, type: type, in: location, validation: validation, dryRun: dryRun)
                }
                if target.subresource == "status" {
                    let live = try kubernetes.read(type, name: name, in: location)
                    let patched = try kubernetes.patch(
                        type, name: name, patch: patch, patchType: patchType, in: location, dryRun: true
                    ).object
                    written = try kubernetes.replaceStatus(
                        SimulatedKubernetes.setting(live, path: ["status"], to: patched["status"] ?? [:]), type: type,
                        in: location)
                } else {
                    written = try kubernetes.patch(
                        type, name: name, patch: patch, patchType: patchType, in: location, fieldValidation: validation,
                        dryRun: dryRun)
                }
            }
            if !dryRun && target.subresource == nil {
                await kubernetes.notifyChanged(type, name: name, object: written.object, in: location)
            }
            return Self.json(
                kubernetes.read(type, name: name, in: location, orElse: written.object), warnings: written.warnings)
        case "DELETE":
            let removed = try kubernetes.remove(type, name: name, in: location)
            if type.hasStatusSubresource { return Self.json(removed) }
            return Self.json([
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
                "details": [
                    "name": .string(name), "kind": .string(type.resource),
                    "uid": removed[path: ["metadata", "uid"]] ?? "",
                ],
            ])
        default:
            throw .methodNotSupported(type)
        }
    }

    /// A list, a table, or a watch (`?watch=true`), narrowed by `fieldSelector` and `labelSelector`.
    /// Stores a new object (`POST`, or a server-side apply of one that does not exist), tells the
    /// simulated operators, and answers 201 with the stored object.
    private func create(
        _ object: JSONValue, type: KubernetesResourceType, in location: KubernetesLocation,
        validation: FieldValidation, dryRun: Bool
    ) async throws(KubernetesAPIError) -> HTTPResponse {
        let (created, warnings) = try kubernetes.create(
            object, type: type, in: location, fieldValidation: validation, dryRun: dryRun)
        let name = created[path: ["metadata", "name"]]?.stringValue ?? ""
        if !dryRun, !name.isEmpty { await kubernetes.notifyChanged(type, name: name, object: created, in: location) }
        return Self.json(
            status: 201, kubernetes.read(type, name: name, in: location, orElse: created), warnings: warnings)
    }

    private func list(_ type: KubernetesResourceType, context: String, namespace: String?, request: IncomingHTTPRequest)
        async throws(KubernetesAPIError) -> HTTPResponse
    {
        let query = request.query
        let selector = ObjectSelector(fields: query["fieldSelector"], labels: query["labelSelector"])
        if query["watch"] == "true" || query["watch"] == "1" {
            throw .notFoundPath()
        }
        let (all, version) = kubernetes.list(type, context: context, namespace: namespace)
        let items = all.filter(selector.matches)
        if Self.wantsTable(request) {
            return Self.json(KubernetesTable.table(items, type: type, resourceVersion: version))
        }
        return Self.json([
            "kind": .string("\(type.kind)List"), "apiVersion": .string(type.apiVersion),
            "metadata": ["resourceVersion": .string(String(version))], "items": .array(items),
        ])
    }

    /// Streams watch events, one JSON object per line, as they happen after `resourceVersion`
    /// (without one, the matching objects first as `ADDED`), until `timeoutSeconds` (capped) or
    /// until the client goes away; the client then watches again.
    private func watch(
        _ type: KubernetesResourceType, context: String, namespace: String?, selector: ObjectSelector,
        query: [String: String]
    ) async throws(KubernetesAPIError) -> HTTPServerReply {
        var since = Int(query["resourceVersion"] ?? "") ?? 0
        var initial: [JSONValue] = []
        if since == 0 {
            let (items, version) = kubernetes.list(type, context: context, namespace: namespace)
            initial = items.filter(selector.matches).map { ["type": "ADDED", "object": $0] }
            since = version
        } else if let oldest = kubernetes.oldestWatchableVersion, since < oldest {
            throw .gone(since)
        }
        let limit = query["timeoutSeconds"].flatMap(Int.init).map { Duration.seconds($0) } ?? Self.longestWatch
        let deadline = ContinuousClock.now + min(limit, Self.longestWatch)
        let kubernetes = self.kubernetes
        let start = since
        let (stream, continuation) = AsyncStream<Data>.makeStream()
        let producer = Task {
            for line in initial { continuation.yield(Data((line.jsonString() + "\n").utf8)) }
            var after = start
            while !Task.isCancelled && ContinuousClock.now < deadline {
                guard
                    let events = try? await kubernetes.changes(
                        after: after, until: deadline,
                        matches: { event in
                            event.context == context && event.type == type
                                && (namespace == nil || event.namespace == namespace)
                                && selector.matches(event.object)
                        })
                else { break }
                for event in events {
                    let line: JSONValue = ["type": .string(event.change.rawValue), "object": event.object]
                    continuation.yield(Data((line.jsonString() + "\n").utf8))
                    after = max(after, event.resourceVersion)
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in producer.cancel() }
        return .stream(HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "application/json")]), stream)
    }

    // MARK: - Helpers

    static func wantsTable(_ request: IncomingHTTPRequest) -> Bool {
        (request.header("Accept") ?? "").contains("as=Table")
    }

    static func body(_ request: IncomingHTTPRequest) throws(KubernetesAPIError) -> JSONValue {
        if (request.header("Content-Type") ?? "").hasPrefix(KubernetesProtobuf.contentType) {
            guard let object = KubernetesProtobuf.decode(request.body) else {
                throw KubernetesAPIError(
                    code: 415, reason: "UnsupportedMediaType",
                    message:
                        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml"
                )
            }
            return object
        }
        do {
            return try JSONValue.parse(request.body)
        } catch {
            throw .badRequest("the request body could not be decoded as JSON: \(error.description)")
        }
    }

    /// The body of a server-side apply: the intended object in YAML (JSON is YAML too).
    static func appliedObject(_ request: IncomingHTTPRequest) throws(KubernetesAPIError) -> JSONValue {
        let object: JSONValue
        do throws(YAMLConversionError) {
            object = try JSONValue.parseYAML(String(decoding: request.body, as: UTF8.self))
        } catch {
            throw .badRequest("error decoding YAML: \(error.description)")
        }
        guard object.objectValue != nil else { throw .badRequest("error decoding YAML: the body is not an object") }
        return object
    }

    static func json(status: Int = 200, _ body: JSONValue, warnings: [String] = []) -> HTTPResponse {
        var headers = [HTTPHeader("Content-Type", "application/json")]
        for warning in warnings {
            headers.append(HTTPHeader("Warning", "299 - \"\(warning.replacingOccurrences(of: "\"", with: "\\\""))\""))
        }
        return HTTPResponse(status: status, headers: headers, body: body.jsonData())
    }

    static func failure(_ error: KubernetesAPIError) -> HTTPResponse {
        json(status: error.code, error.status)
    }
}

/// `fieldSelector` (`metadata.name=x`, `metadata.namespace=y`) and `labelSelector` (`a=b,c!=d,e`)
/// of a list or watch.
struct ObjectSelector: Sendable {
    var requirements: [(path: [String], value: String?, equal: Bool)] = []

    init(fields: String?, labels: String?) {
        for clause in (fields ?? "").split(separator: ",") {
            if let (key, value, equal) = Self.split(String(clause)) {
                requirements.append((key.split(separator: ".").map(String.init), value, equal))
            }
        }
        for clause in (labels ?? "").split(separator: ",") {
            if let (key, value, equal) = Self.split(String(clause)) {
                requirements.append((["metadata", "labels", key], value, equal))
            } else {
                requirements.append((["metadata", "labels", String(clause)], nil, true))
            }
        }
    }

    static func split(_ clause: String) -> (String, String, Bool)? {
        for (separator, equal) in [("!=", false), ("==", true), ("=", true)] {
            if let range = clause.range(of: separator) {
                return (String(clause[..<range.lowerBound]), String(clause[range.upperBound...]), equal)
            }
        }
        return nil
    }

    func matches(_ object: JSONValue) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = object[path: requirement.path]?.stringValue
            guard let wanted = requirement.value else { return actual != nil }
            return (actual == wanted) == requirement.equal
        }
    }
}
