import Foundation

extension SetupContext {
    /// The local cluster's REST client.
    func localClient(_ services: SetupServices) -> ElasticsearchClient {
        ElasticsearchClient(transport: services.transport, endpoint: local.endpoint)
    }

    /// A remote's REST client, when its REST API is known.
    func remoteClient(_ alias: String, _ services: SetupServices) -> ElasticsearchClient? {
        remote(alias)?.endpoint.map { ElasticsearchClient(transport: services.transport, endpoint: $0) }
    }

    /// The remote, or a failure naming the alias (a step built for an alias the context lacks).
    func requireRemote(_ alias: String) throws -> RemoteTarget {
        guard let remote = remote(alias) else {
            throw StepStop.failed(
                Diagnosis(
                    cause: .unknown, summary: "The setup has no remote named \(alias).",
                    fix: "Build the steps from the same context they run in."))
        }
        return remote
    }
}

/// Polling through the services' clock and policy.
enum Polling {
    /// Calls `check` until it returns a value or the deadline passes (then nil). A thrown error
    /// counts as "not yet" (the wait grows) unless `check` throws `StepStop`; cancellation ends it.
    static func until<T: Sendable>(
        _ services: SetupServices, deadline: Duration? = nil, _ check: () async throws -> T?
    ) async throws -> T? {
        let end = services.clock.now() + (deadline ?? services.poll.deadline)
        var failures = 0
        while true {
            try Task.checkCancellation()
            do {
                if let value = try await check() { return value }
                failures = 0
            } catch let stop as StepStop {
                throw stop
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failures += 1
            }
            let now = services.clock.now()
            if now >= end { return nil }
            try await services.clock.sleep(for: min(services.poll.wait(afterFailures: failures), end - now))
        }
    }
}

/// Reads and writes the small files steps keep (CA files the operator named).
enum SetupFiles {
    /// The text of a file, or nil when it does not exist or is not UTF-8.
    static func text(at path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Writes `text` to `path` with `mode` (the folder is created when missing).
    static func write(_ text: String, to path: String, mode: Int) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try SecureFileWriter.write(text, to: path, mode: mode)
    }

    /// Removes a file; one that is gone already is fine.
    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// A temporary file holding `pem`, for a probe that must trust a CA only known in memory.
    static func temporaryCA(_ pem: String, alias: String) throws -> String {
        let path = NSTemporaryDirectory() + "remote-cluster-wizard-\(alias)-\(UUID().uuidString.prefix(8)).crt"
        try write(pem, to: path, mode: 0o600)
        return path
    }
}

/// Runs one call to a cluster or to Kubernetes; its error becomes the step's diagnosis, naming
/// what was being done.
enum Call {
    static func kubernetes<T>(_ doing: String, _ body: () async throws -> T) async throws -> T {
        try await run(doing, body)
    }

    static func elasticsearch<T>(_ doing: String, _ body: () async throws -> T) async throws -> T {
        try await run(doing, body)
    }

    /// One object, or nil when it does not exist.
    static func optionalObject(
        _ kind: String, _ name: String, _ location: KubernetesLocation, _ kubernetes: any KubernetesClient
    ) async throws -> JSONValue? {
        do { return try await kubernetes.get(kind: kind, name: name, in: location) } catch {
            if case .notFound = error { return nil }
            throw StepStop.failed(StepFailures.diagnosis(for: error, doing: "Reading \(kind) \(name)"))
        }
    }

    static func run<T>(_ doing: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as KubernetesError {
            throw StepStop.failed(StepFailures.diagnosis(for: error, doing: doing))
        } catch let error as ElasticsearchClientError {
            if case .transport(.cancelled) = error { throw CancellationError() }
            throw StepStop.failed(StepFailures.diagnosis(for: error, doing: doing))
        }
    }
}
