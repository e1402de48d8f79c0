/// The remote side for Elastic Cloud Hosted and Elastic Cloud Enterprise: nothing to enable, only
/// where to find the proxy address and, for ECE, the CA.
public enum CloudRemoteNotes {
    /// The notes for one ECH or ECE remote (no files: nothing is changed on the remote).
    public static func generate(_ remote: RemoteSetup) -> ArtifactSet {
        let target = Artifact.Target.remote(alias: remote.alias)
        var notes: [ArtifactNote] = []
        notes.append(
            ArtifactNote(
                "The remote cluster server of \(remote.type.displayName) deployments is enabled already. Copy the proxy address from the deployment's Security page (Remote cluster parameters) and use port 9443 instead of the 9400 shown there; the server name is the same host without the port.",
                target: target))
        if let address = remote.proxyAddress, AddressParts.split(address)?.port == 9400 {
            notes.append(
                ArtifactNote(
                    "The proxy address \(address) uses port 9400, which only works for the certificate model; API keys need port 9443.",
                    target: target, severity: .warning))
        }
        if remote.type == .ece {
            if let ca = remote.certificateAuthority {
                notes.append(
                    ArtifactNote(
                        "For a private proxy CA, save the root CA as \(ca.path): in the ECE Cloud UI open Platform > Settings > TLS certificates, under Proxy choose Show certificate chain and copy the last certificate (Copy root certificate).",
                        target: target))
            } else {
                notes.append(
                    ArtifactNote(
                        "No CA is set for \(remote.alias), which is right only if the ECE proxies use publicly trusted certificates.",
                        target: target))
            }
        }
        return ArtifactSet(notes: notes)
    }
}
