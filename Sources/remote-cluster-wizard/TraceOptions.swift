import ArgumentParser
import Foundation
import RemoteClusterKit

/// `-v/--verbose` and `--log-file FILE`: every HTTP request (method, URL, status, time), TLS probe
/// and kubectl call, on standard error and/or appended to a file with timestamps; never a
/// header, a body or a secret.
struct TraceOptions: ParsableArguments {
    @Flag(
        name: .shortAndLong,
        help: "Show each HTTP request (method, URL, status, time), TLS probe and kubectl call on standard error.")
    var verbose = false

    @Option(
        name: .customLong("log-file"),
        help: ArgumentHelp("Append the same trace, with timestamps, to this file (mode 0600).", valueName: "file"),
        completion: .file())
    var logFile: String?

    /// The options with these values, for command lines read without ArgumentParser.
    static func with(verbose: Bool, logFile: String?) -> TraceOptions {
        var options = TraceOptions()
        options.verbose = verbose
        options.logFile = logFile
        return options
    }

    /// The trace log; an unusable `--log-file` is bad input (exit 2), reported before anything is contacted.
    func traceLog() throws -> TraceLog { try Self.traceLog(verbose: verbose, logFile: logFile) }

    /// The trace log of these values (for a command read without ArgumentParser; see
    /// `StatusSettings`).
    static func traceLog(verbose: Bool, logFile: String?) throws -> TraceLog {
        var sink: TraceSink?
        if let logFile {
            do {
                sink = try TraceSink.file(logFile)
                sink?.begin(["remote-cluster-wizard"] + CommandLine.arguments.dropFirst())
            } catch {
                CommandOutput().error(
                    "--log-file: \(logFile) cannot be opened for writing (\(error.reason)). Give a file in a folder you can write to."
                )
                throw ExitCode(RemoteClusterWizard.badInputExitStatus)
            }
        }
        return TraceLog(verbose: verbose, file: sink)
    }
}
