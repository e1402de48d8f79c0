// swift-tools-version:6.1
import PackageDescription

/// The performance suite of remote-cluster-wizard, kept out of the main package so that its
/// dependencies (package-benchmark) are built only by `make bench`, never by the tests or CI.
///
/// - `InProcess` (package-benchmark): figures measured inside one process, such as decoding a
///   `_remote/info` body or rendering a screen into the screen buffer.
/// - `whole-process-bench`: figures of the shipped binary as a whole process (start-up against
///   curl, peak memory, the first frame and key latency in a pseudo-terminal, CPU while idle), and
///   the report that prints every figure with its median, spread and target.
let package = Package(
    name: "remote-cluster-wizard-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "remote-cluster-wizard", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Bodies and states the in-process benchmarks measure, built the same way each run.
        .target(
            name: "BenchmarkFixtures",
            dependencies: [
                .product(name: "RemoteClusterKit", package: "remote-cluster-wizard"),
                .product(name: "WizardCore", package: "remote-cluster-wizard"),
            ]
        ),
        .executableTarget(
            name: "InProcess",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RemoteClusterKit", package: "remote-cluster-wizard"),
                .product(name: "WizardCore", package: "remote-cluster-wizard"),
            ],
            path: "Benchmarks/InProcess",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),

        // posix_openpt and friends need _GNU_SOURCE and macros: static inline wrappers.
        .target(name: "CPseudoTerminal"),
        // Processes on pseudo-terminals, samples and their statistics, the simulator as a child, the report.
        .target(
            name: "ProcessBenchmarks",
            dependencies: ["CPseudoTerminal", .product(name: "WizardCore", package: "remote-cluster-wizard")]
        ),
        .executableTarget(name: "whole-process-bench", dependencies: ["ProcessBenchmarks"]),
        // Plan validation time against plan size, up to 5 MB (`make bench` prints it after the figures).
        .executableTarget(
            name: "PlanValidationBenchmark",
            dependencies: [.product(name: "RemoteClusterKit", package: "remote-cluster-wizard")],
            path: "PlanValidation"
        ),
        // The in-process workloads in a plain loop, for a profiler.
        .executableTarget(
            name: "inprocess-profile",
            dependencies: [
                "BenchmarkFixtures", .product(name: "RemoteClusterKit", package: "remote-cluster-wizard"),
                .product(name: "WizardCore", package: "remote-cluster-wizard"),
            ]
        ),
    ]
)
