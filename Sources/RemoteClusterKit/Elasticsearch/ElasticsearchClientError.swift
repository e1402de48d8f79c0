/// Why an Elasticsearch operation did not produce its result.
public enum ElasticsearchClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No HTTP response: DNS, TCP, TLS or timeout.
    case transport(TransportError)
    /// A non-2xx response.
    case server(ElasticsearchError)
    /// A 2xx response whose body is not what the operation returns.
    case undecodable(ResponseDecodingError)

    /// The HTTP status when there was a response.
    public var status: Int? {
        switch self {
        case .server(let error): return error.status
        case .transport, .undecodable: return nil
        }
    }

    public var description: String {
        switch self {
        case .transport(let error): return error.description
        case .server(let error): return error.description
        case .undecodable(let error): return error.description
        }
    }
}
