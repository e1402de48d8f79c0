import Foundation

/// Runs the built `remote-cluster-wizard` binary and collects its exit status and output.
public struct WizardProcess {
    public struct Finished: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The binary beside the test bundle (both live in the build products directory), or
    /// `.build/debug/remote-cluster-wizard` under the repository root.
    public static let binary: URL = {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("remote-cluster-wizard"),
            products.appendingPathComponent("remote-cluster-wizard"),
            Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
                .appendingPathComponent("remote-cluster-wizard"),
            repositoryRoot.appendingPathComponent(".build/debug/remote-cluster-wizard"),
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? repositoryRoot.appendingPathComponent(".build/debug/remote-cluster-wizard")
    }()

    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    public let process = Process()
    private let outputFile: URL
    private let errorFile: URL

    /// Starts the binary with `arguments`; the environment is this process's plus `environment`.
    /// Standard input is `input` (the null device when nil).
    public init(
        _ arguments: [String], environment: [String: String] = [:], directory workingDirectory: URL? = nil,
        input: Pipe? = nil
    ) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wizard-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        outputFile = directory.appendingPathComponent("stdout")
        errorFile = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = Self.binary
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for name in ["ES_PASSWORD", "ELASTIC_PASSWORD", "ES_API_KEY", "LC_ALL", "LC_CTYPE"] { merged[name] = nil }
        merged.merge(environment) { $1 }
        process.environment = merged
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = input ?? FileHandle.nullDevice
        try process.run()
    }

    /// Runs to completion.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, timeout: TimeInterval = 60
    ) async throws -> Finished {
        try await WizardProcess(arguments, environment: environment, directory: directory).finish(timeout: timeout)
    }

    /// Waits for the process to end (polling, with a deadline after which it is killed).
    public func finish(timeout: TimeInterval = 60) async throws -> Finished {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw TimedOut(arguments: process.arguments ?? [])
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Finished(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }

    /// What the process has written to standard error so far.
    public var errorSoFar: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// What the process has written to standard output so far.
    public var outputSoFar: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }

    public struct TimedOut: Error, CustomStringConvertible {
        public var arguments: [String]
        public var description: String {
            "remote-cluster-wizard \(arguments.joined(separator: " ")) did not finish in time"
        }
    }
}
