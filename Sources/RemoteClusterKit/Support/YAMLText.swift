import Yams

/// The one way the tool turns YAML text into a tree: the size check first, then Yams.
enum YAMLText {
    /// The composed document (nil when it is empty), after checking it against `limits`.
    static func compose(_ text: String, limits: YAMLLimits = .standard) throws(YAMLConversionError) -> Node? {
        try YAMLSizeCheck.check(text, limits: limits)
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw YAMLConversionError(location: nil, reason: YAMLErrorText.describe(error))
        }
    }
}
