import Foundation
import RemoteClusterKit

/// Runs the client's response decoders on one body, through a transport that answers every
/// request with it, as a server under an attacker's control could.
enum ResponseReplay {
    /// Answers every request with `200` and the same body.
    struct FixedAnswer: HTTPTransport {
        let body: Data
        func send(_ request: HTTPRequest, to endpoint: ClusterEndpoint) async throws(TransportError) -> HTTPResponse {
            HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "application/json")], body: body)
        }
    }

    /// Decodes `body` as the answer to every read operation the tool makes.
    static func decodeEverything(_ body: Data) {
        let client = ElasticsearchClient(
            transport: FixedAnswer(body: body), endpoint: ClusterEndpoint(baseURL: "https://fuzz.invalid:9200"))
        let done = DispatchSemaphore(value: 0)
        Task {
            _ = try? await client.info()
            _ = try? await client.license()
            _ = try? await client.authenticate()
            _ = try? await client.remoteInfo()
            _ = try? await client.resolveCluster(aliases: ["logs"])
            _ = try? await client.configuredRemotes()
            _ = try? await client.apiKeys(APIKeyQuery())
            _ = try? await client.reloadSecureSettings()
            done.signal()
        }
        done.wait()
    }
}
