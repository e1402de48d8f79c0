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
            server address and server name, and the simulated Kubernetes contexts, then runs until \
            interrupted (SIGINT or SIGTERM) and removes its temporary files. The Kubernetes \
            contexts (sim-local, sim-remote) live inside this process only: no kubeconfig is \
            written, so kubectl cannot reach them; the demo and the tests use them in-process.
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

    func validate() throws {
        do {
            _ = try SimulatorFault.parseList(faults)
        } catch {
            throw ValidationError(error.description)
        }
        guard restartSeconds >= 0 else { throw ValidationError("--restart-seconds must be 0 or more.") }
        guard slowSeconds >= 0 else { throw ValidationError("--slow-seconds must be 0 or more.") }
    }

    func run() async throws {
        let faultSet = try SimulatorFault.parseList(faults)
        let stop = SignalWaiter(signals: [SIGINT, SIGTERM])
        let environment = try await SimulatedEnvironment.start(
            .init(
                faults: faultSet, restartDuration: .milliseconds(Int64(restartSeconds * 1000)),
                slowDelay: .milliseconds(Int64(slowSeconds * 1000))))
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
