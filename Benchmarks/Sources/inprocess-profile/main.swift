import BenchmarkFixtures
import Foundation
import RemoteClusterKit
import WizardCore

/// `inprocess-profile WORKLOAD [ITERATIONS]`: runs one in-process workload of the suite in a loop,
/// without package-benchmark around it, so that a profiler (valgrind --tool=callgrind) sees only
/// the workload. Workloads: decode, render (the live status with 1,000 aliases at 200x60).
let arguments = CommandLine.arguments.dropFirst()
let iterations = arguments.dropFirst().first.flatMap { Int($0) } ?? 10
switch arguments.first {
case "decode":
    let client = ElasticsearchClient(
        transport: CannedTransport(body: RemoteInfoFixtures.body(aliases: 1000)),
        endpoint: ClusterEndpoint(baseURL: "https://local.example.net:9200"))
    var count = 0
    for _ in 0..<iterations { count += try await client.remoteInfo().count }
    print("decoded \(count) aliases")
case "render":
    let size = Size(width: 200, height: 60)
    let wizard = try await LiveStatusFixtures.wizard(aliases: 1000, size: size)
    for _ in 0..<iterations {
        var buffer = ScreenBuffer(size: size)
        wizard.render(into: &buffer, theme: .unicode)
        if buffer.cells.isEmpty { print("empty frame") }
    }
    print("rendered \(iterations) frames")
default:
    FileHandle.standardError.write(Data("usage: inprocess-profile decode|render [ITERATIONS]\n".utf8))
    exit(2)
}
