import Foundation

/// The lines of the request trace (`-v`, `--log-file`): one per HTTP request, kubectl call and
/// TLS probe, with what was asked, how it ended and how long it took. Never a header or a body,
/// and the secrets the caller knows of are redacted from what is left.
public enum TraceText {
    /// `GET https://127.0.0.1:9200/_remote/info -> 200 (12 ms)`
    public static func http(_ request: HTTPRequest, to endpoint: ClusterEndpoint, status: Int, elapsed: Duration)
        -> String
    {
        redacted(
            "\(request.method.rawValue) \(endpoint.baseURL)\(request.path) -> \(status) (\(format(elapsed)))", endpoint)
    }

    /// `GET https://… -> failed after 10 s: <what the transport said>`
    public static func http(
        _ request: HTTPRequest, to endpoint: ClusterEndpoint, failure: TransportError, elapsed: Duration
    ) -> String {
        redacted(
            "\(request.method.rawValue) \(endpoint.baseURL)\(request.path) -> failed after \(format(elapsed)): \(failure)",
            endpoint)
    }

    /// `kubectl --context c --namespace n get elasticsearch x -o json -> ok (85 ms)`, or `-> failed
    /// after …: <kubectl's message>` (kubectl's messages are already redacted by the client).
    public static func kubectl(_ command: String, failure: KubernetesError? = nil, elapsed: Duration) -> String {
        guard let failure else { return "\(command) -> ok (\(format(elapsed)))" }
        // kubectl's own words, without the command line the error repeats.
        let said: String
        if case .commandFailed(_, let message) = failure { said = message } else { said = failure.description }
        return "\(command) -> failed after \(format(elapsed)): \(said)"
    }

    /// `TLS probe 127.0.0.1:9443 (server name x, trusting ca.crt) -> passed (8 ms)`, or `-> failed:
    /// <the diagnosis summary>`.
    public static func probe(_ result: TLSProbeResult, elapsed: Duration) -> String {
        let request = result.request
        let name = request.serverName.map { "server name \($0)" } ?? "no server name"
        let outcome = result.passed ? "passed" : "failed" + (result.diagnosis.map { ": \($0.summary)" } ?? "")
        return "TLS probe \(request.address) (\(name), trusting \(request.trust)) -> \(outcome) (\(format(elapsed)))"
    }

    /// `12 ms` below a second, `1.25 s` above.
    public static func format(_ elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        return String(format: "%.2f s", seconds)
    }

    private static func redacted(_ line: String, _ endpoint: ClusterEndpoint) -> String {
        line.redacting(endpoint.auth.secrets)
    }
}
