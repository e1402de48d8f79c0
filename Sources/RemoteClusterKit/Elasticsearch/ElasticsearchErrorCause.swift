/// One cause in an Elasticsearch error body: `type`, `reason` and any extra fields.
public struct ElasticsearchErrorCause: Sendable, Hashable, CustomStringConvertible {
    /// The exception type in snake_case, e.g. `security_exception`.
    public var type: String
    /// The human-readable message, when there is one.
    public var reason: String?
    /// The whole cause object, for exception-specific fields such as `header`.
    public var details: JSONValue

    public init(type: String, reason: String?, details: JSONValue = [:]) {
        self.type = type
        self.reason = reason
        self.details = details
    }

    /// Reads a cause object; nil when it is not an object.
    init?(json: JSONValue) {
        guard json.objectValue != nil else { return nil }
        self.type = json.text("type") ?? "unknown"
        self.reason = json.text("reason")
        self.details = json
    }

    /// The chain of `caused_by` below this cause, outermost first.
    var causedByChain: [ElasticsearchErrorCause] {
        var chain: [ElasticsearchErrorCause] = []
        var current = details["caused_by"]
        while let next = current.flatMap(ElasticsearchErrorCause.init(json:)), chain.count < 32 {
            chain.append(next)
            current = next.details["caused_by"]
        }
        return chain
    }

    /// `type: reason`
    public var description: String { reason.map { "\(type): \($0)" } ?? type }
}
