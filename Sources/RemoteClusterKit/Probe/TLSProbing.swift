/// Runs the TLS preflight. `CurlTLSProbe` (module CurlTransport) is the real one.
///
/// Implementations never throw: every failure (nothing listening, untrusted chain, ...) is part
/// of the result, so that the report can say what was checked and what went wrong.
public protocol TLSProbing: Sendable {
    func probe(_ request: TLSProbeRequest) async -> TLSProbeResult
}
