/// Which cluster (or machine) an action is aimed at.
public enum ActionTarget: Sendable, Hashable, CustomStringConvertible {
    /// The local cluster's REST API.
    case localCluster
    /// A remote's REST API.
    case remoteCluster(alias: String)
    /// A Kubernetes context.
    case kubernetes(KubernetesLocation)
    /// A remote cluster server address (the TLS preflight).
    case remoteClusterServer(String)
    /// A file on this machine.
    case file(String)
    /// The operator, by hand.
    case byHand

    public var description: String {
        switch self {
        case .localCluster: return "local cluster"
        case .remoteCluster(let alias): return "remote \(alias)"
        case .kubernetes(let location): return "Kubernetes (\(location))"
        case .remoteClusterServer(let address): return address
        case .file(let path): return path
        case .byHand: return "by hand"
        }
    }
}

/// One thing a step will do, exactly as it will be sent, with secrets redacted.
public enum PlannedAction: Sendable, Hashable {
    /// An HTTP request; `sentOnlyIf` names the condition when it is conditional ("when the
    /// settings differ"). The body never holds a secret.
    case http(HTTPRequest, target: ActionTarget, sentOnlyIf: String? = nil)
    /// A kubectl-style operation.
    case kubernetes(KubernetesOperation, location: KubernetesLocation, sentOnlyIf: String? = nil)
    /// A TLS handshake (nothing is sent after it).
    case tlsProbe(TLSProbeRequest)
    /// A file written on this machine; `text` is redacted.
    case writeFile(path: String, text: String, mode: Int)
    /// Waiting for a condition, with its deadline in seconds.
    case wait(String, seconds: Double)
    /// Something the operator does; the text says what (e.g. the files to apply by hand).
    case manual(String)
}

/// A Kubernetes operation as a preview shows it.
public enum KubernetesOperation: Sendable, Hashable {
    /// `kubectl get <kind> <name> -o json`
    case get(kind: String, name: String)
    /// `kubectl apply -f -` with these objects (Secret values redacted).
    case apply([JSONValue])
    /// `kubectl patch <kind> <name> --type merge` with this patch (Secret values redacted).
    case mergePatch(kind: String, name: String, patch: JSONValue)
    /// `kubectl delete <kind> <name>`
    case delete(kind: String, name: String)
    /// Reading one key of a Secret.
    case readSecret(name: String, key: String)
}

/// What a step will do, for `--dry-run` and for the wizard to show before it acts.
public struct StepPreview: Sendable, Hashable {
    /// What the step is for and what it changes, as sentences (e.g. "This restarts the pods").
    public var notes: [String]
    /// The actions in the order they are sent.
    public var actions: [PlannedAction]

    public init(notes: [String] = [], actions: [PlannedAction] = []) {
        self.notes = notes
        self.actions = actions
    }

    /// The preview as plain text lines: notes, then each action with its request or object.
    public var lines: [String] { StepPreviewText.lines(for: self) }
}
