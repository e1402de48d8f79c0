/// `PUT /_cluster/settings` requests that add the remotes on the local cluster (persistent, one
/// request per alias, the other mode's keys set to null; other aliases are not touched).
public enum RemoteSettingsRequest {
    /// `local-remote-cluster-settings.txt` with one `PUT /_cluster/settings` per remote.
    public static func generate(_ remotes: [RemoteSetup]) -> ArtifactSet {
        let artifact = Artifact.devTools(
            remotes.map { ElasticsearchRequests.putRemote($0.settings) },
            fileName: "local-remote-cluster-settings.txt",
            title: "Requests that add the remotes on the local cluster (Kibana Dev Tools)", target: .local)
        let note = ArtifactNote(
            "Send local-remote-cluster-settings.txt only after the local pods have restarted with the credentials; then check GET /_remote/info for connected: true and cluster_credentials.",
            target: .local)
        return ArtifactSet(artifacts: [artifact], notes: [note])
    }
}
