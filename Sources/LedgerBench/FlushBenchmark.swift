import Foundation

/// `keap-ledger-bench flush --orders N [--limiter default|off] [--seconds S] [--concurrency 1,4,8]`: the outbox
/// flush end to end in one process (ledger on disk, the Keap sandbox on 127.0.0.1, the production client over
/// HTTP). Prints one JSON object per concurrency on stdout, progress on stderr.
///
/// - `--limiter off`: how fast a full flush of N orders goes when nothing paces it, and where the time goes
///   (share of wall time inside HTTP calls, process CPU against wall time, peak RSS).
/// - `--limiter default`: the client's 10/s, 240/min limiter over a run of at least `--seconds`, checked from the
///   send times of every request (most requests in any sliding 1 s and 60 s window) and by the sandbox enforcing
///   the same budget server-side.
enum FlushBenchmark {
    static func run(_ options: FlushBenchmarkOptions) async throws {
        let feed = BenchOrderFeed(orders: options.orders)
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("keap-ledger-flush-bench-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let feedPath = root + "/feed.ndjson"
        try feed.write(to: feedPath)
        FileHandle.standardError.write(Data("flush bench: \(feed.orders) orders, \(feed.customers) customers, \(BenchOrderFeed.catalogueSize) products, \(feed.events) events in \(feedPath)\n".utf8))
        for concurrency in options.concurrencies {
            // A directory per run: a fresh ledger, and nothing of the previous run's files in the page cache's way.
            let directory = root + "/run-\(concurrency)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            // With a fault rate, the no-fault anchor first, then the same flush through faults.
            for faultRate in options.faultRate.map({ [0, $0] }) ?? [nil] {
                let run = FlushBenchRun(feed: feed, feedPath: feedPath, directory: directory, limiter: options.limiter,
                                        seconds: options.seconds, concurrency: concurrency, faultRate: faultRate,
                                        slow: .milliseconds(options.slowMilliseconds), transport: options.transport)
                let report = try await run.measure()
                // Written at once and unbuffered, so a script reading the pipe sees each run as it ends.
                FileHandle.standardOutput.write(Data((report.text + "\n").utf8))
                try? FileManager.default.removeItem(atPath: directory + "/ledger.sqlite")
                try? FileManager.default.removeItem(atPath: directory + "/ledger.sqlite-wal")
                try? FileManager.default.removeItem(atPath: directory + "/ledger.sqlite-shm")
            }
        }
    }
}
