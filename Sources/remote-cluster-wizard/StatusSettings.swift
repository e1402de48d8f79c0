import CurlTransport
import Foundation
import RemoteClusterKit

/// What a `status` command line asks for, as plain values: what `StatusCommand` (ArgumentParser)
/// and `StatusCommandLine` (the scripted command lines) both read, and what the run is made from.
///
/// Plain values rather than the command itself, because making a `StatusCommand` makes its
/// property wrappers: ArgumentParser's option names (a `Set`) and its option groups, whose
/// generic types make the Swift runtime scan every conformance record of the binary, four
/// times, before anything else happens.
struct StatusSettings: Equatable, Sendable {
    var url: String
    var user: String?
    var passwordFile: String?
    var apiKeyFile: String?
    var caFile: String?
    var insecure = false
    var watch = false
    var timeout: Double = 30
    var format: OutputFormat = .text
    var verbose = false
    var logFile: String?

    /// The combinations `status` refuses, whoever reads the command line.
    var conflicts: [OptionConflict] {
        [
            OptionConflict(
                "--ca", caFile != nil, "--insecure", insecure,
                fix: "--insecure turns off the check that --ca is for: leave out one of them."),
            OptionConflict(
                "--password-file", passwordFile != nil, "--api-key-file", apiKeyFile != nil,
                fix: "Authenticate with either a password (with --user) or an API key."),
            OptionConflict(
                "--user", user != nil, "--api-key-file", apiKeyFile != nil,
                fix: "Authenticate with either a password (with --user) or an API key."),
        ]
    }

    /// Everything before the first request: the checks of the input (which throw the refusal,
    /// exit status 2), the warnings, the log file and the check to run. Synchronous, so that the
    /// scripted command lines do it on the main thread while libcurl loads beside it.
    func prepare() throws -> StatusRun {
        let output = CommandOutput()
        let environment = ProcessInfo.processInfo.environment
        let endpoint: ClusterEndpoint
        switch StatusInput(settings: self, environment: environment).endpoint() {
        case .success(let valid):
            endpoint = valid.endpoint
            for warning in valid.warnings { output.warning(warning.description) }
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
        let trace = try TraceOptions.traceLog(verbose: verbose, logFile: logFile)
        let check = RemoteStatusCheck(
            client: ElasticsearchClient(transport: trace.tracing(CurlTransport()), endpoint: timed),
            prober: trace.tracing(CurlTLSProbe()), probeTimeout: min(10, timeout))
        if insecure { output.warning("TLS verification is off (--insecure): the cluster's identity was not checked.") }
        return StatusRun(
            settings: self, check: check, symbols: StatusSymbols.forEnvironment(environment), output: output)
    }

    /// The table (fitted to the terminal, or wide) and the diagnoses; or the object keyed by
    /// alias as one document, or as one item of a stream (`--watch`).
    func render(_ statuses: [RemoteStatus], symbols: StatusSymbols, stream: Bool = false) -> [String] {
        switch format {
        case .json, .yaml:
            return DocumentPrinter(format: format).lines(for: RemoteStatusCheck.json(for: statuses), stream: stream)
        case .text, .wide:
            return RemoteStatusCheck.lines(
                for: statuses, symbols: symbols, width: TerminalColumns.current(), wide: format == .wide)
        }
    }
}
