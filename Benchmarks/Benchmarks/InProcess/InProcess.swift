import Benchmark
import BenchmarkFixtures
import RemoteClusterKit
import WizardCore

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

    // One frame of the wizard on its live status screen into a fresh 200x60 screen buffer: the
    // frame, the set-up's own alias with its fields, the "Other remotes" list of the other 999
    // (as many lines as fit are made and drawn) and the key hints. What the terminal does
    // with the buffer afterwards (ncurses) is not part of it.
    let size = Size(width: 200, height: 60)
    Benchmark("render live status with 1000 aliases at 200x60") { benchmark in
        let wizard = try await LiveStatusFixtures.wizard(aliases: 1000, size: size)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var buffer = ScreenBuffer(size: size)
            wizard.render(into: &buffer, theme: .unicode)
            blackHole(buffer)
        }
        benchmark.stopMeasurement()
    }
}
