import Logging

/// A `KubernetesClient` that logs every operation it passes on as its kubectl command line,
/// with how it ended and how long it took, at `debug` level. Objects and patches are never
/// logged (only their kinds and names), so Secret values cannot reach the trace.
public struct TracingKubernetesClient<Base: KubernetesClient>: KubernetesClient {
    public var base: Base
    public var logger: Logger

    public init(_ base: Base, logger: Logger) {
        self.base = base
        self.logger = logger
    }

    public func verify(_ location: KubernetesLocation) async throws(KubernetesError) {
        try await traced("kubectl config get-contexts -o name (is \(location.context) there?)") {
            () throws(KubernetesError) in try await base.verify(location)
        }
    }

    public func get(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> JSONValue
    {
        try await traced(KubernetesOperation.get(kind: kind, name: name).commandLine(in: location)) {
            () throws(KubernetesError) in try await base.get(kind: kind, name: name, in: location)
        }
    }

    public func apply(_ objects: [JSONValue], in location: KubernetesLocation) async throws(KubernetesError) {
        let names = objects.map {
            "\($0["kind"]?.stringValue ?? "?") \($0[path: ["metadata", "name"]]?.stringValue ?? "?")"
        }
        try await traced(
            KubernetesOperation.apply(objects).commandLine(in: location) + " (\(names.joined(separator: ", ")))"
        ) {
            () throws(KubernetesError) in try await base.apply(objects, in: location)
        }
    }

    public func mergePatch(kind: String, name: String, patch: JSONValue, in location: KubernetesLocation)
        async throws(KubernetesError)
    {
        try await traced(KubernetesOperation.mergePatch(kind: kind, name: name, patch: patch).commandLine(in: location))
        {
            () throws(KubernetesError) in try await base.mergePatch(kind: kind, name: name, patch: patch, in: location)
        }
    }

    public func delete(kind: String, name: String, in location: KubernetesLocation) async throws(KubernetesError) {
        try await traced(KubernetesOperation.delete(kind: kind, name: name).commandLine(in: location)) {
            () throws(KubernetesError) in try await base.delete(kind: kind, name: name, in: location)
        }
    }

    public func secretData(secret: String, key: String, in location: KubernetesLocation) async throws(KubernetesError)
        -> [UInt8]
    {
        try await traced(KubernetesOperation.readSecret(name: secret, key: key).commandLine(in: location)) {
            () throws(KubernetesError) in try await base.secretData(secret: secret, key: key, in: location)
        }
    }

    public func waitForElasticsearchReady(name: String, in location: KubernetesLocation, timeoutSeconds: Double)
        async throws(KubernetesError)
    {
        let what = "wait up to \(formatSeconds(timeoutSeconds)) until Elasticsearch \(name) is Ready (\(location))"
        try await traced(what) { () throws(KubernetesError) in
            try await base.waitForElasticsearchReady(name: name, in: location, timeoutSeconds: timeoutSeconds)
        }
    }

    /// Runs `operation`, then logs `command` with its outcome and duration.
    func traced<T>(_ command: String, _ operation: () async throws(KubernetesError) -> T) async throws(KubernetesError)
        -> T
    {
        let start = ContinuousClock.now
        do {
            let value = try await operation()
            logger.debug("\(TraceText.kubectl(command, elapsed: ContinuousClock.now - start))")
            return value
        } catch {
            logger.debug("\(TraceText.kubectl(command, failure: error, elapsed: ContinuousClock.now - start))")
            throw error
        }
    }
}

extension TracingKubernetesClient where Base == KubectlClient {
    /// kubectl's current context, traced like every other call.
    public func currentContext() async throws(KubernetesError) -> String? {
        try await traced("kubectl config current-context") { () throws(KubernetesError) in
            try await base.currentContext()
        }
    }

    /// The kubeconfig's context names, traced like every other call.
    public func contextNames() async throws(KubernetesError) -> [String] {
        try await traced("kubectl config get-contexts -o name") { () throws(KubernetesError) in
            try await base.contextNames()
        }
    }
}
