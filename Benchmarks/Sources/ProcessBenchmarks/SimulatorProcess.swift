import Foundation

/// `remote-cluster-wizard simulate` as a child process: the simulated local and remote clusters
/// the whole-process benchmarks talk to, with what its JSON line says about reaching them.
public final class SimulatorProcess {
    /// The simulated local cluster.
    public struct Cluster: Sendable {
        public var url: String
        public var user: String
        public var password: String
        public var caFile: String
    }

    public let local: Cluster
    public let remote: Cluster
    /// The remote cluster server's `host:port` and the name its certificate is for.
    public let proxyAddress: String
    public let serverName: String
    /// The CA of the remote cluster server's certificate.
    public let transportCAFile: String
    /// The kubeconfig of the simulated Kubernetes contexts (`sim-local`, `sim-remote`).
    public let kubeconfig: String
    /// The simulator's folder, with `plan.yaml` for `apply` against these clusters.
    public let directory: String
    private let process: Process

    /// Starts the simulator with `arguments` (e.g. `--faults slow --slow-seconds 0.5`) and waits
    /// for its JSON line (snake_case keys, as `simulate --help` describes it).
    public init(binary: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["simulate"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw ChildProcessError("simulate ended before printing its JSON line") }
            line += chunk
        }
        guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any],
            let local = object["local"] as? [String: Any], let remote = object["remote"] as? [String: Any],
            let localCluster = Self.cluster(local), let remoteCluster = Self.cluster(remote),
            let proxyAddress = remote["proxy_address"] as? String, let serverName = remote["server_name"] as? String,
            let transportCA = remote["transport_ca"] as? String, let kubeconfig = object["kubeconfig"] as? String
        else {
            process.terminate()
            throw ChildProcessError("simulate printed an unexpected line: \(String(decoding: line, as: UTF8.self))")
        }
        self.local = localCluster
        self.remote = remoteCluster
        self.proxyAddress = proxyAddress
        self.serverName = serverName
        self.transportCAFile = transportCA
        self.kubeconfig = kubeconfig
        directory = (kubeconfig as NSString).deletingLastPathComponent
    }

    /// The plan `simulate` wrote: one remote, `sim`, on the simulated remote cluster.
    public var planFile: String { directory + "/plan.yaml" }

    /// What `apply` of this simulator's plans needs besides `context.environment`: the plan's
    /// password variables and the kubeconfig of the simulated contexts.
    public var planEnvironment: [String: String] {
        [
            "SIM_LOCAL_PASSWORD": local.password, "SIM_REMOTE_PASSWORD": remote.password, "KUBECONFIG": kubeconfig,
        ]
    }

    private static func cluster(_ json: [String: Any]) -> Cluster? {
        guard let url = json["url"] as? String, let user = json["user"] as? String,
            let password = json["password"] as? String, let ca = json["ca"] as? String
        else { return nil }
        return Cluster(url: url, user: user, password: password, caFile: ca)
    }

    deinit { stop() }

    /// Stops the simulator (SIGTERM) and waits for it, so that it removes its files.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// The `curl` arguments that send `method path` to the local cluster as `elastic`.
    public func curlArguments(_ method: String = "GET", _ path: String, body: String? = nil) -> [String] {
        var arguments = [
            "curl", "-s", "--fail-with-body", "--cacert", local.caFile, "-u", "\(local.user):\(local.password)",
            "-X", method, "\(local.url)\(path)",
        ]
        if let body { arguments += ["-H", "Content-Type: application/json", "-d", body] }
        return arguments
    }

    /// Sets (or adds) the proxy-mode remote `alias` on the local cluster, pointing at
    /// `proxyAddress` (the simulated remote cluster server when nil), and returns once the local
    /// cluster has acknowledged the settings.
    public func putRemote(alias: String, proxyAddress address: String? = nil) throws {
        let body = """
            {"persistent":{"cluster.remote.\(alias).mode":"proxy",\
            "cluster.remote.\(alias).proxy_address":"\(address ?? proxyAddress)",\
            "cluster.remote.\(alias).server_name":"\(serverName)"}}
            """
        let answer = try Tools.output(of: curlArguments("PUT", "/_cluster/settings", body: body))
        guard answer.contains("\"acknowledged\":true") else {
            throw ChildProcessError("the local cluster did not acknowledge the settings: \(answer)")
        }
    }

    /// Runs `apply` of `plan` (this simulator's own plan when nil) and throws unless every remote
    /// ends connected; returns how long it took, in milliseconds.
    @discardableResult
    public func apply(binary: String, plan: String? = nil, environment: [String: String]) throws -> Double {
        let start = ContinuousClock.now
        let usage = try ChildProcess.run(
            [binary, "apply", "--plan", plan ?? planFile], environment: environment.merging(planEnvironment) { $1 })
        let elapsed = ContinuousClock.now - start
        guard usage.exitCode == 0 else { throw ChildProcessError("apply exited with \(usage.exitCode)") }
        return milliseconds(elapsed)
    }
}
