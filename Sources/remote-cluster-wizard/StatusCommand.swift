import ArgumentParser
import CurlTransport
import Foundation
import RemoteClusterKit

/// `status`: the local cluster's view of its remotes, once or every 2 s: `_remote/info` with the
/// connection checked by `_resolve/cluster`, and for each remote that is down its cause and fix.
struct StatusCommand: AsyncParsableCommand, ManualCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every remote cluster of a cluster, whether it is really connected, and why not.",
        discussion: manual.discussion
    )

    static let manual = CommandManual(
        description: """
            Reads GET /_remote/info, then checks every alias with GET /_resolve/cluster (which contacts the remote; the connected flag of _remote/info can be stale). For each alias that is down it runs a size=0 search across it and a TLS probe of its address from this machine, and prints the likely cause and fix.

            Credentials never go on the command line: the password comes from ES_PASSWORD (or ELASTIC_PASSWORD) or --password-file (with --user), an API key from ES_API_KEY or --api-key-file.

            The table fits the terminal (COLUMNS when the output is not one): ADDRESS and SERVER NAME are shortened in the middle first, then MODE, CREDENTIALS, CONNECTIONS and SERVER NAME are left out, in that order. -o wide shows every column in full and adds SKIP UNAVAILABLE and CONNECT TIMEOUT; -o json and -o yaml print one object keyed by alias with Elasticsearch's field names.
            """,
        examples: [
            CommandManual.Example(
                "The remotes of an ECK cluster, as the elastic user",
                "ES_PASSWORD=changeme remote-cluster-wizard status --url https://localhost:9200 --user elastic --ca ca.crt"
            ),
            CommandManual.Example(
                "With an API key from a file, every column, refreshed every 2 s",
                "remote-cluster-wizard status --url https://central.example.net:9200 --api-key-file key.txt -o wide --watch"
            ),
            CommandManual.Example(
                "For a script: the aliases that are not connected",
                "remote-cluster-wizard status --url https://localhost:9200 --user elastic -o json | jq -r 'to_entries[] | select(.value.connected | not) | .key'"
            ),
        ],
        exitStatus: [
            (0, "every remote shown is connected (also when there are none); with --watch: after Ctrl-C"),
            (1, "a remote is not connected, or the cluster cannot be reached or refuses the request"),
            CommandManual.badInput,
        ])

    @Option(help: ArgumentHelp("The cluster's REST URL, e.g. https://central.example.net:9200.", valueName: "url"))
    var url: String

    @Option(
        help: ArgumentHelp(
            "User for basic authentication; the password comes from ES_PASSWORD or --password-file.",
            valueName: "name"))
    var user: String?

    @Option(
        name: .customLong("password-file"),
        help: ArgumentHelp("A file holding the password (instead of ES_PASSWORD).", valueName: "file"),
        completion: .file())
    var passwordFile: String?

    @Option(
        name: .customLong("api-key-file"),
        help: ArgumentHelp("A file holding an encoded API key (instead of ES_API_KEY).", valueName: "file"),
        completion: .file())
    var apiKeyFile: String?

    @Option(
        name: .customLong("ca"),
        help: ArgumentHelp("A PEM file with the CA that signed the cluster's HTTP certificate.", valueName: "file"),
        completion: .file())
    var caFile: String?

    @Flag(help: "Do not verify the cluster's certificate (the output says so).")
    var insecure = false

    @Flag(help: "Refresh every 2 seconds until Ctrl-C (with -o json: one JSON object per line).")
    var watch = false

    @Option(help: ArgumentHelp("Seconds allowed for each request and probe.", valueName: "seconds"))
    var timeout: Double = 30

    @OptionGroup var output: OutputOptions<TableFormats>
    @OptionGroup var trace: TraceOptions

    /// The values given, for the run (`StatusCommandLine` makes the same without ArgumentParser).
    var settings: StatusSettings {
        StatusSettings(
            url: url, user: user, passwordFile: passwordFile, apiKeyFile: apiKeyFile, caFile: caFile,
            insecure: insecure, watch: watch, timeout: timeout, format: output.format, verbose: trace.verbose,
            logFile: trace.logFile)
    }

    func validate() throws {
        try OptionConflict.refuse(settings.conflicts)
    }

    func run() async throws {
        // The first request comes after the checks of --url and --ca: libcurl loads meanwhile.
        // The scripted command lines start the loading earlier, in `main` (StatusCommandLine).
        LibcurlLoading.preload()
        let status = try await settings.prepare().run()
        if status != 0 { throw ExitCode(status) }
    }
}
