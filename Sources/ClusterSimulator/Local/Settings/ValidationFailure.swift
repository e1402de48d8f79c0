extension ElasticsearchErrorResponse {
    /// `action_request_validation_exception` with status 400: `Validation Failed: 1: …;2: …;`.
    public static func validationFailed(_ errors: [String]) -> ElasticsearchErrorResponse {
        let numbered = errors.enumerated().map { "\($0.offset + 1): \($0.element);" }.joined()
        return ElasticsearchErrorResponse(
            status: 400, type: "action_request_validation_exception", reason: "Validation Failed: \(numbered)")
    }
}
