extension KubernetesOperation {
    /// The kubectl command line of this operation in `location`, without the objects it sends on
    /// standard input: `kubectl --context c --namespace n get elasticsearch x -o json`.
    public func commandLine(in location: KubernetesLocation) -> String {
        let prefix = "kubectl --context \(location.context) --namespace \(location.namespace)"
        switch self {
        case .get(let kind, let name): return "\(prefix) get \(kind) \(name) -o json"
        case .apply: return "\(prefix) apply -f -"
        case .mergePatch(let kind, let name, _):
            return "\(prefix) patch \(kind) \(name) --type merge --patch-file /dev/stdin"
        case .delete(let kind, let name): return "\(prefix) delete \(kind) \(name)"
        case .readSecret(let name, let key):
            return "\(prefix) get secret \(name) -o go-template='{{index .data \"\(key)\" | base64decode}}'"
        }
    }
}
