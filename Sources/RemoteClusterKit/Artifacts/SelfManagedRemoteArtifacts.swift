/// The remote side for a self-managed cluster: `elasticsearch.yml` lines, certificates made with
/// `elasticsearch-certutil`, the keystore entry, and the restart.
public enum SelfManagedRemoteArtifacts {
    /// The PKCS#12 file the node certificate is written to and `keystore.path` names.
    public static let keystoreFile = "cross-cluster.p12"

    /// The transport layer's default port, which `remote_cluster.port` must never be.
    static let transportPort = 9300

    /// The `elasticsearch.yml` lines, the certificate script and the notes for one self-managed remote.
    public static func generate(_ remote: RemoteSetup) -> ArtifactSet {
        var set = ArtifactSet()
        let target = Artifact.Target.remote(alias: remote.alias)
        let names = certificateNames(remote)
        let ports = Set(remote.addresses.compactMap { AddressParts.split($0)?.port })
        let given = ports.count == 1 ? ports.first! : RemoteECKArtifacts.remoteClusterPort
        // The remote cluster server cannot share the transport port; such an address is a mistake.
        let port = given == transportPort ? RemoteECKArtifacts.remoteClusterPort : given

        let yml: JSONValue = [
            "remote_cluster_server.enabled": true,
            "remote_cluster.host": "0.0.0.0",
            "remote_cluster.port": .int(port),
            "xpack.security.remote_cluster_server.ssl.enabled": true,
            "xpack.security.remote_cluster_server.ssl.keystore.path": .string(keystoreFile),
        ]
        set.artifacts.append(
            .yaml(
                yml, fileName: "remote-\(remote.alias)-elasticsearch.yml",
                title: "Lines to add to elasticsearch.yml on every node of \(remote.alias)",
                kind: .elasticsearchYML, target: target))

        var certificate: [ShellWord] = [
            "./bin/elasticsearch-certutil", "cert", "--out=\(keystoreFile)",
            .literal("--pass=", variable: "CERT_PASSWORD"),
            "--ca-cert=ca/ca.crt", "--ca-key=ca/ca.key", .literal("--ca-pass=", variable: "CA_PASSWORD"),
        ]
        certificate += names.dns.map { ShellWord("--dns=\($0)") }
        certificate += names.ips.map { ShellWord("--ip=\($0)") }
        let script = ShellScript(
            title: "Remote \(remote.alias): certificates for the remote cluster server",
            steps: [
                ShellScript.Step(comment: [
                    "Run in the Elasticsearch home folder of one node of \(remote.alias).",
                    "Set two passwords first, e.g.: read -rs CA_PASSWORD; read -rs CERT_PASSWORD; export CA_PASSWORD CERT_PASSWORD",
                ]),
                ShellScript.Step(
                    comment: [
                        "A CA for the remote cluster server (cross-cluster-ca.zip holds ca/ca.crt and ca/ca.key)."
                    ],
                    command: ShellCommand([
                        "./bin/elasticsearch-certutil", "ca", "--pem", "--out=cross-cluster-ca.zip",
                        "--pass", .literal("", variable: "CA_PASSWORD"),
                    ])),
                ShellScript.Step(comment: [], command: ShellCommand(["unzip", "-o", "cross-cluster-ca.zip"])),
                ShellScript.Step(
                    comment: ["The node certificate, valid for the names and addresses the local cluster connects to."],
                    command: ShellCommand(certificate)),
                ShellScript.Step(
                    comment: [
                        "Copy \(keystoreFile) into the config folder of every node, then on every node store its password",
                        "(the command asks for it; enter CERT_PASSWORD):",
                    ],
                    command: ShellCommand([
                        "./bin/elasticsearch-keystore", "add",
                        "xpack.security.remote_cluster_server.ssl.keystore.secure_password",
                    ])),
                ShellScript.Step(comment: [
                    "Restart every node. The local cluster must trust ca/ca.crt: copy it to where the plan's `ca` points."
                ]),
            ])
        set.artifacts.append(
            Artifact(
                fileName: "remote-\(remote.alias)-certificates.sh",
                title: "elasticsearch-certutil and keystore commands for \(remote.alias)",
                kind: .shellScript, target: target, text: script.text))

        set.notes.append(
            ArtifactNote(
                "Add remote-\(remote.alias)-elasticsearch.yml to elasticsearch.yml on every node of \(remote.alias) and restart the nodes: these settings are static and only take effect after a restart.",
                target: target, severity: .warning))
        if given == transportPort {
            set.notes.append(
                ArtifactNote(
                    "The addresses of \(remote.alias) use port 9300, the transport port; the remote cluster server listens on \(port) instead, so use that port in the addresses.",
                    target: target, severity: .warning))
        }
        if remote.mode == .sniff {
            set.notes.append(
                ArtifactNote(
                    "In sniff mode the local cluster connects to the addresses the nodes publish: set remote_cluster.publish_host on each node to its own address (one of the seeds), since remote_cluster.host 0.0.0.0 only says where to listen.",
                    target: target))
        }
        if names.dns.isEmpty && names.ips.isEmpty {
            set.notes.append(
                ArtifactNote(
                    "No address is known for \(remote.alias), so the certificate command has no --dns or --ip; add the names the local cluster will connect to.",
                    target: target, severity: .warning))
        }
        if remote.certificateAuthority == nil {
            set.notes.append(
                ArtifactNote(
                    "No CA is set for \(remote.alias): a certificate made with elasticsearch-certutil is signed by a private CA, so the local cluster needs ca/ca.crt as `ca`.",
                    target: target, severity: .warning))
        }
        return set
    }

    /// DNS names and IP addresses for the node certificate: the ones given, else those of the
    /// addresses and the server name.
    static func certificateNames(_ remote: RemoteSetup) -> (dns: [String], ips: [String]) {
        if !remote.certificateDNSNames.isEmpty || !remote.certificateIPAddresses.isEmpty {
            return (remote.certificateDNSNames, remote.certificateIPAddresses)
        }
        var dns: [String] = []
        var ips: [String] = []
        let hosts =
            remote.addresses.compactMap { AddressParts.split($0)?.host } + (remote.serverName.map { [$0] } ?? [])
        for host in hosts where !host.isEmpty {
            if AddressParts.isIPAddress(host) {
                if !ips.contains(host) { ips.append(host) }
            } else if !dns.contains(host) {
                dns.append(host)
            }
        }
        return (dns, ips)
    }
}
