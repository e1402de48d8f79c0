import ArgumentParser
import CurlTransport
import Foundation
import RemoteClusterKit

/// `probe`: the TLS preflight against a proxy address, from the command line.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check the TLS connection to a remote cluster server before adding the remote.",
        discussion: """
            Opens a TCP connection and does a TLS handshake only (no request is sent), with the server name as SNI and the CA the local cluster will trust. Reports reachability, the TLS version, whether the chain is trusted and the name matches, the presented chain, and the most likely cause and fix of a failure.

            Exit status: 0 when reachable, trusted and the name matches; 1 when the check fails; 2 for bad input (nothing is contacted then).
            """
    )

    @Option(
        name: .customLong("proxy-address"),
        help: ArgumentHelp("The remote cluster server address (IPv6 in brackets). Required.", valueName: "host:port"))
    var proxyAddress: String?

    @Option(
        name: .customLong("server-name"),
        help: ArgumentHelp("The TLS server name (SNI) to send and check the certificate against.", valueName: "name"))
    var serverName: String?

    @Option(
        name: .customLong("ca"),
        help: ArgumentHelp(
            "A PEM file with the CA the local cluster will trust (default: the system store).", valueName: "file"))
    var caFile: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds allowed for the connection and the handshake (above 0, at most 300).", valueName: "seconds"),
        transform: { try SecondsArgument.parse($0, allowed: ProbeCommand.timeoutRange) })
    var timeout: Double = 10

    /// What `--timeout` accepts, in the words of its messages.
    static let timeoutRange = "give a number of seconds above 0 and at most 300, such as 10"

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        let output = CommandOutput()
        let request: TLSProbeRequest
        switch validatedRequest() {
        case .success(let valid):
            request = valid.request
            for warning in valid.warnings { output.error("Warning: \(warning)") }
        case .failure(let problems):
            throw output.refuse(problems)
        }
        let result = await CurlTLSProbe().probe(request)
        if json {
            output.print(TLSProbeReport.json(for: result).jsonString(pretty: true))
        } else {
            let symbols = StatusSymbols.forEnvironment(ProcessInfo.processInfo.environment)
            for line in TLSProbeReport.lines(for: result, symbols: symbols) { output.print(line) }
        }
        if !result.passed { throw ExitCode(1) }
    }

    private struct ValidRequest {
        var request: TLSProbeRequest
        var warnings: [FieldProblem]
    }

    /// Checks every option with the engine's validators; nothing is contacted when one fails.
    private func validatedRequest() -> Result<ValidRequest, InputProblems> {
        var problems: [FieldProblem] = []
        guard let proxyAddress, !proxyAddress.isEmpty else {
            return .failure(
                InputProblems(list: [
                    FieldProblem(
                        field: "--proxy-address", problem: "no proxy address was given",
                        fix: "Add --proxy-address HOST:PORT, for example --proxy-address lb.example.net:9443.")
                ]))
        }
        problems += Validators.proxyAddress(proxyAddress, field: "--proxy-address")
        if let serverName { problems += Validators.serverName(serverName, field: "--server-name") }
        if let caFile { problems += Validators.caFile(caFile, field: "--ca") }
        if !(timeout > 0 && timeout <= 300) {
            problems.append(
                FieldProblem(
                    field: "--timeout", problem: "\(timeout) seconds is out of range",
                    fix: Self.timeoutRange.prefix(1).uppercased() + Self.timeoutRange.dropFirst() + "."))
        }
        guard problems.errors.isEmpty, let address = try? ProxyAddress(parsing: proxyAddress) else {
            return .failure(InputProblems(list: problems.errors))
        }
        let request = TLSProbeRequest(
            proxyAddress: address, serverName: serverName,
            trust: caFile.map(TrustSource.caFile) ?? .systemStore, timeout: timeout)
        return .success(ValidRequest(request: request, warnings: problems.warnings))
    }
}
