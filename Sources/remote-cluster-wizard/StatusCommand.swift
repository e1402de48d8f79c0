import ArgumentParser
import CurlTransport
import Foundation
import RemoteClusterKit

/// `status`: the local cluster's view of its remotes, once or every 2 s: `_remote/info` with the
/// connection checked by `_resolve/cluster`, and for each remote that is down its cause and fix.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every remote cluster of a cluster, whether it is really connected, and why not.",
        discussion: """
            Reads GET /_remote/info, then checks every alias with GET /_resolve/cluster (which contacts the remote; the connected flag of _remote/info can be stale). For each alias that is down it runs a size=0 search across it and a TLS probe of its address from this machine, and prints the likely cause and fix.

            Credentials never go on the command line: the password comes from ES_PASSWORD or --password-file (with --user), an API key from ES_API_KEY or --api-key-file.

            Exit status: 0 when every remote shown is connected (also when there are none); 1 when a remote is not connected, or the cluster cannot be reached or refuses the request; 2 for bad input. With --watch: 0 after Ctrl-C.
            """
    )

    @Option(
        help: ArgumentHelp("The cluster's REST URL, e.g. https://central.example.net:9200. Required.", valueName: "url")
    )
    var url: String?

    @Option(
        help: ArgumentHelp(
            "User for basic authentication; the password comes from ES_PASSWORD or --password-file.",
            valueName: "name"))
    var user: String?

    @Option(
        name: .customLong("password-file"),
        help: ArgumentHelp("A file holding the password (instead of ES_PASSWORD).", valueName: "file"))
    var passwordFile: String?

    @Option(
        name: .customLong("api-key-file"),
        help: ArgumentHelp("A file holding an encoded API key (instead of ES_API_KEY).", valueName: "file"))
    var apiKeyFile: String?

    @Option(
        name: .customLong("ca"),
        help: ArgumentHelp("A PEM file with the CA that signed the cluster's HTTP certificate.", valueName: "file"))
    var caFile: String?

    @Flag(help: "Do not verify the cluster's certificate (the output says so).")
    var insecure = false

    @Flag(help: "Print one JSON object keyed by alias, with Elasticsearch's field names.")
    var json = false

    @Flag(help: "Refresh every 2 seconds until Ctrl-C (with --json: one JSON object per line).")
    var watch = false

    @Option(help: ArgumentHelp("Seconds allowed for each request and probe (default 30).", valueName: "seconds"))
    var timeout: Double = 30

    func run() async throws {
        let output = CommandOutput()
        let environment = ProcessInfo.processInfo.environment
        let endpoint: ClusterEndpoint
        switch StatusInput(command: self, environment: environment).endpoint() {
        case .success(let valid):
            endpoint = valid.endpoint
            for warning in valid.warnings { output.error("Warning: \(warning)") }
        case .failure(let problems):
            throw output.refuse(problems)
        }
        guard timeout > 0, timeout <= 600 else {
            throw output.refuse(
                InputProblems(list: [
                    FieldProblem(
                        field: "--timeout", problem: "\(timeout) seconds is out of range",
                        fix: "Give a number of seconds above 0 and at most 600, such as 30.")
                ]))
        }
        var timed = endpoint
        timed.timeouts = Timeouts(connect: min(10, timeout), request: timeout)
        let check = RemoteStatusCheck(
            client: ElasticsearchClient(transport: CurlTransport(), endpoint: timed), prober: CurlTLSProbe(),
            probeTimeout: min(10, timeout))
        let symbols = StatusSymbols.forEnvironment(environment)
        if watch {
            await StatusWatch(check: check, render: { render($0, symbols: symbols, pretty: false) }, jsonLines: json)
                .run(output: output)
            return
        }
        let statuses: [RemoteStatus]
        do {
            statuses = try await check.run()
        } catch {
            output.error("Error: \(error)")
            throw ExitCode(1)
        }
        for line in render(statuses, symbols: symbols) { output.print(line) }
        if !statuses.allSatisfy(\.isConnected) { throw ExitCode(1) }
    }

    /// The table and the diagnoses, preceded by a warning line when verification is off; or the
    /// JSON object (the warning then goes to standard error, so that standard output stays one
    /// JSON object), indented or on one line.
    func render(_ statuses: [RemoteStatus], symbols: StatusSymbols, pretty: Bool = true) -> [String] {
        let warning = "\(symbols.warning) TLS verification is off (--insecure): the cluster's identity was not checked."
        if json {
            if insecure { CommandOutput().error(warning) }
            return [RemoteStatusCheck.json(for: statuses).jsonString(pretty: pretty)]
        }
        return (insecure ? [warning] : []) + RemoteStatusCheck.lines(for: statuses, symbols: symbols)
    }
}
