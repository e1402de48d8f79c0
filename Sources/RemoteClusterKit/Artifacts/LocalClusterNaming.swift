/// Names of the objects the wizard adds to the local cluster.
public enum LocalClusterNaming {
    /// The Secret with the credentials: `<local>-remote-cluster-credentials`. ECK's own Secret is
    /// `<local>-es-remote-api-keys`, so the two never clash.
    public static func credentialsSecret(localCluster: String) -> String {
        "\(localCluster)-remote-cluster-credentials"
    }

    /// The ConfigMap with the remotes' CA files: `<local>-remote-cluster-cas`.
    public static func caConfigMap(localCluster: String) -> String { "\(localCluster)-remote-cluster-cas" }

    /// The pod volume that carries the CA ConfigMap.
    public static let caVolumeName = "remote-cluster-cas"
    /// Where the CA files appear in the Elasticsearch container.
    public static let caMountPath = "/usr/share/elasticsearch/config/remote-cluster-cas"
    /// The mount path relative to the config folder, as `certificate_authorities` entries use it.
    public static let caConfigRelativeFolder = "remote-cluster-cas"

    /// The ConfigMap key (file name) holding one remote's CA: `<alias>-ca.crt`.
    public static func caFileName(alias: String) -> String { "\(alias)-ca.crt" }

    /// The `certificate_authorities` entry for one remote's CA.
    public static func caConfigEntry(alias: String) -> String {
        "\(caConfigRelativeFolder)/\(caFileName(alias: alias))"
    }

    /// The keystore setting that holds a remote's API key.
    public static func credentialsSetting(alias: String) -> String { "cluster.remote.\(alias).credentials" }

    /// How every credentials placeholder starts, so that scripts can find one left in a file.
    public static let credentialsPlaceholderPrefix = "<paste the encoded cross-cluster API key for "

    /// What a Secret carries instead of the key when secrets are not written.
    public static func credentialsPlaceholder(alias: String) -> String {
        "\(credentialsPlaceholderPrefix)\(alias)>"
    }

    /// Labels on every object the wizard creates, so they can be found again.
    public static let labels: JSONValue = ["app.kubernetes.io/managed-by": "remote-cluster-wizard"]
}
