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
    private let process: Process

    /// Starts the simulator with `arguments` (e.g. `--faults slow --slow-seconds 0.5`) and waits
    /// for its JSON line.
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
            let proxyAddress = remote["proxyAddress"] as? String, let serverName = remote["serverName"] as? String,
            let transportCA = remote["transportCA"] as? String
        else {
            process.terminate()
            throw ChildProcessError("simulate printed an unexpected line: \(String(decoding: line, as: UTF8.self))")
        }
        self.local = localCluster
        self.remote = remoteCluster
        self.proxyAddress = proxyAddress
        self.serverName = serverName
        self.transportCAFile = transportCA
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

    /// Adds (or updates) a proxy-mode remote named `alias` on the local cluster, pointing at the
    /// simulated remote cluster server.
    public func addRemote(alias: String) throws {
        let body = """
            {"persistent":{"cluster.remote.\(alias).mode":"proxy",\
            "cluster.remote.\(alias).proxy_address":"\(proxyAddress)",\
            "cluster.remote.\(alias).server_name":"\(serverName)"}}
            """
        try Tools.output(of: curlArguments("PUT", "/_cluster/settings", body: body))
    }
}
