import Benchmark
import BenchmarkFixtures
import RemoteClusterKit

/// In-process figures of the table. `whole-process-bench` reads their samples
/// (`--format histogramSamples`) and prints them with the whole-process figures and the targets.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds, warmupIterations: 5,
        maxDuration: .seconds(5), maxIterations: 101)

    // What `status` and the live screen do with each answer: parse the body and decode every alias.
    let body = RemoteInfoFixtures.body(aliases: 1000)
    let client = ElasticsearchClient(
        transport: CannedTransport(body: body), endpoint: ClusterEndpoint(baseURL: "https://local.example.net:9200"))
    Benchmark("decode _remote/info with 1000 aliases") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await client.remoteInfo())
        }
    }
}
