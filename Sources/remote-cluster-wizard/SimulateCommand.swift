import ArgumentParser
import ClusterSimulator
import Foundation

/// `remote-cluster-wizard simulate`: runs a simulated local and remote cluster on loopback until
/// SIGINT or SIGTERM, and prints one JSON line describing how to reach them.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a simulated local and remote Elasticsearch cluster on loopback ports.",
        discussion: """
            Prints one JSON line on stdout with the URLs, credentials, CA files, the remote cluster \
            server address and server name, the simulated Kubernetes contexts and the path of a \
            kubeconfig, then runs until interrupted (SIGINT or SIGTERM) and removes its temporary \
            files. The two contexts (sim-local, sim-remote) are served over HTTPS on loopback, so \
            kubectl works against them: export KUBECONFIG=<the kubeconfig path>. Elasticsearch \
            manifests are checked against the ECK CRD schema (--crd, found beside the repository \
            as ../shared/eck-reference by default). --faults lists the faults it can switch on.
            """
    )

    // The list of faults is in the option's help, which is built only when `simulate` itself is
    // parsed: the configuration above is read on every start, whatever the subcommand.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Faults to switch on, comma separated:\n"
                + SimulatorFault.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "\n"),
            valueName: "LIST"))
    var faults: String = ""

    @Option(name: .long, help: ArgumentHelp("Seconds a simulated rolling restart takes.", valueName: "SECONDS"))
    var restartSeconds: Double = 2

    @Option(name: .long, help: ArgumentHelp("Seconds the slow fault delays each answer.", valueName: "SECONDS"))
    var slowSeconds: Double = 3

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ECK Elasticsearch CRD (YAML) whose schema the simulated Kubernetes enforces.", valueName: "FILE"))
    var crd: String?

    func validate() throws {
        do {
            _ = try SimulatorFault.parseList(faults)
        } catch {
            throw ValidationError(error.description)
        }
        guard restartSeconds >= 0 else { throw ValidationError("--restart-seconds must be 0 or more.") }
        guard slowSeconds >= 0 else { throw ValidationError("--slow-seconds must be 0 or more.") }
        if let crd, !FileManager.default.isReadableFile(atPath: crd) {
            throw ValidationError("--crd: cannot read \(crd). Give the path of the ECK Elasticsearch CRD YAML file.")
        }
    }

    func run() async throws {
        let faultSet = try SimulatorFault.parseList(faults)
        let stop = SignalWaiter(signals: [SIGINT, SIGTERM])
        let schema = crd.map { URL(fileURLWithPath: $0) } ?? KubernetesObjectValidation.findElasticsearchCRD()
        if schema == nil {
            FileHandle.standardError.write(
                Data(
                    "simulate: the ECK CRD was not found (../shared/eck-reference); Elasticsearch manifests are not schema-checked. Pass --crd FILE.\n"
                        .utf8))
        }
        let environment = try await SimulatedEnvironment.start(
            .init(
                faults: faultSet, restartDuration: .milliseconds(Int64(restartSeconds * 1000)),
                slowDelay: .milliseconds(Int64(slowSeconds * 1000)), servesKubernetesAPI: true,
                elasticsearchCRD: schema))
        FileHandle.standardOutput.write(Data((environment.descriptionLine.jsonString() + "\n").utf8))
        let received = await stop.wait()
        FileHandle.standardError.write(Data("simulate: received signal \(received), stopping\n".utf8))
        await environment.shutdown()
    }
}

/// Waits for one of several signals without the default handler killing the process.
final class SignalWaiter {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    init(signals: [Int32]) {
        var continuation: AsyncStream<Int32>.Continuation!
        stream = AsyncStream { continuation = $0 }
        let sink = continuation!
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { sink.yield(number) }
            source.resume()
            return source
        }
    }

    /// The first signal received.
    func wait() async -> Int32 {
        for await number in stream { return number }
        return 0
    }
}
