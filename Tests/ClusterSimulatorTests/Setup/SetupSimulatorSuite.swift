import Testing

/// The setup engine's tests against the simulator run one at a time: each starts a whole simulated
/// environment (two clusters, TLS servers, rollouts), and many at once on a small machine turn
/// their deadlines into a measure of the machine's load.
@Suite("Setup engine against the simulator, one test at a time", .serialized)
struct SetupSimulatorSuite {}
