import Foundation
import KeapClient
import KeapSandbox
import LedgerCore
import LedgerIngest
import LedgerStore
import LedgerSync

/// `keap-ledger-bench reconcile --orders N`: what a reconcile of N synced orders costs against the sandbox, in calls
/// and seconds, without the limiter and with Keap's (10/s, 240/min, checked from the client's send times); then the
/// cron drift check (`--sample 100`) and `keap relink` over the same ledger. One JSON object per run on stdout.
/// Setup (ingest, `keap setup`, a full flush with the limiter off) is not measured.
enum ReconcileBenchmark {
    static let usage = "keap-ledger-bench reconcile --orders N"

    static func run(_ arguments: [String]) async throws {
        guard arguments.count == 2, arguments[0] == "--orders", let orders = Int(arguments[1]), orders >= 1 else {
            throw BenchUsageError("reconcile takes --orders N")
        }
        let feed = BenchOrderFeed(orders: orders)
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("keap-ledger-reconcile-bench-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try feed.write(to: root + "/feed.ndjson")
        let database = try LedgerDatabase(path: root + "/ledger.sqlite")
        _ = try IngestService(database: database).run(inputs: try IngestService.open(inputs: [root + "/feed.ndjson"]), mode: .atomic)
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: KeapSandboxConfiguration())
        defer { Task { await sandbox.stop() } }
        let apiKey = KeapSandboxConfiguration().apiKey
        let settings = SyncSettings(tenantCurrency: Currency(code: "USD")!)

        let (setupClient, _) = client(sandbox.baseURL, apiKey: apiKey, limited: false)
        _ = try await KeapCustomFieldSetup(database: database, client: setupClient).run()
        let flushed = try await OutboxFlusher(database: database, client: setupClient, settings: settings).flush(FlushOptions())
        progress("setup: \(orders) orders flushed (\(flushed.sent) streams sent, \(flushed.calls) calls)")
        await setupClient.shutdown()

        for (name, limited, sample) in [("full", false, nil), ("full", true, nil), ("sample-100", true, 100)] as [(String, Bool, Int?)] {
            let (client, transport) = client(sandbox.baseURL, apiKey: apiKey, limited: limited)
            var options = ReconcileOptions()
            options.sample = sample
            options.sampleSeed = 1
            let started = transport.elapsed
            let report = try await Reconciler(database: database, client: client, settings: settings).reconcile(options)
            let wall = (transport.elapsed - started).seconds
            var line = BenchReport()
            line.add("run", "reconcile \(name)")
            line.add("limiter", limited ? "default" : "off")
            line.add("orders", orders)
            line.add("checked", report.checked)
            line.add("discrepancies", report.discrepancies.count)
            line.add("calls", report.calls)
            line.add("seconds", wall, places: 2)
            let sends = transport.measurements.sends.sorted()
            line.add("max_in_any_1s", SendWindows.maxCount(sends, window: .seconds(1)))
            line.add("max_in_any_60s", SendWindows.maxCount(sends, window: .seconds(60)))
            FileHandle.standardOutput.write(Data((line.text + "\n").utf8))
            await client.shutdown()
        }

        let (client, transport) = client(sandbox.baseURL, apiKey: apiKey, limited: false)
        let started = transport.elapsed
        let relink = try await KeapRelinker(database: database, client: client, settings: settings).relink(dryRun: false)
        var line = BenchReport()
        line.add("run", "keap relink")
        line.add("limiter", "off")
        line.add("orders", orders)
        line.add("confirmed", relink.confirmed)
        line.add("calls", relink.calls)
        line.add("seconds", (transport.elapsed - started).seconds, places: 2)
        // At Keap's 240 calls a minute, the binding budget of a Service Account Key.
        line.add("minutes_at_240_per_minute", Double(relink.calls) / 240, places: 1)
        FileHandle.standardOutput.write(Data((line.text + "\n").utf8))
        await client.shutdown()
    }

    /// The production client (AsyncHTTPClient), timed; `limited` keeps Keap's default pacing (10/s, 240/min).
    private static func client(_ baseURL: String, apiKey: String, limited: Bool) -> (KeapClient, TimingTransport) {
        var configuration = KeapClientConfiguration(baseURL: baseURL, credentials: .apiKey(KeapSecret(apiKey)))
        if !limited {
            configuration.maxPerSecond = 0
            configuration.maxPerMinute = 0
        }
        let transport = TimingTransport(wrapping: AsyncHTTPClientTransport(requestTimeout: configuration.requestTimeout))
        return (KeapClient(configuration: configuration, transport: transport), transport)
    }

    private static func progress(_ line: String) {
        FileHandle.standardError.write(Data("reconcile bench: \(line)\n".utf8))
    }
}
