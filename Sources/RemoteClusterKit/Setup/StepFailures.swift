/// Turns the errors of the protocols steps call into diagnoses.
enum StepFailures {
    static func diagnosis(for error: any Error) -> Diagnosis {
        switch error {
        case let error as ElasticsearchClientError: return diagnosis(for: error, doing: nil)
        case let error as KubernetesError: return diagnosis(for: error, doing: nil)
        case let error as TransportError:
            return Diagnosis(cause: .requestFailed, summary: error.description, fix: "Check the URL and the network.")
        default:
            return Diagnosis(
                cause: .unknown, summary: "The step failed: \(error)", fix: "Read the error and try again.",
                raw: "\(error)")
        }
    }

    /// A failed REST request; catalogue causes (license, key type, unknown alias) are recognised
    /// from the error text.
    static func diagnosis(for error: ElasticsearchClientError, doing operation: String?) -> Diagnosis {
        let prefix = operation.map { "\($0): " } ?? ""
        if case .server(let server) = error, let known = ConnectionDiagnosisRules.textCause(server.allReasons) {
            return known
        }
        return Diagnosis(
            cause: .requestFailed, summary: prefix + error.description,
            fix: "Check the cluster's URL, credentials and CA, then run the step again.", raw: error.description)
    }

    static func diagnosis(for error: KubernetesError, doing operation: String?) -> Diagnosis {
        let prefix = operation.map { "\($0): " } ?? ""
        let fix: String
        switch error {
        case .unknownContext:
            fix = "Give one of the kubeconfig's contexts (Kube context in the wizard, eck.context in a plan)."
        case .notFound:
            fix = "Check the resource's name and namespace (in the wizard's fields, or eck.name and eck.namespace in a plan)."
        case .kubectlNotFound:
            fix = "Install kubectl, or write the manifests as files and apply them yourself (applyManifests: files in a plan)."
        default: fix = "Check access to the Kubernetes cluster, then run the step again."
        }
        return Diagnosis(cause: .requestFailed, summary: prefix + error.description, fix: fix, raw: error.description)
    }
}
