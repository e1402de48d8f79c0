import RemoteClusterKit

extension APIKeyRoutes {
    /// Elasticsearch's checks of a new API key's name (the create request's `validate()`), with
    /// its texts: required, at most 256 characters, no whitespace at either end, no leading `_`.
    /// All that apply are reported together, numbered, as Elasticsearch does. Lengths are Java's
    /// (UTF-16 code units) and the ends are Java's `trim()` (characters up to U+0020).
    static func validateName(_ name: String) throws(ElasticsearchErrorResponse) {
        guard !name.isEmpty else { throw .validationFailed(["api key name is required"]) }
        var errors: [String] = []
        if name.utf16.count > 256 { errors.append("api key name may not be more than 256 characters long") }
        let trimmable = { (scalar: Unicode.Scalar?) in scalar.map { $0.value <= 0x20 } ?? false }
        if trimmable(name.unicodeScalars.first) || trimmable(name.unicodeScalars.last) {
            errors.append("api key name may not begin or end with whitespace")
        }
        if name.hasPrefix("_") { errors.append("api key name may not begin with an underscore") }
        if !errors.isEmpty { throw .validationFailed(errors) }
    }
}
