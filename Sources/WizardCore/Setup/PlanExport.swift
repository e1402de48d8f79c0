import RemoteClusterKit

/// The wizard's answers as a plan file (the format `apply`, `manifests` and `undo` read), without
/// secrets: passwords and the key are named by environment variables the operator sets.
public enum PlanExport {
    /// The environment variables the plan names for the secrets.
    public static let remotePasswordEnv = "REMOTE_PASSWORD"
    public static let localPasswordEnv = "LOCAL_PASSWORD"
    public static let encodedKeyEnv = "REMOTE_API_KEY"

    public static func yaml(_ answers: SetupAnswers, decisions: RemoteDecisions = RemoteDecisions()) -> String {
        "# Made by remote-cluster-wizard. Secrets are not in this file: set \(localPasswordEnv)"
            + (answers.apiKeyMode == "create" ? " and \(remotePasswordEnv)" : " and \(encodedKeyEnv)")
            + ".\n" + plan(answers, decisions: decisions).yamlString()
    }

    static func plan(_ answers: SetupAnswers, decisions: RemoteDecisions) -> JSONValue {
        var remote: JSONValue = ["alias": .string(answers.alias), "type": .string(answers.remoteType)]
        if answers.mode == "sniff" && answers.type == .selfManaged {
            remote["mode"] = "sniff"
            remote["seeds"] = .array(SetupAnswers.list(answers.seeds).map(JSONValue.string))
        } else {
            remote["proxyAddress"] = .string(answers.proxyAddress)
        }
        if !answers.serverName.isEmpty { remote["serverName"] = .string(answers.serverName) }
        if !answers.caFile.isEmpty { remote["ca"] = .string(answers.caFile) }
        remote["skipUnavailable"] = .bool(answers.skipUnavailable)
        if decisions.remotePrepared { remote["prepared"] = true }
        if decisions.continuePastFailedPreflight { remote["ignorePreflightFailure"] = true }
        if let pattern = SetupAnswers.list(answers.searchPatterns).first { remote["searchPattern"] = .string(pattern) }
        if answers.type == .eck {
            var eck: JSONValue = [
                "name": .string(answers.remoteECKName), "namespace": .string(answers.remoteECKNamespace),
            ]
            if !answers.remoteECKContext.isEmpty { eck["context"] = .string(answers.remoteECKContext) }
            if !answers.remoteECKVersion.isEmpty { eck["version"] = .string(answers.remoteECKVersion) }
            remote["eck"] = eck
        }
        if answers.apiKeyMode == "create", let request = SetupPlanning.keyRequest(answers) {
            var create: JSONValue = [
                "url": .string(answers.remoteURL), "user": .string(answers.remoteUser),
                "passwordEnv": .string(remotePasswordEnv), "name": .string(request.name),
            ]
            if !answers.remoteHTTPCAFile.isEmpty { create["ca"] = .string(answers.remoteHTTPCAFile) }
            if let expiration = request.expiration { create["expiration"] = .string(expiration) }
            var access: JSONValue = [:]
            let search = SetupAnswers.list(answers.searchPatterns)
            let replication = SetupAnswers.list(answers.replicationPatterns)
            if !search.isEmpty { access["search"] = [["names": .array(search.map(JSONValue.string))]] }
            if !replication.isEmpty { access["replication"] = [["names": .array(replication.map(JSONValue.string))]] }
            create["access"] = access
            remote["apiKey"] = ["create": create]
        } else {
            remote["apiKey"] = ["encodedEnv": .string(encodedKeyEnv)]
        }
        var local: JSONValue = [
            "url": .string(answers.localURL), "user": .string(answers.localUser),
            "passwordEnv": .string(localPasswordEnv),
        ]
        if !answers.localHTTPCAFile.isEmpty { local["ca"] = .string(answers.localHTTPCAFile) }
        var eck: JSONValue = ["name": .string(answers.localName), "namespace": .string(answers.localNamespace)]
        if !answers.localContext.isEmpty { eck["context"] = .string(answers.localContext) }
        local["eck"] = eck
        local["applyManifests"] = .string(answers.applyManifests)
        if !answers.manifestsDirectory.isEmpty { local["manifestsDir"] = .string(answers.manifestsDirectory) }
        var plan: JSONValue = ["remotes": .array([remote]), "local": local]
        let rolePatterns = SetupAnswers.list(answers.rolePatterns)
        if !answers.roleName.isEmpty, !rolePatterns.isEmpty {
            plan["role"] = [
                "name": .string(answers.roleName), "names": .array(rolePatterns.map(JSONValue.string)),
                "privileges": .array(RoleDefinition.searchPrivileges.map(JSONValue.string)),
            ]
        }
        return plan
    }
}
