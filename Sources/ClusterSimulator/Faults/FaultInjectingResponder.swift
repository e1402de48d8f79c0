import Foundation
import RemoteClusterKit

/// Wraps a REST responder with the HTTP-level faults: `slow`, `http-500`, `malformed-json`, `reset`.
public enum FaultInjection {
    public static func wrap(
        _ respond: @escaping @Sendable (IncomingHTTPRequest) async -> HTTPResponse,
        faults: FaultSwitchboard
    ) -> HTTPResponder {
        { request in
            let active = faults.active
            if active.contains(.slowResponses) {
                try? await Task.sleep(for: faults.slowDelay)
            }
            if active.contains(.resetMidResponse) { return .resetMidResponse }
            if active.contains(.http500) {
                return .respond(
                    ElasticsearchErrorResponse(
                        status: 500, type: "exception", reason: "simulated internal server error (fault http-500)"
                    ).response())
            }
            var response = await respond(request)
            if active.contains(.malformedJSON) {
                let text = response.text
                response.body = Data((text.isEmpty ? "{\"" : String(text.prefix(max(1, text.count / 2)))).utf8)
                response.headers.removeAll { $0.name.lowercased() == "content-type" }
                response.headers.append(HTTPHeader("content-type", "application/json"))
            }
            return .respond(response)
        }
    }
}
