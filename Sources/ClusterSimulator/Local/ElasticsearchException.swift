import OrderedCollections
import RemoteClusterKit

/// An exception as the simulated local cluster raises it, rendered the way Elasticsearch renders a
/// failed REST request: `{"error":{"root_cause":[…],"type":…,"reason":…},"status":…}`.
///
/// `type` is the snake_case exception name (`illegal_argument_exception`, `security_exception`, …),
/// `reason` the exact message text, `status` the HTTP status code.
public struct ElasticsearchException: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    public var type: String
    public var reason: String
    /// Extra fields Elasticsearch adds after `reason` (e.g. `header`), in order.
    public var metadata: OrderedDictionary<String, JSONValue>

    public init(status: Int, type: String, reason: String, metadata: OrderedDictionary<String, JSONValue> = [:]) {
        self.status = status
        self.type = type
        self.reason = reason
        self.metadata = metadata
    }

    /// `illegal_argument_exception` with status 400, the error of every invalid setting.
    public static func illegalArgument(_ reason: String) -> ElasticsearchException {
        ElasticsearchException(status: 400, type: "illegal_argument_exception", reason: reason)
    }

    /// `action_request_validation_exception` with status 400: `Validation Failed: 1: …;`.
    public static func validationFailed(_ errors: [String]) -> ElasticsearchException {
        let numbered = errors.enumerated().map { "\($0.offset + 1): \($0.element);" }.joined(separator: "")
        return ElasticsearchException(
            status: 400, type: "action_request_validation_exception", reason: "Validation Failed: \(numbered)")
    }

    /// The error object (`type`, `reason`, metadata) without the `root_cause` list.
    var causeObject: JSONValue {
        var members: OrderedDictionary<String, JSONValue> = ["type": .string(type), "reason": .string(reason)]
        for (key, value) in metadata { members[key] = value }
        return .object(members)
    }

    /// The complete response body.
    public var body: JSONValue {
        var error: OrderedDictionary<String, JSONValue> = ["root_cause": [causeObject]]
        if case .object(let members) = causeObject {
            for (key, value) in members { error[key] = value }
        }
        return ["error": .object(error), "status": .int(status)]
    }

    public var description: String { "[\(type)] \(reason)" }
}
