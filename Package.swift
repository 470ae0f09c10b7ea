// swift-tools-version:6.1
import PackageDescription

/// One settings list for every target: Swift 6 language mode, existential `any` spelled out.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "KeapLedger",
    platforms: [.macOS(.v15)],  // v15: task executors (LedgerWriterExecutor)
    products: [
        .executable(name: "keap-ledger", targets: ["LedgerCLI"]),
        .executable(name: "keap-ledger-bench", targets: ["LedgerBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The Keap sandbox's HTTP server.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Hummingbird's own dependencies, declared because KeapSandbox imports them (its logger, its service
        // group, its HTTP field names): an import must never rely on a package arriving transitively.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // The Keap client's HTTP (README, Dependencies): FoundationNetworking's URLSession burned a 30 s timeout per
        // dropped connection and re-sent POSTs without their body.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Named so the client can state its TLS settings (system trust roots, TLS 1.2 or later) itself.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The feed's domain: JSON, values, validation rules. Foundation only.
        .target(name: "LedgerCore", swiftSettings: swiftSettings),
        // zlib, the system library, for `.gz` feeds (multi-member inflate).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's malloc_trim, behind one header-only function (a no-op elsewhere): the projection moves page cache
        // between connections on different threads, and glibc keeps what one thread frees in that thread's arena.
        .systemLibrary(name: "CMemory", path: "Sources/CMemory"),
        // SQLite's process-wide settings (no memory statistics: a mutex around every allocation), through one
        // header-only C function: `sqlite3_config` is variadic, which Swift cannot call.
        .systemLibrary(name: "CSQLiteProcess", path: "Sources/CSQLiteProcess", providers: [.apt(["libsqlite3-dev"])]),
        // Reading feeds: byte sources (files, standard input, multi-member `.gz`) and streaming line framing. What a
        // line means is LedgerCore's (`FeedValidator`); this module only cuts bytes into lines.
        .target(name: "LedgerFeed", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        // The SQL schema, embedded in the binary so it runs from any directory.
        .target(name: "LedgerMigrations", path: "Migrations", resources: [.embedInCode("sql")], swiftSettings: swiftSettings),
        // The dedicated-threads half of the concurrency model (README, Concurrency): named threads, bounded channels,
        // ordered CPU pipelines sized from the cores, and a task executor for blocking work under async code.
        .target(name: "LedgerThreads", dependencies: ["LedgerCore"], swiftSettings: swiftSettings),
        // GRDB: the append-only log, hash chain, verify, export.
        .target(
            name: "LedgerStore",
            dependencies: [
                "LedgerCore", "LedgerMigrations", "CSQLiteProcess",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the prepared statements the append path binds by hand.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The projection: folds the log's streams (on fold workers) into the projection rows and the outbox's desired
        // states, through the store's row writers; `project`, `rebuild`, projecting inside an ingest's transaction,
        // and `verify --projections`. The store persists, this folds and decides, the sync talks to Keap.
        .target(
            name: "LedgerProjection",
            dependencies: [
                "LedgerCore", "LedgerStore", "LedgerThreads", "CMemory",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The ingest pipeline: a reader thread and parse workers (sized from the cores) feed the appending thread.
        .target(name: "LedgerIngest", dependencies: ["LedgerCore", "LedgerFeed", "LedgerStore", "LedgerProjection", "LedgerThreads"], swiftSettings: swiftSettings),
        // Keap REST v2: typed calls, one rate limiter, retries with backoff, every failure classified.
        .target(
            name: "KeapClient",
            dependencies: [
                "LedgerCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // An in-process stand-in for Keap REST v2 (strict, with seeded faults) for the demo and the tests.
        .target(
            name: "KeapSandbox",
            dependencies: [
                "LedgerCore", "LedgerThreads",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The outbox flush: ledger state to Keap calls under the idempotency rules of spec/keap-sync.md.
        .target(
            name: "LedgerSync",
            dependencies: ["LedgerCore", "LedgerStore", "LedgerProjection", "LedgerThreads", "KeapClient"],
            swiftSettings: swiftSettings
        ),
        // Deterministic, realistic sample feeds for the demo, tests and benchmarks.
        .target(name: "LedgerSampleFeed", dependencies: ["LedgerCore"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "LedgerCLI",
            dependencies: [
                "LedgerCore", "LedgerFeed", "LedgerStore", "LedgerProjection", "LedgerIngest", "LedgerSampleFeed",
                "KeapClient", "KeapSandbox", "LedgerSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks that need the library in process (scripts/bench builds it in release).
        .executableTarget(
            name: "LedgerBench",
            dependencies: ["LedgerCore", "LedgerStore", "LedgerIngest", "LedgerSync", "KeapClient", "KeapSandbox"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LedgerTestSupport",
            dependencies: ["LedgerCore", "LedgerStore", "LedgerFeed", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // LedgerFeed and LedgerSampleFeed: StoredLineDecoder is checked against the validator on fixtures and generated feeds.
        .testTarget(
            name: "LedgerCoreTests", dependencies: ["LedgerCore", "LedgerFeed", "LedgerSampleFeed", "LedgerTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LedgerThreadsTests", dependencies: ["LedgerCore", "LedgerThreads"], swiftSettings: swiftSettings),
        .testTarget(name: "LedgerFeedTests", dependencies: ["LedgerCore", "LedgerFeed", "LedgerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LedgerStoreTests",
            dependencies: ["LedgerCore", "LedgerMigrations", "LedgerStore", "LedgerTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerIngestTests",
            dependencies: [
                "LedgerCore", "LedgerFeed", "LedgerStore", "LedgerProjection", "LedgerIngest", "LedgerTestSupport", "LedgerSampleFeed",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerSampleFeedTests",
            dependencies: ["LedgerSampleFeed", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The CLI tests run the built binary; they link only the helpers that start it.
        .testTarget(name: "LedgerCLITests", dependencies: ["LedgerCore", "LedgerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "KeapClientTests", dependencies: ["KeapClient", "KeapSandbox", "LedgerCore"], swiftSettings: swiftSettings),
        .testTarget(name: "KeapSandboxTests", dependencies: ["KeapSandbox", "LedgerCore", "LedgerTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LedgerSyncTests",
            dependencies: [
                "LedgerCore", "LedgerStore", "LedgerProjection", "LedgerIngest", "LedgerSync", "LedgerThreads", "KeapClient", "KeapSandbox", "LedgerTestSupport",
                "LedgerSampleFeed", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
