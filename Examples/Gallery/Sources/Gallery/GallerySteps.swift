import WizardCore
import RemoteClusterKit

/// The steps of the framework gallery (`remote-cluster-wizard demo`): the remote-type list, a step
/// shown only for ECK remotes, a form with every field kind, a document viewer and a live table.
enum GallerySteps {
    static let remoteTypes = [
        ChoiceOption(
            id: "ech", title: "Elastic Cloud Hosted (ECH)", detail: "remote cluster server already on; public CA"),
        ChoiceOption(id: "ece", title: "Elastic Cloud Enterprise", detail: "on by default; CA public or from ECE UI"),
        ChoiceOption(id: "eck", title: "ECK, another operator", detail: "we enable and expose it, fetch the CA"),
        ChoiceOption(id: "self", title: "Self-managed", detail: "elasticsearch.yml, certificates, keystore"),
    ]

    /// Short names for the branch in the top line.
    static let remoteTypeNames = ["ech": "ECH", "ece": "ECE", "eck": "ECK", "self": "self-managed"]

    static func all() -> [WizardStep] {
        [
            WizardStep(
                id: "remote-type", title: "Remote type", shortTitle: "Remote type",
                fields: [
                    .choice(
                        "remoteType", "Where does the remote cluster run?", options: remoteTypes,
                        note: "The local cluster is managed by ECK in this Kubernetes environment.")
                ]),
            WizardStep(
                id: "eck-remote", title: "The remote ECK cluster", shortTitle: "ECK remote",
                intro: "Only shown for ECK remotes: choose another remote type and this step is skipped.",
                fields: [
                    .text(
                        "eckName", "Cluster name", placeholder: "e.g. logs",
                        validators: [.required("Cluster name", fix: "Type the name of the Elasticsearch resource.")]),
                    .text(
                        "eckNamespace", "Namespace", value: "default",
                        validators: [.required("Namespace", fix: "Type the namespace the cluster runs in.")]),
                    .text("eckVersion", "ECK version", value: "3.3.0", validators: [.text(eckVersionProblems)]),
                ],
                isVisible: { $0.choice("remoteType") == "eck" }),
            WizardStep(
                id: "form", title: "Connection details (every field kind)", shortTitle: "Connection",
                fields: [
                    .text("alias", "Alias", placeholder: "e.g. logs", validators: GalleryValidators.alias),
                    .text(
                        "proxyAddress", "Proxy address", placeholder: "e.g. lb.example.net:9443",
                        validators: GalleryValidators.proxyAddress),
                    .text(
                        "serverName", "Server name", placeholder: "optional, e.g. logs-es-remote-cluster.logs.svc",
                        validators: GalleryValidators.serverName),
                    .secret(
                        "apiKey", "API key", placeholder: "paste the encoded cross-cluster key",
                        validators: GalleryValidators.apiKey),
                    .path("caFile", "CA file", placeholder: "empty if the CA is publicly trusted"),
                    .multiChoice(
                        "access", "Access the key grants",
                        options: [
                            ChoiceOption(id: "search", title: "search", detail: "query the remote's indices"),
                            ChoiceOption(id: "replication", title: "replication", detail: "cross-cluster replication"),
                        ], chosen: ["search"],
                        validators: [.required("Access", fix: "Choose search, replication or both.")]),
                    FormField(
                        id: "expires", label: "Expires",
                        control: .choice(
                            ChoiceList(
                                [
                                    ChoiceOption(id: "30d", title: "in 30 days"),
                                    ChoiceOption(id: "90d", title: "in 90 days"),
                                    ChoiceOption(id: "never", title: "never"),
                                ], selected: 1))),
                    .confirm("skipUnavailable", "Skip if unavailable", value: true),
                ]),
            WizardStep(id: "viewer", title: "Manifest for the local cluster", shortTitle: "Manifest"),
            WizardStep(id: "live", title: "Live status (simulated)", shortTitle: "Live status"),
        ]
    }

    static let eckVersionProblems: @Sendable (String) -> [FieldProblem] = { text in
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count >= 2, parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            return []
        }
        return [
            FieldProblem(
                field: "ECK version", problem: "\"\(text)\" is not a version like 3.3.0",
                fix: "Type the operator version as major.minor or major.minor.patch.")
        ]
    }
}
