import Foundation
import RemoteClusterKit

/// The `status` options and environment checked and turned into a `ClusterEndpoint`.
struct StatusInput {
    let settings: StatusSettings
    let environment: [String: String]

    /// The endpoint to ask, and the warnings to show first (e.g. plain `http://`, a CA that
    /// expires soon); or every error found.
    func endpoint() -> Result<(endpoint: ClusterEndpoint, warnings: [FieldProblem]), InputProblems> {
        var problems: [FieldProblem] = []
        let url = settings.url
        guard !url.isEmpty else { return .failure(InputProblems(list: [UsageErrors.missing("--url")])) }
        problems += Validators.clusterURL(url, field: "--url")
        if let caFile = settings.caFile { problems += Validators.caFile(caFile, field: "--ca") }
        let auth = authentication(problems: &problems)
        guard problems.errors.isEmpty, let auth else { return .failure(InputProblems(list: problems.errors)) }
        let endpoint = ClusterEndpoint(
            baseURL: url.trimmingWhitespaceAndNewlines(), auth: auth,
            trust: settings.caFile.map(TrustSource.caFile) ?? .systemStore, insecure: settings.insecure)
        return .success((endpoint, problems.warnings))
    }

    /// Basic authentication with `--user`, else an API key when one is given, else none (a
    /// password without a user is refused rather than silently not sent).
    private func authentication(problems: inout [FieldProblem]) -> ClusterAuth? {
        if let user = settings.user {
            guard
                let password = secret(
                    file: settings.passwordFile, fileField: "--password-file", variable: passwordVariable,
                    problems: &problems)
            else {
                if settings.passwordFile == nil {
                    problems.append(
                        FieldProblem(
                            field: "--user", problem: "no password for \(user)",
                            fix:
                                "Set the environment variable ES_PASSWORD (or ELASTIC_PASSWORD) or give --password-file FILE."
                        ))
                }
                return nil
            }
            return .basic(user: user, password: password)
        }
        if settings.passwordFile != nil {
            problems.append(
                FieldProblem(
                    field: "--password-file", problem: "a password was given without a user", fix: "Add --user NAME."))
            return nil
        }
        if settings.apiKeyFile == nil, environment["ES_API_KEY"]?.isEmpty ?? true,
            !(environment[passwordVariable]?.isEmpty ?? true)
        {
            problems.append(
                FieldProblem(
                    field: "--user", problem: "\(passwordVariable) is set, but no user was given",
                    fix: "Add --user NAME (e.g. --user elastic), or unset \(passwordVariable) to send no credentials."))
            return nil
        }
        guard
            let key = secret(
                file: settings.apiKeyFile, fileField: "--api-key-file", variable: "ES_API_KEY", problems: &problems)
        else {
            return settings.apiKeyFile == nil ? ClusterAuth.none : nil
        }
        let field = settings.apiKeyFile == nil ? "ES_API_KEY" : "--api-key-file"
        let keyProblems = Validators.encodedAPIKey(key.revealed, field: field)
        problems += keyProblems
        return keyProblems.errors.isEmpty ? .apiKey(key) : nil
    }

    /// Where the password comes from: ES_PASSWORD, or ELASTIC_PASSWORD when only that one is set.
    var passwordVariable: String { PasswordVariable.name(in: environment) }

    /// The secret in `file` (a file or a pipe), or in the environment variable; nil when
    /// neither is set or the value cannot be used (which adds a problem).
    private func secret(file: String?, fileField: String, variable: String, problems: inout [FieldProblem]) -> Secret? {
        do {
            if let file { return try SecretReading.file(at: file, field: fileField, what: "the secret") }
            return try SecretReading.environment(variable, in: environment, field: variable, what: "the secret")
        } catch {
            problems.append(error)
            return nil
        }
    }
}
