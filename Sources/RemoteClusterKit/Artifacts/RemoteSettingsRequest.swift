/// `PUT /_cluster/settings` that adds the remotes on the local cluster (persistent, proxy or
/// sniff, the other mode's keys set to null).
public enum RemoteSettingsRequest {
    /// The request body for the given remotes; other aliases are not touched.
    public static func body(_ remotes: [RemoteSetup]) -> JSONValue {
        var aliases: JSONValue = [:]
        for remote in remotes {
            var settings: JSONValue = ["mode": .string(remote.mode.rawValue)]
            switch remote.mode {
            case .proxy:
                settings["proxy_address"] = remote.proxyAddress.map(JSONValue.string) ?? .null
                settings["server_name"] = remote.serverName.map(JSONValue.string) ?? .null
                settings["seeds"] = .null
            case .sniff:
                settings["seeds"] = .array(remote.seeds.map(JSONValue.string))
                settings["proxy_address"] = .null
                settings["server_name"] = .null
            }
            if let skip = remote.skipUnavailable { settings["skip_unavailable"] = .bool(skip) }
            aliases[remote.alias] = settings
        }
        return ["persistent": ["cluster": ["remote": aliases]]]
    }

    public static func generate(_ remotes: [RemoteSetup]) -> ArtifactSet {
        let artifact = Artifact.devTools(
            method: "PUT", path: "/_cluster/settings", body: body(remotes),
            fileName: "local-remote-cluster-settings.txt",
            title: "Request that adds the remotes on the local cluster (Kibana Dev Tools)", target: .local)
        let note = ArtifactNote(
            "Send local-remote-cluster-settings.txt only after the local pods have restarted with the credentials; then check GET /_remote/info for connected: true and cluster_credentials.",
            target: .local)
        return ArtifactSet(artifacts: [artifact], notes: [note])
    }
}
