import Foundation
@testable import RemoteClusterKit

/// A stand-in transport that records every request and answers from a script.
actor RecordingTransport: HTTPTransport {
    enum Reply: Sendable {
        case response(HTTPResponse)
        case failure(TransportError)
    }

    private(set) var requests: [HTTPRequest] = []
    private(set) var endpoints: [ClusterEndpoint] = []
    private var replies: [Reply]

    init(_ replies: [Reply]) { self.replies = replies }

    /// Answers every request with `status` and a JSON body.
    init(status: Int = 200, json: JSONValue) {
        self.replies = [
            .response(
                HTTPResponse(
                    status: status, headers: [HTTPHeader("Content-Type", "application/json")], body: json.jsonData()))
        ]
    }

    /// Answers with `status` and a raw body.
    init(status: Int, body: String, contentType: String = "application/json") {
        self.replies = [
            .response(
                HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", contentType)], body: Data(body.utf8)))
        ]
    }

    func send(_ request: HTTPRequest, to endpoint: ClusterEndpoint) async throws(TransportError) -> HTTPResponse {
        requests.append(request)
        endpoints.append(endpoint)
        // The last reply repeats once the script runs out.
        let reply = replies.count > 1 ? replies.removeFirst() : replies[0]
        switch reply {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}

extension ElasticsearchClient {
    /// A client over a recording transport, with basic credentials whose password tests can look for.
    static func recording(_ transport: RecordingTransport) -> ElasticsearchClient {
        ElasticsearchClient(
            transport: transport,
            endpoint: ClusterEndpoint(
                baseURL: "https://central.example.net:9200",
                auth: .basic(user: "elastic", password: Secret("s3cret-password"))))
    }
}
