import ClusterSimulator
import Foundation
import RemoteClusterKit
import Testing

@Suite("REST plumbing")
struct RESTPlumbingTests {
    @Test("error bodies have Elasticsearch's layout, root cause first, extra members after type and reason")
    func errorLayout() {
        let error = ElasticsearchErrorResponse(
            status: 400, type: "illegal_argument_exception", reason: "bad", extra: ["x": "y"],
            causedBy: ["type": "number_format_exception", "reason": "For input string: \"z\""])
        #expect(
            error.body.jsonString()
                == #"{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"bad","x":"y"}],"type":"illegal_argument_exception","reason":"bad","x":"y","caused_by":{"type":"number_format_exception","reason":"For input string: \"z\""}},"status":400}"#
        )
        let sample = try? RepositoryPaths.sharedJSON(
            "es-reference/errors/es-docs-common-options.400-illegal_argument_exception.json")
        let rebuilt = ElasticsearchErrorResponse(
            status: 400, type: "illegal_argument_exception",
            reason: "Failed to parse int parameter [size] with value [surprise_me]",
            causedBy: ["type": "number_format_exception", "reason": "For input string: \"surprise_me\""])
        #expect(rebuilt.body == sample)
    }

    @Test("Warning headers: Elasticsearch's format, escaped, and read back")
    func warning() {
        let message =
            "[transientSettings removal] Updating cluster settings through transientSettings is deprecated. Prefer using persistent settings instead."
        let header = ElasticsearchWarning.header(message, version: "9.1.0", buildHash: "00000000")
        #expect(header.name == "Warning")
        #expect(header.value == "299 Elasticsearch-9.1.0-00000000 \"\(message)\"")
        #expect(ElasticsearchWarning.message(fromHeaderValue: header.value) == message)
        let quoted = ElasticsearchWarning.header("say \"hi\"", version: "9.1.0", buildHash: "h")
        #expect(quoted.value == #"299 Elasticsearch-9.1.0-h "say \"hi\"""#)
        #expect(ElasticsearchWarning.message(fromHeaderValue: quoted.value) == "say \"hi\"")
    }

    @Test("filter_path keeps matching paths only")
    func filterPath() {
        let body: JSONValue = [
            "a": ["connected": true, "skip_unavailable": false], "b": ["connected": false, "x": 1],
        ]
        #expect(JSONFilterPath.apply("*.connected", to: body) == ["a": ["connected": true], "b": ["connected": false]])
        #expect(JSONFilterPath.apply("a", to: body) == ["a": ["connected": true, "skip_unavailable": false]])
        #expect(JSONFilterPath.apply("nothing", to: body) == [:])
    }

    @Test("router: path parameters, query, authentication before routing, method not allowed, HEAD")
    func router() async {
        var router = RESTRouter(
            authenticator: RESTAuthenticator(
                users: [.elastic(password: Secret("pw"))], apiKeys: APIKeyStore()))
        router.add("GET", "/things/{id}") { request in
            request.json(["id": .string(request.pathParameters["id"] ?? ""), "q": .string(request.query["q"] ?? "")])
        }
        router.add("GET", "/open", authenticated: false) { request in request.json(["open": true]) }
        let basic = "Basic " + Data("elastic:pw".utf8).base64EncodedString()
        func request(_ method: String, _ uri: String, auth: String? = basic) -> IncomingHTTPRequest {
            IncomingHTTPRequest(method: method, uri: uri, headers: auth.map { [HTTPHeader("Authorization", $0)] } ?? [])
        }
        let thing = await router.respond(to: request("GET", "/things/a%20b?q=x%2By&pretty"))
        #expect((try? JSONValue.parse(thing.body)) == ["id": "a b", "q": "x+y"])
        #expect(thing.text.contains("\n"))  // pretty
        #expect(await router.respond(to: request("GET", "/open", auth: nil)).status == 200)
        #expect(await router.respond(to: request("GET", "/things/1", auth: nil)).status == 401)
        #expect(await router.respond(to: request("GET", "/elsewhere", auth: nil)).status == 401)
        let wrongMethod = await router.respond(to: request("PUT", "/things/1"))
        #expect(wrongMethod.status == 405)
        #expect(
            wrongMethod.text
                == #"{"error":"Incorrect HTTP method for uri [/things/1] and method [PUT], allowed: [GET]","status":405}"#
        )
        let head = await router.respond(to: request("HEAD", "/things/1"))
        #expect(head.status == 200 && head.body.isEmpty)
    }

    @Test("API key store: check order and hashing")
    func apiKeyStore() {
        let store = APIKeyStore()
        let created = store.create(
            name: "k", type: .crossCluster, username: "elastic", realm: "reserved", expiration: nil)
        #expect(created.key.id.count == 20)
        #expect(created.secret.revealed.count == 22)
        #expect(!created.key.secretHash.contains(created.secret.revealed))
        #expect(store.check(encoded: created.encoded.revealed) == .valid(created.key))
        #expect(
            store.check(encoded: Data("\(created.key.id):wrong".utf8).base64EncodedString())
                == .wrongSecret(id: created.key.id))
        #expect(store.check(encoded: "%%%") == .malformed)
        store.invalidate(id: created.key.id)
        guard case .invalidated = store.check(encoded: created.encoded.revealed) else {
            Issue.record("an invalidated key was accepted")
            return
        }
    }
}
