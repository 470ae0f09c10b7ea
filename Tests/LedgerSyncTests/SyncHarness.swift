import Foundation
import GRDB
import KeapClient
import KeapSandbox
import LedgerCore
import LedgerIngest
import LedgerSampleFeed
import LedgerStore
import LedgerThreads
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// A ledger on disk, a real Keap sandbox on 127.0.0.1, and a real client between them (over HTTP).
struct SyncHarness {
    let directory: TemporaryDirectory
    let database: LedgerDatabase
    let sandbox: RunningKeapSandbox
    let client: KeapClient

    /// A harness whose every request is recorded, noting whether it left from `writer` (where the flush, reconcile
    /// or relink under test should run its work).
    static func startRecording(writer: ThreadExecutor, requestTimeout: Duration = .seconds(5)) async throws -> (SyncHarness, RecordingTransport) {
        var recorder: RecordingTransport?
        let harness = try await start(requestTimeout: requestTimeout) { transport in
            let recording = RecordingTransport(wrapping: transport, writer: writer)
            recorder = recording
            return recording
        }
        return (harness, try #require(recorder))
    }

    /// `transport` wraps the production transport the harness makes (to watch the calls); the client owns it.
    static func start(_ configuration: KeapSandboxConfiguration = KeapSandboxConfiguration(), requestTimeout: Duration = .seconds(5),
                      transport: (any HTTPTransport) -> any HTTPTransport = { $0 }) async throws -> SyncHarness {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-sync")
        let database = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        let sandbox = try await KeapSandboxServer.start(host: "127.0.0.1", port: 0, configuration: configuration)
        let clientConfiguration = clientConfiguration(sandbox.baseURL, requestTimeout: requestTimeout)
        let client = KeapClient(configuration: clientConfiguration,
                                transport: transport(AsyncHTTPClientTransport(requestTimeout: clientConfiguration.requestTimeout)))
        return SyncHarness(directory: directory, database: database, sandbox: sandbox, client: client)
    }

    /// Limiter off, short backoff and timeouts: the tests exercise the rules, not the waiting.
    static func clientConfiguration(_ baseURL: String, requestTimeout: Duration) -> KeapClientConfiguration {
        var configuration = KeapClientConfiguration(baseURL: baseURL, credentials: .apiKey(KeapSecret("sandbox-key")))
        configuration.maxPerSecond = 0
        configuration.maxPerMinute = 0
        configuration.requestTimeout = requestTimeout
        configuration.backoffBase = .milliseconds(2)
        configuration.backoffCap = .milliseconds(20)
        configuration.throttlePause = .milliseconds(5)
        return configuration
    }

    func ingest(_ text: String) throws {
        let summary = try IngestService(database: database)
            .run(inputs: [("feed", InMemoryByteSource(Array(text.utf8)))], mode: .skip)
        precondition(summary.rejected == 0, "test feed rejected")
    }

    func ingestSample(events: Int, seed: UInt64) throws {
        var generator = SampleFeedGenerator(configuration: SampleFeedConfiguration(events: events, seed: seed, lateRate: 0.05, duplicateRate: 0.02, incompleteRate: 0.03))
        var bytes: [UInt8] = []
        while let line = generator.nextLine() { bytes += line; bytes.append(0x0A) }
        _ = try IngestService(database: database).run(inputs: [("sample", InMemoryByteSource(bytes))], mode: .skip)
    }

    /// `keap setup`, run again after a failure as an operator would (it is idempotent: rule 2 lookups).
    func setup() async throws {
        let setup = KeapCustomFieldSetup(database: database, client: client)
        if (try? await setup.run()) != nil { return }
        if (try? await setup.run()) != nil { return }
        _ = try await setup.run()
    }

    /// The charge products of `keap setup` (the doctor's probe and charges as PRODUCT items need them).
    func setupChargeProducts() async throws {
        _ = try await KeapChargeProductSetup(database: database, client: client).run()
    }

    /// `keap doctor`, with the settings an environment without KEAP_* settings gives.
    func doctor(probe: Bool) async throws -> KeapDoctorReport {
        try await KeapDoctor(database: database, client: client, settings: SyncSettings(tenantCurrency: Currency(code: "USD")!)).run(probe: probe)
    }

    /// `settings`: as an environment gives them (none by default: the doctor's findings, else the defaults, apply).
    func flush(maxAttempts: Int = 5, limit: Int? = nil, settings given: SyncSettings? = nil) async throws -> FlushSummary {
        var settings = given ?? SyncSettings(tenantCurrency: Currency(code: "USD")!)
        settings.maxAttempts = maxAttempts
        return try await OutboxFlusher(database: database, client: client, settings: settings).flush(FlushOptions(limit: limit))
    }

    /// Reads from the ledger synchronously (GRDB's async `read` would otherwise be picked in async tests).
    func query<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writer.read(body)
    }

    /// Pending streams the flush sends: every kind, subscriptions included.
    func pendingSendable() throws -> Int {
        try query { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox_stream WHERE status = 'pending'") ?? 0 }
    }

    func stop() async {
        await client.shutdown()
        await sandbox.stop()
        directory.remove()
    }
}
