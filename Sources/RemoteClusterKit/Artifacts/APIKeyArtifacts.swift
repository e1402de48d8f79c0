import Foundation

/// The cross-cluster API key request for the remote and the local role with `remote_indices`,
/// as Kibana Dev Tools requests.
public enum APIKeyArtifacts {
    /// `POST /_security/cross_cluster/api_key` for one remote, when its key is to be created.
    public static func keyRequest(_ remote: RemoteSetup) -> ArtifactSet {
        guard let key = remote.keyToCreate else { return ArtifactSet() }
        let target = Artifact.Target.remote(alias: remote.alias)
        let artifact = Artifact.devTools(
            [ElasticsearchRequests.createCrossClusterAPIKey(key)],
            fileName: "remote-\(remote.alias)-cross-cluster-api-key.txt",
            title: "Request that creates the cross-cluster API key on \(remote.alias) (Kibana Dev Tools)",
            target: target)
        let note = ArtifactNote(
            "Create the key on \(remote.alias) with a user that has manage_security (not with an API key); the `encoded` value of the response goes into the local credentials Secret under \(LocalClusterNaming.credentialsSetting(alias: remote.alias)).",
            target: target)
        return ArtifactSet(artifacts: [artifact], notes: [note])
    }

    /// The role granting the role's indices on the given aliases (`remote_indices`).
    public static func roleDefinition(_ role: RemoteRoleSetup, aliases: [String]) -> RoleDefinition {
        RoleDefinition(remoteIndices: [
            RoleDefinition.RemoteIndices(
                clusters: aliases, names: role.indexNames,
                privileges: role.privileges)
        ])
    }

    /// `PUT /_security/role/<name>` on the local cluster.
    public static func role(_ role: RemoteRoleSetup, aliases: [String]) -> ArtifactSet {
        let artifact = Artifact.devTools(
            [ElasticsearchRequests.putRole(name: role.name, roleDefinition(role, aliases: aliases))],
            fileName: "local-role-\(fileSafe(role.name)).txt",
            title: "Request that creates the role \(role.name) on the local cluster (Kibana Dev Tools)", target: .local)
        let note = ArtifactNote(
            "The role's access is intersected with each API key's access: a user with role \(role.name) sees only indices that both allow.",
            target: .local)
        return ArtifactSet(artifacts: [artifact], notes: [note])
    }

    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }
}
