import Foundation
import Testing
@testable import RemoteClusterKit

@Suite struct ElasticsearchClientTests {
    @Test func sendsTheBuiltRequestToTheEndpoint() async throws {
        let transport = RecordingTransport(
            status: 200, json: ["acknowledged": true, "persistent": [:], "transient": [:]])
        let client = ElasticsearchClient.recording(transport)
        let remote = RemoteClusterSettings(
            alias: "central", mode: .proxy(address: "central.example.net:9443", serverName: nil))
        #expect(try await client.putRemote(remote))
        #expect(await transport.requests == [ElasticsearchRequests.putRemote(remote)])
        #expect(await transport.endpoints.map(\.baseURL) == ["https://central.example.net:9200"])
    }

    @Test func turnsTransportFailuresIntoTypedErrors() async {
        let transport = RecordingTransport([.failure(.connectionRefused(host: "central.example.net", port: 9200))])
        let client = ElasticsearchClient.recording(transport)
        do {
            _ = try await client.remoteInfo()
            Issue.record("expected a failure")
        } catch {
            #expect(error == .transport(.connectionRefused(host: "central.example.net", port: 9200)))
            #expect(error.status == nil)
            #expect(error.description.hasPrefix("Nothing is listening on central.example.net:9200"))
        }
    }

    @Test func turnsErrorStatusesIntoElasticsearchErrorsWithTheEndpointsSecretRedacted() async throws {
        let body =
            #"{"error":{"type":"security_exception","reason":"unable to authenticate user [elastic] with password [s3cret-password] for REST request [/_license]"},"status":401}"#
        let client = ElasticsearchClient.recording(RecordingTransport(status: 401, body: body))
        do {
            _ = try await client.license()
            Issue.record("expected a failure")
        } catch {
            guard case .server(let server) = error else { Issue.record("unexpected \(error)"); return }
            #expect(server.operation == "GET /_license")
            #expect(server.status == 401)
            #expect(error.status == 401)
            #expect(server.reason?.contains("::redacted::") == true)
            #expect(!error.description.contains("s3cret-password"))
        }
    }

    @Test func leavesTheQueryOutOfTheOperationName() async {
        let client = ElasticsearchClient.recording(
            RecordingTransport(
                status: 404,
                body: #"{"error":{"type":"resource_not_found_exception","reason":"no API key"},"status":404}"#))
        do {
            _ = try await client.apiKeys(APIKeyQuery(id: "x"))
            Issue.record("expected a failure")
        } catch {
            guard case .server(let server) = error else { Issue.record("unexpected \(error)"); return }
            #expect(server.operation == "GET /_security/api_key")
        }
    }

    @Test func reportsUndecodableSuccessBodies() async {
        let client = ElasticsearchClient.recording(
            RecordingTransport(status: 200, body: "<html>Kibana</html>", contentType: "text/html"))
        do {
            _ = try await client.info()
            Issue.record("expected a failure")
        } catch {
            guard case .undecodable(let problem) = error else { Issue.record("unexpected \(error)"); return }
            #expect(problem.operation == "GET /")
            #expect(problem.description.hasPrefix("The answer to GET / could not be read: the body is not JSON"))
        }
        let arrayClient = ElasticsearchClient.recording(RecordingTransport(status: 200, body: "[1]"))
        await #expect(
            throws: ElasticsearchClientError.undecodable(
                ResponseDecodingError(operation: "GET /_remote/info", detail: "the body is not a JSON object"))
        ) {
            _ = try await arrayClient.remoteInfo()
        }
    }

    @Test func answersOneRequestAtATimeInOrder() async throws {
        let transport = RecordingTransport([
            .response(
                HTTPResponse(
                    status: 200, body: Data(#"{"c":{"connected":true,"mode":"proxy","proxy_address":"h:9443"}}"#.utf8))),
            .response(
                HTTPResponse(status: 200, body: Data(#"{"c":{"connected":false,"skip_unavailable":true}}"#.utf8))),
        ])
        let client = ElasticsearchClient.recording(transport)
        let info = try await client.remoteInfo()
        let resolved = try await client.resolveCluster(aliases: ["c"])
        #expect(info.first?.connected == true)
        #expect(resolved.first?.connected == false)
        #expect(await transport.requests.map(\.path) == ["/_remote/info", "/_resolve/cluster/c:*"])
    }
}
