/// The remote side when the remote cluster is managed by another ECK operator: enable the remote
/// cluster server, expose it outside Kubernetes, save its CA.
public enum RemoteECKArtifacts {
    /// The port the remote cluster server listens on in the pods.
    public static let remoteClusterPort = 9443

    /// `<name>-es-remote-cluster`, the Service ECK creates for the remote cluster server.
    public static func serviceName(cluster: String) -> String { "\(cluster)-es-remote-cluster" }
    /// The `server_name` that matches ECK's certificates: `<name>-es-remote-cluster.<namespace>.svc`.
    public static func suggestedServerName(cluster: ECKClusterReference) -> String {
        "\(serviceName(cluster: cluster.name)).\(cluster.namespace).svc"
    }
    /// `<name>-es-transport-certs-public`, whose `ca.crt` is the CA of ECK's certificates.
    public static func transportCASecret(cluster: String) -> String { "\(cluster)-es-transport-certs-public" }

    /// The patch, the enable/expose script, the save-CA script and the notes for one ECK remote.
    public static func generate(_ remote: RemoteSetup) -> ArtifactSet {
        guard let cluster = remote.eck else { return ArtifactSet() }
        var set = ArtifactSet()
        let target = Artifact.Target.remote(alias: remote.alias)
        let externalPort = remote.proxyAddress.flatMap { AddressParts.split($0)?.port } ?? remoteClusterPort
        let customisable = cluster.version.map { $0 >= FeatureVersions.eckRemoteClusterServiceTemplate } ?? true
        let patchFile = "remote-\(remote.alias)-elasticsearch-patch.yaml"

        var server: JSONValue = ["enabled": true]
        if customisable {
            var serviceSpec: JSONValue = ["type": "LoadBalancer"]
            if externalPort != remoteClusterPort {
                serviceSpec["ports"] = [
                    [
                        "name": "rcs", "port": .int(externalPort), "protocol": "TCP",
                        "targetPort": .int(remoteClusterPort),
                    ]
                ]
            }
            server["service"] = ["spec": serviceSpec]
        }
        let patch: JSONValue = ["spec": ["remoteClusterServer": server]]
        set.artifacts.append(
            .yaml(
                patch, fileName: patchFile,
                title: "Merge patch for the remote Elasticsearch \(cluster.name): enable the remote cluster server",
                kind: .kubernetesPatch, target: target))

        let service = serviceName(cluster: cluster.name)
        let loadBalancer = customisable ? service : "\(service)-lb"
        var steps = [
            ShellScript.Step(
                comment: ["Enable the remote cluster server (restarts the pods of \(cluster.name))."],
                command: .kubectl(
                    context: cluster.context, namespace: cluster.namespace,
                    [
                        "patch", "elasticsearch", ShellWord(cluster.name), "--type", "merge",
                        "--patch-file", ShellWord(patchFile),
                    ]))
        ]
        if !customisable {
            steps.append(
                ShellScript.Step(
                    comment: [
                        "ECK \(cluster.version.map(\.description) ?? "") cannot customise \(service); expose it with a LoadBalancer of your own."
                    ],
                    command: .kubectl(
                        context: cluster.context, namespace: cluster.namespace,
                        [
                            "expose", "service", ShellWord(service), "--name=\(loadBalancer)", "--type=LoadBalancer",
                            "--port=\(externalPort)", "--target-port=\(remoteClusterPort)",
                        ])))
        }
        steps.append(
            ShellScript.Step(
                comment: ["The EXTERNAL-IP column is the host of the proxy address (port \(externalPort))."],
                command: .kubectl(
                    context: cluster.context, namespace: cluster.namespace, ["get", "service", ShellWord(loadBalancer)])
            ))
        set.artifacts.append(
            Artifact(
                fileName: "remote-\(remote.alias)-enable-remote-cluster-server.sh",
                title: "Commands that enable and expose the remote cluster server of \(cluster.name)",
                kind: .shellScript, target: target,
                text: ShellScript(
                    title: "Remote \(remote.alias): enable and expose the remote cluster server", steps: steps,
                    runsInOwnFolder: true
                ).text))

        let caFile = remote.certificateAuthority?.path ?? LocalClusterNaming.caFileName(alias: remote.alias)
        let save = ShellScript(
            title: "Remote \(remote.alias): save the CA of ECK's certificates",
            steps: [
                ShellScript.Step(
                    comment: ["Saves ca.crt from \(transportCASecret(cluster: cluster.name)) to \(caFile)."],
                    command: .kubectl(
                        context: cluster.context, namespace: cluster.namespace,
                        [
                            "get", "secret", ShellWord(transportCASecret(cluster: cluster.name)),
                            "-o", "go-template={{index .data \"ca.crt\" | base64decode}}",
                        ],
                        outputFile: caFile)),
                ShellScript.Step(
                    comment: ["Check it: subject, issuer and validity."],
                    command: ShellCommand([
                        "openssl", "x509", "-in", ShellWord(caFile), "-noout", "-subject", "-issuer", "-dates",
                    ])),
            ])
        set.artifacts.append(
            Artifact(
                fileName: "remote-\(remote.alias)-save-ca.sh",
                title: "Command that saves the CA of \(cluster.name)'s certificates",
                kind: .shellScript, target: target, text: save.text))

        set.notes.append(
            ArtifactNote(
                "Enabling the remote cluster server on \(cluster.name) restarts its pods.", target: target,
                severity: .warning))
        if customisable, externalPort != remoteClusterPort {
            set.notes.append(
                ArtifactNote(
                    "The Service listens on port \(externalPort), so the patch sets targetPort: \(remoteClusterPort) explicitly; without it Kubernetes would send traffic to port \(externalPort) of the pods and connections would fail.",
                    target: target))
        }
        if cluster.version == nil {
            set.notes.append(
                ArtifactNote(
                    "The ECK version of \(cluster.name) is unknown; the patch customises the remote cluster Service, which needs ECK \(FeatureVersions.eckRemoteClusterServiceTemplate) or later.",
                    target: target, severity: .warning))
        }
        let suggested = suggestedServerName(cluster: cluster)
        if remote.serverName == nil {
            set.notes.append(
                ArtifactNote(
                    "If the connection fails with a certificate name error while the nodes present ECK's own certificates, set the server name to \(suggested).",
                    target: target))
        } else if remote.serverName != suggested {
            set.notes.append(
                ArtifactNote(
                    "ECK's certificates are issued for \(suggested); the server name \(remote.serverName!) only works if whatever answers on the proxy address presents a certificate for it.",
                    target: target))
        }
        if remote.certificateAuthority == nil {
            set.notes.append(
                ArtifactNote(
                    "No CA is set for \(remote.alias): that is only right when a proxy in front of \(cluster.name) terminates TLS with a publicly trusted certificate. With a plain LoadBalancer the nodes present ECK's certificates; save the CA with remote-\(remote.alias)-save-ca.sh and add it as `ca`.",
                    target: target, severity: .warning))
        }
        set.notes.append(
            ArtifactNote(
                "ECK rotates its CA after one year by default; when it does, save the CA again and update the local cluster's CA ConfigMap.",
                target: target))
        return set
    }
}
