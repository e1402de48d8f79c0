/// The words for a secret written where a plan only names where the secret is.
enum PlanSecretRules {
    /// The problem, which never repeats the value.
    static let secretInPlan =
        "is a single value, but a plan never holds the key itself, only where to read it (the value is not repeated here)"

    /// The problem for an encoded key written where the plan wants the path of a key file.
    static let keyAsPath =
        "is the encoded key itself, not the path of a file that holds it (it is not repeated here)"

    /// Whether `text` is an encoded API key (base64 of `id:api_key`) rather than a path.
    static func isEncodedKey(_ text: String) -> Bool { Validators.encodedAPIKey(text).errors.isEmpty }

    static let keySourceFix =
        "Remove the key from the plan; put it in an environment variable and write `apiKey: {encodedEnv: NAME}`, or in a file and write `apiKey: {encodedFile: path}` (or use `create`)."
}
