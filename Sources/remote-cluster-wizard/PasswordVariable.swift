import RemoteClusterKit

/// The environment variable holding the local cluster's password, for `status` and the wizard:
/// ES_PASSWORD, or ELASTIC_PASSWORD (the name Elastic's own tools use) when only that one is set.
enum PasswordVariable {
    static func name(in environment: [String: String]) -> String {
        environment["ES_PASSWORD"]?.isEmpty ?? true && !(environment["ELASTIC_PASSWORD"]?.isEmpty ?? true)
            ? "ELASTIC_PASSWORD" : "ES_PASSWORD"
    }

    /// The wizard's local cluster password from the environment: it fills the password field, so
    /// that a resumed run (answers are saved, passwords never) can go straight back to where it
    /// stopped. A value that cannot be sent (several lines) is left out with a warning.
    static func localPassword(in environment: [String: String], output: CommandOutput) -> Secret? {
        let variable = name(in: environment)
        do {
            return try SecretReading.environment(
                variable, in: environment, field: variable, what: "the local cluster's password")
        } catch {
            output.warning("\(error.description) The wizard asks for the password instead.")
            return nil
        }
    }
}
