/// Step 3: a TLS handshake with the proxy address (or every seed), with the server name as SNI
/// and the CA the local cluster will trust. A failure stops the remote unless its decisions say
/// to continue (`ignorePreflightFailure` in a plan, or the operator's confirmation).
public struct PreflightStep: SetupStep {
    public var alias: String
    public init(alias: String) { self.alias = alias }

    public var id: SetupStepID { SetupStepID(.preflight, alias: alias) }
    public var title: String { "Check the TLS connection to the remote cluster server" }

    /// Seconds allowed for each handshake.
    public static let timeoutSeconds = 10.0

    public func preview(in context: SetupContext) -> StepPreview {
        guard let remote = context.remote(alias) else { return StepPreview() }
        let requests = Self.requests(remote, caFile: remote.setup.certificateAuthority?.path)
        return StepPreview(
            notes: [
                "Nothing is sent after the handshake; it shows whether the address is reachable, the certificate trusted and its name right."
            ], actions: requests.map(PlannedAction.tlsProbe))
    }

    public func run(in context: SetupContext, services: SetupServices, events: SetupEventSink) async -> StepResult {
        await StepExecution.run(id, title: title, context: context, events: events) { context, execution in
            let remote = try context.requireRemote(alias)
            let caFile = try Self.caFile(remote, outputs: context.outputs(for: alias))
            defer { if let caFile, caFile != remote.setup.certificateAuthority?.path { SetupFiles.remove(caFile) } }
            var results: [TLSProbeResult] = []
            for request in Self.requests(remote, caFile: caFile) {
                try Task.checkCancellation()
                let result = await services.prober.probe(request)
                results.append(result)
                execution.progress(
                    "\(request.address): \(result.passed ? "reachable, trusted, name matches" : result.diagnosis?.summary ?? "failed")"
                )
            }
            context.update(alias) { $0.preflight = results }
            guard results.allSatisfy(\.passed) else {
                let rules = ConnectionDiagnosisRules(
                    ConnectionObservation(
                        alias: alias, addresses: remote.setup.addresses, serverName: remote.setup.serverName,
                        mode: remote.setup.mode, preflight: results))
                let diagnosis =
                    rules.preflightProblem
                    ?? Diagnosis(
                        cause: .unknown,
                        summary: "The TLS preflight to \(remote.setup.addresses.joined(separator: ", ")) did not pass.",
                        fix:
                            "Run `remote-cluster-wizard probe` with the same address, server name and CA for the details.",
                        raw: results.map { TLSProbeReport.lines(for: $0, symbols: .ascii).joined(separator: "\n") }
                            .joined(separator: "\n"))
                if remote.decisions.continuePastFailedPreflight {
                    execution.progress("Continuing as asked, although: \(diagnosis.summary)")
                    return .passed(
                        "The preflight failed (\(diagnosis.summary)); continuing as the plan or operator asked.")
                }
                throw StepStop.failed(diagnosis)
            }
            return .passed(
                results.count == 1
                    ? "\(results[0].request.address) is reachable and trusted, and the name matches."
                    : "All \(results.count) seeds are reachable and trusted, and their names match.")
        }
    }

    static func requests(_ remote: RemoteTarget, caFile: String?) -> [TLSProbeRequest] {
        let trust: TrustSource = caFile.map(TrustSource.caFile) ?? .systemStore
        return remote.setup.addresses.compactMap { address in
            guard let parsed = try? ProxyAddress(parsing: address) else { return nil }
            return TLSProbeRequest(
                proxyAddress: parsed, serverName: remote.setup.mode == .sniff ? nil : remote.setup.serverName,
                trust: trust, timeout: timeoutSeconds)
        }
    }

    /// The CA file to trust: the remote's `ca` file when it exists, else the PEM an earlier step
    /// read (or the wizard gave), written to a temporary file; nil for a publicly trusted remote.
    static func caFile(_ remote: RemoteTarget, outputs: RemoteOutputs) throws -> String? {
        guard let ca = remote.setup.certificateAuthority else { return nil }
        if !ca.path.isEmpty, SetupFiles.text(at: ca.path) != nil { return ca.path }
        guard let pem = outputs.certificateAuthorityPEM ?? ca.pem else {
            throw StepStop.failed(
                Diagnosis(
                    cause: .untrustedCertificate, summary: "The CA file \(ca.path) for \(remote.alias) does not exist.",
                    fix:
                        "Save the remote's CA there (for ECK the remote preparation step does it), or remove `ca` if the certificate is publicly trusted."
                ))
        }
        return try SetupFiles.temporaryCA(pem, alias: remote.alias)
    }
}
