import BenchmarkFixtures
import Foundation
import RemoteClusterKit

/// `inprocess-profile WORKLOAD [ITERATIONS]`: runs one in-process workload of the suite in a loop,
/// without package-benchmark around it, so that a profiler (valgrind --tool=callgrind) sees only
/// the workload. Workloads: decode.
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
default:
    FileHandle.standardError.write(Data("usage: inprocess-profile decode [ITERATIONS]\n".utf8))
    exit(2)
}
