import Foundation

/// A non-2xx answer from a cluster, decoded from Elasticsearch's error body (or from whatever
/// else answered, such as a proxy's HTML page), with a one-sentence explanation for the operator.
///
/// Every text is redacted of the secrets given when it was made.
public struct ElasticsearchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request that failed, e.g. `GET /_remote/info`.
    public var operation: String
    /// The HTTP status code.
    public var status: Int
    /// `error.type`; nil when the body was not an Elasticsearch error.
    public var type: String?
    /// `error.reason`, or the text when `error` is a plain string.
    public var reason: String?
    /// `error.root_cause`.
    public var rootCauses: [ElasticsearchErrorCause]
    /// The `error.caused_by` chain, outermost first.
    public var causedBy: [ElasticsearchErrorCause]
    /// `error.suppressed`: failures Elasticsearch attached to the error, such as each connection
    /// attempt behind `Unable to open any proxy connections`.
    public var suppressed: [ElasticsearchErrorCause] = []
    /// For bodies that are not Elasticsearch errors: the page title or the first words of the text.
    public var bodyExcerpt: String?

    public init(
        operation: String, status: Int, type: String?, reason: String?, rootCauses: [ElasticsearchErrorCause] = [],
        causedBy: [ElasticsearchErrorCause] = [], bodyExcerpt: String? = nil
    ) {
        self.operation = operation
        self.status = status
        self.type = type
        self.reason = reason
        self.rootCauses = rootCauses
        self.causedBy = causedBy
        self.bodyExcerpt = bodyExcerpt
    }

    /// Decodes an error response. Secrets are removed from the body before anything is read.
    public init(operation: String, response: HTTPResponse, secrets: [Secret] = []) {
        let text = response.text.redacting(secrets)
        self.init(operation: operation, status: response.status, type: nil, reason: nil)
        // Redacted again once decoded: JSON may write a secret with escapes (`\/`, `\u0041`).
        guard let json = (try? JSONValue.parse(text))?.redacting(secrets), let error = json["error"] else {
            bodyExcerpt = Self.excerpt(of: text)
            return
        }
        if let message = error.stringValue {
            reason = message
            return
        }
        let top = ElasticsearchErrorCause(json: error)
        type = top?.type
        reason = top?.reason
        rootCauses = error["root_cause"]?.arrayValue?.compactMap(ElasticsearchErrorCause.init(json:)) ?? []
        causedBy = top?.causedByChain ?? []
        suppressed = error["suppressed"]?.arrayValue?.compactMap(ElasticsearchErrorCause.init(json:)) ?? []
        if let status = json.integer("status"), status != response.status, (400...599).contains(status) {
            self.status = status
        }
    }

    /// Every reason in the body: top level, root causes, the caused-by chain, then the suppressed.
    public var allReasons: [String] {
        ([reason] + rootCauses.map(\.reason) + causedBy.map(\.reason) + suppressed.map(\.reason)).compactMap { $0 }
    }

    /// Whether any level of the error has this type.
    public func hasType(_ wanted: String) -> Bool {
        type == wanted || rootCauses.contains { $0.type == wanted } || causedBy.contains { $0.type == wanted }
    }

    /// The most specific reason: the deepest caused-by that has one, else the top level.
    var specificReason: String? {
        causedBy.last(where: { $0.reason != nil })?.reason.flatMap { deep in
            reason.map { $0.contains(deep) ? $0 : "\($0) (caused by: \(deep))" } ?? deep
        } ?? reason ?? rootCauses.first?.reason
    }

    /// The page title or the first words of a non-JSON body.
    static func excerpt(of text: String) -> String? {
        if let start = text.range(of: "<title>", options: .caseInsensitive),
            let end = text.range(of: "</title>", options: .caseInsensitive, range: start.upperBound..<text.endIndex)
        {
            let title = text[start.upperBound..<end.lowerBound].trimmingWhitespaceAndNewlines()
            if !title.isEmpty { return title }
        }
        let stripped = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if stripped.isEmpty { return nil }
        return stripped.count > 120 ? String(stripped.prefix(120)) + "…" : stripped
    }

    public var description: String { ElasticsearchErrorExplainer.sentence(for: self) }
}
