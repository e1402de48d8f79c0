import Foundation

/// Reads the secrets a plan names (environment variables and files) when they are needed, as
/// `Secret` values. Problems name the plan's YAML path and never contain the secret.
public struct PlanSecretResolver: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The value of an environment variable without trailing line breaks; `field` is the YAML
    /// path that names it.
    public func environmentValue(_ name: String, field: String) throws(FieldProblem) -> Secret {
        guard let value = try SecretReading.environment(name, in: environment, field: field, what: "the secret")
        else {
            throw FieldProblem(
                field: field, problem: "the environment variable \(name) is not set",
                fix: "Set it before running, e.g. read -rs \(name); export \(name).")
        }
        return value
    }

    /// The contents of a file (or pipe) without trailing line breaks.
    public func fileContents(_ url: URL, field: String) throws(FieldProblem) -> Secret {
        try SecretReading.file(at: url.path, field: field, what: "the encoded API key")
    }

    /// The encoded cross-cluster API key of a remote, or nil when the key is still to be created.
    public func encodedKey(for remote: PlanRemote) throws(FieldProblem) -> Secret? {
        let field: String
        let key: Secret
        switch remote.apiKey {
        case .create: return nil
        case .encodedEnv(let name):
            field = "\(remote.yamlPath).apiKey.encodedEnv"
            key = try environmentValue(name, field: field)
        case .encodedFile(let url):
            field = "\(remote.yamlPath).apiKey.encodedFile"
            key = try fileContents(url, field: field)
        }
        if let problem = Validators.encodedAPIKey(key.revealed, field: field).errors.first {
            throw problem.renamed(to: field)
        }
        return key
    }

    /// The password of the user that creates a remote's key, or nil when the key is given.
    public func creationPassword(for remote: PlanRemote) throws(FieldProblem) -> Secret? {
        guard case .create(let creation) = remote.apiKey else { return nil }
        return try environmentValue(creation.passwordEnv, field: "\(remote.yamlPath).apiKey.create.passwordEnv")
    }

    /// The local cluster user's password.
    public func localPassword(for plan: Plan) throws(FieldProblem) -> Secret {
        try environmentValue(plan.local.passwordEnv, field: "local.passwordEnv")
    }
}
