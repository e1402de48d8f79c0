import Foundation
import RemoteClusterKit

/// A kubeconfig for the simulated API server: one cluster and one context per simulated context
/// (the context's name, its namespace as the default), one user with the server's bearer token,
/// the server's CA as `certificate-authority`.
public enum Kubeconfig {
    /// The kubeconfig text; `current` is the current context.
    public static func text(server: KubernetesAPIServer, contexts: [KubernetesLocation], current: String) -> String {
        var lines = ["apiVersion: v1", "kind: Config", "preferences: {}", "clusters:"]
        for context in contexts {
            lines += [
                "- name: \(context.context)", "  cluster:",
                "    server: \(quoted(server.serverURL(context: context.context)))",
                "    certificate-authority: \(quoted(server.caFile))",
            ]
        }
        lines += ["users:", "- name: sim-admin", "  user:", "    token: \(quoted(server.token.revealed))", "contexts:"]
        for context in contexts {
            lines += [
                "- name: \(context.context)", "  context:", "    cluster: \(context.context)", "    user: sim-admin",
                "    namespace: \(context.namespace)",
            ]
        }
        lines.append("current-context: \(current)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the kubeconfig with mode 0600 (it holds the token) and returns its path.
    @discardableResult
    public static func write(
        to path: String, server: KubernetesAPIServer, contexts: [KubernetesLocation], current: String
    ) throws -> String {
        try PEMWriter.write(text(server: server, contexts: contexts, current: current), to: path, secret: true)
        return path
    }

    static func quoted(_ text: String) -> String { JSONValue.string(text).jsonString() }
}
