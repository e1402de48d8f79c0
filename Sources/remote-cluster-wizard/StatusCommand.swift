import ArgumentParser
import CurlTransport
import Foundation
import RemoteClusterKit

/// `status`: the local cluster's view of its remotes (`GET /_remote/info`), once or every 2 s.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every remote cluster of a cluster (GET /_remote/info) as a table.",
        discussion: """
            Credentials never go on the command line: the password comes from ES_PASSWORD or --password-file (with --user), an API key from ES_API_KEY or --api-key-file.

            Exit status: 0 on success; 1 when the cluster cannot be reached or refuses the request; 2 for bad input.
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
        let client = ElasticsearchClient(transport: CurlTransport(), endpoint: endpoint)
        let symbols = StatusSymbols.forEnvironment(environment)
        if watch {
            await StatusWatch(client: client, render: { render($0, symbols: symbols, pretty: false) }, jsonLines: json)
                .run(output: output)
            return
        }
        switch await fetch(client) {
        case .success(let remotes):
            for line in render(remotes, symbols: symbols) { output.print(line) }
        case .failure(let error):
            output.error("Error: \(error)")
            throw ExitCode(1)
        }
    }

    private func fetch(_ client: ElasticsearchClient) async -> Result<[RemoteInfo], ElasticsearchClientError> {
        do {
            return .success(try await client.remoteInfo())
        } catch {
            return .failure(error)
        }
    }

    /// The table, preceded by a warning line when verification is off; or the JSON object (the
    /// warning then goes to standard error, so that standard output stays one JSON object),
    /// indented or on one line.
    func render(_ remotes: [RemoteInfo], symbols: StatusSymbols, pretty: Bool = true) -> [String] {
        let warning = "\(symbols.warning) TLS verification is off (--insecure): the cluster's identity was not checked."
        if json {
            if insecure { CommandOutput().error(warning) }
            return [RemoteInfo.jsonObject(remotes).jsonString(pretty: pretty)]
        }
        return (insecure ? [warning] : []) + RemoteInfoTable.lines(for: remotes, symbols: symbols)
    }
}
