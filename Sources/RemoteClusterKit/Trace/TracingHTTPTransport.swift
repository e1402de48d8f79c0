import Logging

/// An `HTTPTransport` that logs every request it passes on (method, URL, status, time) at
/// `debug` level; headers and bodies are never logged.
public struct TracingHTTPTransport: HTTPTransport {
    public var base: any HTTPTransport
    public var logger: Logger

    public init(_ base: any HTTPTransport, logger: Logger) {
        self.base = base
        self.logger = logger
    }

    public func send(_ request: HTTPRequest, to endpoint: ClusterEndpoint) async throws(TransportError) -> HTTPResponse
    {
        let start = ContinuousClock.now
        do {
            let response = try await base.send(request, to: endpoint)
            logger.debug(
                "\(TraceText.http(request, to: endpoint, status: response.status, elapsed: ContinuousClock.now - start))"
            )
            return response
        } catch {
            logger.debug(
                "\(TraceText.http(request, to: endpoint, failure: error, elapsed: ContinuousClock.now - start))")
            throw error
        }
    }
}
