import Foundation
import RemoteClusterKit

/// What `simulate` hands an operator besides its JSON line: a short banner for standard error
/// (what runs where, how to stop, three commands to paste), a shell file with the same values as
/// variables, and a plan for `apply` against the simulated clusters.
///
/// Everything is made from the JSON line (`SimulatedEnvironment.descriptionLine`), so it names
/// exactly what the line names.
public struct SimulatorQuickStart: Sendable {
    public var description: JSONValue
    /// The simulator's folder (CAs, plan, env file); removed when it stops.
    public var directory: String
    public var processID: Int32

    /// The environment variable the plan reads the local `elastic` password from.
    public static let localPasswordVariable = "SIM_LOCAL_PASSWORD"
    /// The environment variable the plan reads the remote `elastic` password from.
    public static let remotePasswordVariable = "SIM_REMOTE_PASSWORD"
    /// The alias the plan gives the simulated remote.
    public static let alias = "sim"

    public init(description: JSONValue, directory: String, processID: Int32) {
        self.description = description
        self.directory = directory
        self.processID = processID
    }

    private func text(_ side: String, _ key: String) -> String { description[side]?[key]?.stringValue ?? "" }
    /// A YAML scalar that is read back exactly (JSON's string quoting is valid YAML).
    private func quoted(_ value: String) -> String { JSONValue.string(value).jsonString() }
    private func eck(_ side: String, _ key: String) -> String {
        description[path: [side, "eck", key]]?.stringValue ?? ""
    }

    /// The plan file's path.
    public var planPath: String { directory + "/plan.yaml" }
    /// The env file's path in the simulator's folder.
    public var envPath: String { directory + "/env" }

    /// The three commands to paste, with this run's values.
    public var commands: [String] {
        [
            "remote-cluster-wizard status --url \(text("local", "url")) --user elastic --ca \(ShellWord(text("local", "ca")))",
            "remote-cluster-wizard probe --proxy-address \(text("remote", "proxy_address")) --server-name \(text("remote", "server_name")) --ca \(ShellWord(text("remote", "transport_ca")))",
            "remote-cluster-wizard apply --plan \(ShellWord(planPath))",
        ]
    }

    /// The banner for standard error.
    public var banner: [String] {
        [
            "Simulated clusters are running on loopback (process \(processID)):",
            "  local   \(text("local", "url"))  ECK \(eck("local", "name")) in \(eck("local", "namespace")), context \(eck("local", "context"))",
            "  remote  \(text("remote", "url"))  remote cluster server \(text("remote", "proxy_address")), ECK \(eck("remote", "name")) in \(eck("remote", "namespace")), context \(eck("remote", "context"))",
            "Files (CAs, plan.yaml, env) are in \(directory) and are removed on exit.",
            "Stop with Ctrl-C or `kill \(processID)`. The JSON line on standard output has every value.",
            "Type `on FAULT` or `off FAULT` here to switch a fault while it runs (`help` lists them).",
            "",
            "In another terminal (the env file sets ES_PASSWORD and the plan's password variables):",
            "  . \(ShellWord(envPath))",
        ] + commands.map { "  " + $0 }
    }

    /// Shell lines setting every value as a variable (`. FILE` reads them); mode 0600 when written,
    /// since it holds the simulated clusters' passwords.
    public var environmentFile: String {
        let values: [(String, String)] = [
            ("ES_PASSWORD", text("local", "password")),
            (Self.localPasswordVariable, text("local", "password")),
            (Self.remotePasswordVariable, text("remote", "password")),
            ("SIM_LOCAL_URL", text("local", "url")),
            ("SIM_LOCAL_CA", text("local", "ca")),
            ("SIM_LOCAL_CONTEXT", eck("local", "context")),
            ("SIM_REMOTE_URL", text("remote", "url")),
            ("SIM_REMOTE_CA", text("remote", "ca")),
            ("SIM_REMOTE_CONTEXT", eck("remote", "context")),
            ("SIM_PROXY_ADDRESS", text("remote", "proxy_address")),
            ("SIM_SERVER_NAME", text("remote", "server_name")),
            ("SIM_TRANSPORT_CA", text("remote", "transport_ca")),
            ("SIM_PLAN", planPath),
        ]
        let kubeconfig = description["kubeconfig"]?.stringValue.map { [("KUBECONFIG", $0)] } ?? []
        return
            (["# Values of the running `remote-cluster-wizard simulate` (process \(processID))."]
            + (values + kubeconfig).map { "export \($0.0)=\(ShellWord($0.1))" }).joined(separator: "\n") + "\n"
    }

    /// A plan (PLAN.md) connecting the simulated local cluster to the simulated remote: the key
    /// created through the remote's REST API, the local objects applied with kubectl.
    public var plan: String {
        """
        # The simulated clusters of one `remote-cluster-wizard simulate` run (process \(processID)).
        remotes:
          - alias: \(Self.alias)
            type: eck
            proxyAddress: \(quoted(text("remote", "proxy_address")))
            serverName: \(quoted(text("remote", "server_name")))
            ca: \(quoted(text("remote", "transport_ca")))
            eck: {name: \(quoted(eck("remote", "name"))), namespace: \(quoted(eck("remote", "namespace"))), context: \(quoted(eck("remote", "context"))), version: "3.3.0"}
            searchPattern: "logs-*"
            apiKey:
              create:
                url: \(quoted(text("remote", "url")))
                user: elastic
                passwordEnv: \(Self.remotePasswordVariable)
                ca: \(quoted(text("remote", "ca")))
                name: \(quoted(Self.alias + "-from-" + eck("local", "name")))
                access:
                  search: [{names: ["logs-*", "metrics-*"]}]
        local:
          url: \(quoted(text("local", "url")))
          user: elastic
          passwordEnv: \(Self.localPasswordVariable)
          ca: \(quoted(text("local", "ca")))
          eck: {name: \(quoted(eck("local", "name"))), namespace: \(quoted(eck("local", "namespace"))), context: \(quoted(eck("local", "context")))}
          applyManifests: kubectl
          manifestsDir: \(quoted(directory + "/manifests"))

        """
    }

    /// Writes the plan and the env file into the simulator's folder (and the env file also to
    /// `extraEnvironmentFile` when given).
    public func write(extraEnvironmentFile: String? = nil) throws(SecureFileWriter.WriteError) {
        try SecureFileWriter.write(plan, to: planPath, mode: 0o644)
        try SecureFileWriter.write(environmentFile, to: envPath, mode: 0o600)
        if let extraEnvironmentFile {
            try SecureFileWriter.write(environmentFile, to: extraEnvironmentFile, mode: 0o600)
        }
    }
}
