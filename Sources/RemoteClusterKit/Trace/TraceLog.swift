import Foundation
import Logging

/// Where the request trace goes, as swift-log handlers: standard error without timestamps
/// (`-v`), a file with timestamps (`--log-file`), both, or nowhere.
public struct TraceLog: Sendable {
    /// The logger the tracing decorators write to; nil when nothing is traced.
    public let logger: Logger?

    /// - Parameters:
    ///   - verbose: trace to standard error.
    ///   - file: an open file to append the trace to, each line with a timestamp.
    ///   - standardError: where verbose lines go (tests pass their own sink).
    public init(verbose: Bool, file: TraceSink?, standardError: TraceSink = .standardError) {
        var handlers: [any LogHandler] = []
        if verbose { handlers.append(TraceLogHandler(sink: standardError, timestamps: false)) }
        if let file { handlers.append(TraceLogHandler(sink: file, timestamps: true)) }
        guard !handlers.isEmpty else {
            logger = nil
            return
        }
        var logger = Logger(label: "remote-cluster-wizard") { _ in
            handlers.count == 1 ? handlers[0] : MultiplexLogHandler(handlers)
        }
        logger.logLevel = .debug
        self.logger = logger
    }

    /// The services with every HTTP request, TLS probe and Kubernetes operation traced; the
    /// same services when nothing is traced.
    public func tracing(_ services: SetupServices) -> SetupServices {
        guard let logger else { return services }
        var traced = services
        traced.transport = TracingHTTPTransport(services.transport, logger: logger)
        traced.prober = TracingTLSProber(services.prober, logger: logger)
        traced.kubernetes = Self.tracing(services.kubernetes, logger: logger)
        return traced
    }

    /// `transport` traced, or itself when nothing is traced.
    public func tracing(_ transport: any HTTPTransport) -> any HTTPTransport {
        logger.map { TracingHTTPTransport(transport, logger: $0) } ?? transport
    }

    /// `prober` traced, or itself when nothing is traced.
    public func tracing(_ prober: any TLSProbing) -> any TLSProbing {
        logger.map { TracingTLSProber(prober, logger: $0) } ?? prober
    }

    /// kubectl traced; without a logger the decorator passes everything on and logs nothing.
    public func tracing(_ kubectl: KubectlClient) -> TracingKubernetesClient<KubectlClient> {
        TracingKubernetesClient(kubectl, logger: logger ?? Logger(label: "off") { _ in SwiftLogNoOpLogHandler() })
    }

    private static func tracing<K: KubernetesClient>(_ client: K, logger: Logger) -> any KubernetesClient {
        TracingKubernetesClient(client, logger: logger)
    }

}

/// One destination of trace lines; writes are serialised so that lines never interleave.
public final class TraceSink: @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    public init(_ handle: FileHandle) { self.handle = handle }

    public static let standardError = TraceSink(FileHandle.standardError)

    /// Opens `path` for appending (mode 0600: a trace names hosts and users).
    public static func file(_ path: String) throws(SecureFileWriter.WriteError) -> TraceSink {
        TraceSink(try SecureFileWriter.openForAppending(path, mode: 0o600))
    }

    /// A first line naming the run, so that several runs in one log file can be told apart.
    public func begin(_ commandLine: [String]) {
        write(
            "\(TraceLogHandler.timestamp()) == \(commandLine.joined(separator: " ")) (pid \(ProcessInfo.processInfo.processIdentifier))"
        )
    }

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data((line + "\n").utf8))
    }
}

/// A swift-log handler that writes `message` lines, with an ISO 8601 timestamp in front when asked.
struct TraceLogHandler: LogHandler {
    let sink: TraceSink
    let timestamps: Bool
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = "\(event.message)"
        guard timestamps else {
            sink.write("trace: \(text)")
            return
        }
        sink.write("\(Self.timestamp()) \(text)")
    }

    /// The time now, e.g. `2026-12-01T21:03:50.123Z`.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
