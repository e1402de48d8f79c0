import RemoteClusterKit

/// One HTTP request a simulated server answered, as `simulate -v` and `--log-file` show it: which
/// server, what was asked, how it ended and how long the answer took. Never a header or a body.
public struct ServedRequest: Sendable, Hashable {
    /// How the request ended.
    public enum Outcome: Sendable, Hashable {
        /// A complete response (or the head of a streamed one) with this status.
        case status(Int)
        /// The connection was reset part-way through the response (the `reset` fault).
        case reset
        /// No answer at all (the server holds the connection open).
        case hung
    }

    /// The server's name: `local`, `remote` or `kubernetes`.
    public var server: String
    public var method: String
    /// The request target as sent: path and query string.
    public var uri: String
    public var outcome: Outcome
    /// From the end of the request to the reply being ready.
    public var elapsed: Duration

    public init(server: String, method: String, uri: String, outcome: Outcome, elapsed: Duration) {
        self.server = server
        self.method = method
        self.uri = uri
        self.outcome = outcome
        self.elapsed = elapsed
    }

    /// `remote: GET /_remote/info -> 200 (3 ms)`, the line of the request trace.
    public var traceLine: String {
        let ending: String
        switch outcome {
        case .status(let status): ending = "\(status)"
        case .reset: ending = "connection reset mid-response"
        case .hung: ending = "no answer (held open)"
        }
        return "\(server): \(method) \(uri) -> \(ending) (\(TraceText.format(elapsed)))"
    }
}

/// Called once for every request a simulated server answers, on one of its event loops.
public typealias ServedRequestObserver = @Sendable (ServedRequest) -> Void
