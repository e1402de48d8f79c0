import RemoteClusterKit

/// The answers and secrets for a run against the simulated clusters, read from the simulator's
/// description (the JSON line `simulate` prints): endpoints, contexts, CA files and passwords, so
/// the demo and the tests start with every field filled in.
public enum DemoAnswers {
    /// The index patterns the simulated remote holds data for (its `audit-*` stays out).
    public static let searchPatterns = "logs-*, metrics-*"

    public static func from(_ description: JSONValue, manifestsDirectory: String) -> (SetupAnswers, SetupSecrets) {
        var answers = SetupAnswers()
        let remote = description["remote"] ?? [:]
        let local = description["local"] ?? [:]
        answers.remoteType = RemoteClusterType.eck.rawValue
        answers.remoteECKName = remote[path: ["eck", "name"]]?.stringValue ?? ""
        answers.remoteECKNamespace = remote[path: ["eck", "namespace"]]?.stringValue ?? "default"
        answers.remoteECKContext = remote[path: ["eck", "context"]]?.stringValue ?? ""
        answers.proxyAddress = remote["proxy_address"]?.stringValue ?? ""
        answers.remoteURL = remote["url"]?.stringValue ?? ""
        answers.remoteUser = remote["user"]?.stringValue ?? "elastic"
        answers.remoteHTTPCAFile = remote["ca"]?.stringValue ?? ""
        answers.searchPatterns = searchPatterns
        answers.localName = local[path: ["eck", "name"]]?.stringValue ?? ""
        answers.localNamespace = local[path: ["eck", "namespace"]]?.stringValue ?? "default"
        answers.localContext = local[path: ["eck", "context"]]?.stringValue ?? ""
        answers.localURL = local["url"]?.stringValue ?? ""
        answers.localUser = local["user"]?.stringValue ?? "elastic"
        answers.localHTTPCAFile = local["ca"]?.stringValue ?? ""
        answers.manifestsDirectory = manifestsDirectory
        let secrets = SetupSecrets(
            remotePassword: remote["password"]?.stringValue.map(Secret.init),
            localPassword: local["password"]?.stringValue.map(Secret.init))
        return (answers, secrets)
    }

    /// A saved demo run for new simulated clusters: the operator's answers with this run's
    /// endpoints, and the place to resume moved back to the first screen that changed something,
    /// since the new clusters start without those changes.
    public static func resumable(_ saved: SavedProgress, endpoints: SetupAnswers) -> (SavedProgress, String?) {
        var progress = saved
        var explanation: String?
        progress.answers.refreshEndpoints(from: endpoints)
        let order = SetupFlow.order
        if let first = saved.applied.compactMap({ order.firstIndex(of: $0.screen) }).min(),
            let at = order.firstIndex(of: saved.screen), first <= at
        {
            progress.screen = order[first]
            explanation =
                "The simulated clusters start fresh on every demo run, so it resumes at \(order[first].shortTitle), the first step that changed them (the earlier run stopped at \(saved.screen.shortTitle))."
        }
        progress.applied = []
        progress.filesWritten = []
        return (progress, explanation)
    }
}
