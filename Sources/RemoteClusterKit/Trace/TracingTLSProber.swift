import Logging

/// A `TLSProbing` that logs every probe (address, server name, trust, outcome, time) at `debug` level.
public struct TracingTLSProber: TLSProbing {
    public var base: any TLSProbing
    public var logger: Logger

    public init(_ base: any TLSProbing, logger: Logger) {
        self.base = base
        self.logger = logger
    }

    public func probe(_ request: TLSProbeRequest) async -> TLSProbeResult {
        let start = ContinuousClock.now
        let result = await base.probe(request)
        logger.debug("\(TraceText.probe(result, elapsed: ContinuousClock.now - start))")
        return result
    }
}
