// swift-tools-version:6.1
import PackageDescription

/// remote-cluster-wizard: a terminal wizard that connects an ECK-managed Elasticsearch cluster to an
/// external remote cluster with the API-key security model. Module layout: see DESIGN.md.
let package = Package(
    name: "remote-cluster-wizard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "remote-cluster-wizard", targets: ["remote-cluster-wizard"]),
        // The parser fuzz targets; `make fuzz` builds this with libFuzzer.
        .executable(name: "fuzz-parsers", targets: ["FuzzParsers"]),
        // For the performance suite in Benchmarks/, a separate package that depends on this one.
        .library(name: "RemoteClusterKit", targets: ["RemoteClusterKit"]),
        .library(name: "WizardCore", targets: ["WizardCore"]),
    ],
    dependencies: [
        // 1.8: the generate-manual plugin (`make man`) and three-argument custom completions.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        // 1.16: LogHandler.log(event:) for the request trace (`-v`, `--log-file`).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // C shims: small static inline wrappers over variadic and macro APIs.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // posix_spawn's and pipe2's GNU parts, for the engine's process runner.
        .systemLibrary(name: "CProcessSpawn", path: "Sources/CProcessSpawn"),
        // libFuzzer's driver, for the fuzzing build of fuzz-parsers.
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        // libcurl, loaded on first use (see Sources/CCurl/include/shim.h).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),

        // The engine: Foundation only (and the C library), no UI, no libcurl.
        .target(
            name: "RemoteClusterKit",
            dependencies: [
                "CProcessSpawn",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // HTTP and TLS probing over libcurl; the only importer of CCurl.
        .target(name: "CurlTransport", dependencies: ["CCurl", "RemoteClusterKit"]),
        // Simulated local and remote Elasticsearch clusters over real HTTP and TLS.
        .target(
            name: "ClusterSimulator",
            dependencies: [
                "RemoteClusterKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // Pure UI core: state, messages, effects, widgets, rendering into a ScreenBuffer.
        .target(name: "WizardCore", dependencies: ["RemoteClusterKit"]),
        // Run loop, ncurses backend, headless terminal, plain line-prompt mode.
        .target(name: "WizardTerminal", dependencies: ["WizardCore", "CNcurses"]),
        // Every parser of outside data as a fuzz target, and the libFuzzer entry point.
        .target(name: "ParserFuzzing", dependencies: ["RemoteClusterKit"]),
        .executableTarget(name: "FuzzParsers", dependencies: ["ParserFuzzing", "CLibFuzzer"]),
        .executableTarget(
            name: "remote-cluster-wizard",
            dependencies: [
                "RemoteClusterKit", "CurlTransport", "ClusterSimulator", "WizardCore", "WizardTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The shipped binary starts faster and smaller when linked by lld with packed relative
            // relocations, without exporting every symbol, and with the functions that run at start
            // placed together (Benchmarks/startup-order.sh writes their list; see BENCHMARKS.md).
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker",
                        "--no-export-dynamic", "-Xlinker",
                        "--symbol-ordering-file=\(Context.packageDirectory)/Benchmarks/startup-order.txt",
                        "-Xlinker", "--no-warn-symbol-ordering",
                    ],
                    .when(configuration: .release))
            ]
        ),

        .testTarget(
            name: "RemoteClusterKitTests",
            dependencies: [
                "RemoteClusterKit", "ParserFuzzing",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Golden", "Fixtures", "FuzzRegressions"]
        ),
        .testTarget(
            name: "CurlTransportTests",
            dependencies: [
                "CurlTransport", "RemoteClusterKit", "ClusterSimulator", "CommandLineSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(
            name: "ClusterSimulatorTests",
            dependencies: [
                "ClusterSimulator", "CurlTransport", "RemoteClusterKit",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "WizardCoreTests",
            dependencies: [
                "WizardCore", "WizardTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "WizardTerminalTests", dependencies: ["WizardTerminal", "WizardCore", "WizardTestSupport"]),
        // The wizard's screens driven through the run loop against the in-process simulator.
        .testTarget(
            name: "WizardScenarioTests",
            dependencies: [
                "WizardCore", "WizardTerminal", "WizardTestSupport", "RemoteClusterKit", "CurlTransport",
                "ClusterSimulator",
            ],
            exclude: ["Snapshots"]
        ),
        // Shared test helpers: whole-screen snapshots with a line diff, waiting with a deadline.
        .target(
            name: "WizardTestSupport", dependencies: ["WizardCore", "WizardTerminal", "CommandLineSupport"],
            path: "Tests/WizardTestSupport"),

        // The widget gallery: an example program that exercises the UI framework (not the product).
        .target(name: "Gallery", dependencies: ["WizardCore"], path: "Examples/Gallery/Sources/Gallery"),
        .executableTarget(
            name: "gallery-example", dependencies: ["Gallery", "WizardCore", "WizardTerminal"],
            path: "Examples/Gallery/Sources/gallery-example"),
        .testTarget(
            name: "GalleryTests", dependencies: ["Gallery", "WizardCore", "WizardTerminal", "WizardTestSupport"],
            path: "Examples/Gallery/Tests/GalleryTests", exclude: ["Snapshots"]),
        // The built executable as operators use it: help snapshots, option conflicts, output
        // formats, the trace, and the README's runnable blocks against `simulate`.
        .testTarget(
            name: "CommandLineTests", dependencies: ["CommandLineSupport", "RemoteClusterKit", "WizardCore"],
            exclude: ["Snapshots"]),
        // The executable's own command-line reading, in process.
        .testTarget(
            name: "CommandParsingTests",
            dependencies: [
                "remote-cluster-wizard", .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Shared by the tests that run the built binary: the process runner and text snapshots.
        .target(name: "CommandLineSupport", path: "Tests/CommandLineSupport"),
        // The real binary under tmux; WizardTestSupport only for its TestSlots.
        .testTarget(name: "EndToEndTests", dependencies: ["WizardTestSupport"]),
    ]
)
