// swift-tools-version:6.1
import PackageDescription

/// One settings list for every target: Swift 6 language mode, existential `any` spelled out.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "KeapLedger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "keap-ledger", targets: ["LedgerCLI"]),
        .executable(name: "keap-ledger-bench", targets: ["LedgerBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The feed's domain: JSON, values, validation rules. Foundation only.
        .target(name: "LedgerCore", swiftSettings: swiftSettings),
        // zlib, the system library, for `.gz` feeds (multi-member inflate).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Streaming line framing and per-line decoding into validated events.
        .target(
            name: "LedgerFeed",
            dependencies: ["LedgerCore", "CZlib", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The SQL schema, embedded in the binary so it runs from any directory.
        .target(name: "LedgerMigrations", path: "Migrations", resources: [.embedInCode("sql")], swiftSettings: swiftSettings),
        // GRDB: the append-only log, hash chain, verify, export.
        .target(
            name: "LedgerStore",
            dependencies: [
                "LedgerCore", "LedgerMigrations",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The ingest pipeline: read+validate on one thread, append on another.
        .target(
            name: "LedgerIngest",
            dependencies: ["LedgerCore", "LedgerFeed", "LedgerStore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Deterministic, realistic sample feeds for the demo, tests and benchmarks.
        .target(name: "LedgerSampleFeed", dependencies: ["LedgerCore"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "LedgerCLI",
            dependencies: [
                "LedgerCore", "LedgerFeed", "LedgerStore", "LedgerIngest", "LedgerSampleFeed",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks that need the library in process (scripts/bench builds it in release).
        .executableTarget(name: "LedgerBench", dependencies: ["LedgerCore", "LedgerStore"], swiftSettings: swiftSettings),
        .target(
            name: "LedgerTestSupport",
            dependencies: ["LedgerCore", "LedgerStore", "LedgerFeed", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore", "LedgerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LedgerFeedTests", dependencies: ["LedgerFeed", "LedgerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore", "LedgerTestSupport"], exclude: ["Snapshots"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LedgerIngestTests",
            dependencies: [
                "LedgerIngest", "LedgerTestSupport", "LedgerSampleFeed",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LedgerSampleFeedTests", dependencies: ["LedgerSampleFeed"], swiftSettings: swiftSettings),
        .testTarget(name: "LedgerCLITests", dependencies: ["LedgerTestSupport"], swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
