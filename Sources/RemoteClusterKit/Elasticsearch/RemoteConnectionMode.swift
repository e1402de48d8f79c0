/// How the local cluster connects to a remote: `proxy` (one address) or `sniff` (seed nodes).
public enum RemoteConnectionMode: Sendable, Hashable, CustomStringConvertible {
    case proxy
    case sniff
    /// A mode this tool does not know (very old or future releases).
    case other(String)

    /// Reads Elasticsearch's name for the mode, case-insensitively.
    public init(name: String) {
        switch name.lowercased() {
        case "proxy": self = .proxy
        case "sniff": self = .sniff
        default: self = .other(name)
        }
    }

    /// The name Elasticsearch uses.
    public var name: String {
        switch self {
        case .proxy: return "proxy"
        case .sniff: return "sniff"
        case .other(let name): return name
        }
    }

    public var description: String { name }
}
