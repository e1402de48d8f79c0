import Foundation

/// `KubernetesClient` over the real `kubectl`.
///
/// Every call runs kubectl with an argument vector (no shell) and names `--context` and
/// `--namespace` explicitly. Manifests and patches travel on stdin, never in arguments or
/// temporary files. Errors quote what kubectl printed, with secret values redacted.
public struct KubectlClient: KubernetesClient {
    /// `kubectl`, or a path to the executable (tests pass a stand-in script).
    public var executable: String
    /// The PATH searched for `executable` when it has no `/`.
    public var searchPath: String?
    /// The time limit for one kubectl run.
    public var timeoutSeconds: Double
    /// How often `waitForElasticsearchReady` looks at the resource.
    public var pollIntervalSeconds: Double
    /// The kubeconfig file kubectl reads (as `KUBECONFIG`); nil: kubectl's own default.
    public var kubeconfig: String?

    public init(
        executable: String = "kubectl", searchPath: String? = ProcessInfo.processInfo.environment["PATH"],
        timeoutSeconds: Double = 60, pollIntervalSeconds: Double = 5
    ) {
        self.executable = executable
        self.searchPath = searchPath
        self.timeoutSeconds = timeoutSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
    }

    // MARK: KubernetesClient

    public func verify(_ location: KubernetesLocation) async throws(KubernetesError) {
        let contexts = try await contextNames()
        guard contexts.contains(location.context) else { throw .unknownContext(location.context, known: contexts) }
    }

    /// The context names in the kubeconfig (`kubectl config get-contexts -o name`).
    public func contextNames() async throws(KubernetesError) -> [String] {
        let result = try await run(["config", "get-contexts", "-o", "name"], location: nil)
        return result.stdoutText.split(whereSeparator: \.isNewline)
            .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// kubectl's current context (`kubectl config current-context`); nil when none is set.
    public func currentContext() async throws(KubernetesError) -> String? {
        do {
            let result = try await run(["config", "current-context"], location: nil)
            let name = result.stdoutText.trimmingWhitespaceAndNewlines()
            return name.isEmpty ? nil : name
        } catch {
            if case .commandFailed(_, let message) = error, message.contains("current-context is not set") {
                return nil
            }
            throw error
        }
    }

    public func get(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> JSONValue
    {
        let result = try await run(["get", kind, name, "-o", "json"], location: location, notFound: (kind, name))
        do { return try JSONValue.parse(result.stdout) } catch {
            throw .unreadableOutput("kubectl get \(kind) \(name): \(error.description)")
        }
    }

    public func apply(_ objects: [JSONValue], in location: KubernetesLocation) async throws(KubernetesError) {
        let list: JSONValue = ["apiVersion": "v1", "kind": "List", "items": .array(objects)]
        _ = try await run(
            ["apply", "-f", "-"], location: location, stdin: list.jsonData(),
            secrets: objects.flatMap(Self.secretValues))
    }

    public func mergePatch(kind: String, name: String, patch: JSONValue, in location: KubernetesLocation)
        async throws(KubernetesError)
    {
        _ = try await run(
            ["patch", kind, name, "--type", "merge", "--patch-file", "/dev/stdin"], location: location,
            stdin: patch.jsonData(), notFound: (kind, name), secrets: Self.secretValues(patch))
    }

    public func delete(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError) {
        _ = try await run(["delete", kind, name, "--ignore-not-found"], location: location)
    }

    public func secretData(secret: String, key: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> [UInt8]
    {
        let object = try await get(kind: "secret", name: secret, in: location)
        return try SecretValue.bytes(of: object, key: key, secret: secret, in: location)
    }

    public func waitForElasticsearchReady(name: String, in location: KubernetesLocation, timeoutSeconds: Double)
        async throws(KubernetesError)
    {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            let resource = try await get(kind: "elasticsearch", name: name, in: location)
            if Self.isReady(resource) { return }
            if Date() >= deadline {
                throw .timedOut(operation: "Waiting for Elasticsearch \(name) to be Ready", seconds: timeoutSeconds)
            }
            try? await Task.sleep(nanoseconds: UInt64(max(0.01, pollIntervalSeconds) * 1_000_000_000))
        }
    }

    /// Whether an `Elasticsearch` resource is Ready and has observed its current generation.
    public static func isReady(_ resource: JSONValue) -> Bool {
        guard resource[path: ["status", "phase"]]?.stringValue == "Ready" else { return false }
        let generation = resource[path: ["metadata", "generation"]]?.intValue ?? 0
        let observed = resource[path: ["status", "observedGeneration"]]?.intValue ?? -1
        return observed >= generation
    }

    // MARK: Running kubectl

    /// The argument vector for a call: `--context C --namespace N` first when a location is given.
    public static func arguments(_ rest: [String], location: KubernetesLocation?) -> [String] {
        guard let location else { return rest }
        return ["--context", location.context, "--namespace", location.namespace] + rest
    }

    private func run(
        _ rest: [String], location: KubernetesLocation?, stdin: Data? = nil,
        notFound: (kind: String, name: String)? = nil, secrets: [Secret] = []
    ) async throws(KubernetesError)
        -> ProcessResult
    {
        guard let path = ProcessRunner.findExecutable(executable, searchPath: searchPath) else {
            throw .kubectlNotFound
        }
        let arguments = Self.arguments(rest, location: location)
        let command = (["kubectl"] + arguments).joined(separator: " ")
        let result: ProcessResult
        do {
            result = try await ProcessRunner.run(
                path, arguments: arguments, stdin: stdin, timeoutSeconds: timeoutSeconds,
                environment: kubeconfig.map { ProcessInfo.processInfo.environment.merging(["KUBECONFIG": $0]) { $1 } })
        } catch {
            throw .commandFailed(command: command, message: error.description)
        }
        if result.timedOut { throw .timedOut(operation: command, seconds: timeoutSeconds) }
        guard result.status == 0 else {
            let said = Self.quote(result.stderrText.isEmpty ? result.stdoutText : result.stderrText, secrets: secrets)
            if let notFound, let location, said.contains("NotFound") || said.contains("not found") {
                if !said.contains("the server doesn't have a resource type") {
                    throw .notFound(kind: notFound.kind, name: notFound.name, location: location)
                }
            }
            throw .commandFailed(command: command, message: said.isEmpty ? "exit status \(result.status)" : said)
        }
        return result
    }

    /// kubectl's message, trimmed, shortened and with secrets redacted.
    static func quote(_ text: String, secrets: [Secret]) -> String {
        var said = text.redacting(secrets).trimmingWhitespaceAndNewlines()
        if said.count > 2000 { said = String(said.prefix(2000)) + " …" }
        return said
    }

    /// The values of Secret objects (and any `stringData`/`data` member) that must not be echoed.
    static func secretValues(_ object: JSONValue) -> [Secret] {
        var values: [Secret] = []
        guard object["kind"]?.stringValue != "ConfigMap" else { return values }
        for member in ["stringData", "data"] {
            for (_, value) in object[member]?.objectValue ?? [:] {
                guard let text = value.stringValue else { continue }
                values.append(Secret(text))
                if member == "data", let decoded = Data(base64Encoded: text),
                    let plain = String(data: decoded, encoding: .utf8)
                {
                    values.append(Secret(plain))
                }
            }
        }
        return values
    }
}
