extension Validators {
    /// The name of an environment variable that holds a secret (`passwordEnv`, `encodedEnv`):
    /// `[A-Za-z_][A-Za-z0-9_]*`, and not something that looks like the secret itself.
    ///
    /// Whatever is wrong, the value is never repeated: a value in this place that is not a
    /// name is most likely the password or key pasted by mistake.
    public static func environmentVariableName(_ value: String, field: String) -> [FieldProblem] {
        let problem = FieldProblemMaker(field: field)
        let fix =
            "Give the name of the variable that holds it, e.g. REMOTE_PASSWORD (letters, digits and _), and set it before running: read -rs REMOTE_PASSWORD; export REMOTE_PASSWORD."
        let valid =
            value.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && value.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        if !valid {
            return problem(
                "is not an environment variable name (the value is not repeated, in case it is a secret)", fix)
        }
        if looksLikeSecret(value) {
            return problem(
                "looks like a password or an encoded API key, not the name of an environment variable (it is not repeated here)",
                "Remove the secret from the file, which must never hold one. \(fix)")
        }
        return []
    }

    /// Whether a text that is a valid variable name still looks like a secret: it decodes as an
    /// encoded API key (`id:api_key` in base64), or it is a long mix of lower case, upper case
    /// and digits without the `_` that variable names use between words.
    static func looksLikeSecret(_ value: String) -> Bool {
        if encodedAPIKey(value).errors.isEmpty { return true }
        let mixed =
            value.contains(where: { $0.isASCII && $0.isLowercase })
            && value.contains(where: { $0.isASCII && $0.isUppercase })
            && value.contains(where: \.isASCIIDigit)
        return value.count >= 16 && !value.contains("_") && mixed
    }
}
