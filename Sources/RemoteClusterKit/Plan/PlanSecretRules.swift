/// The words for a secret written where a plan only names where the secret is.
enum PlanSecretRules {
    /// The problem, which never repeats the value.
    static let secretInPlan =
        "is a single value, but a plan never holds the key itself, only where to read it (the value is not repeated here)"

    static let keySourceFix =
        "Remove the key from the plan; put it in an environment variable and write `apiKey: {encodedEnv: NAME}`, or in a file and write `apiKey: {encodedFile: path}` (or use `create`)."
}
