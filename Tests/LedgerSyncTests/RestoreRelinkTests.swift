import Foundation
import KeapSandbox
import LedgerCore
import LedgerIngest
import LedgerSampleFeed
import LedgerStore
import LedgerTestSupport
import Testing
@testable import LedgerSync

/// Backup, restore and relink without creating anything twice in Keap (issue #11, seed 001). The trial of the issue:
/// sync part of a feed, back up, sync the rest, put the backup back, ingest the whole feed again and flush.
@Suite("Backup, restore and relink against the Keap sandbox", .awaitedTeardown)
struct RestoreRelinkTests {
    /// The sample feed's lines, so a test can ingest a prefix and then the whole.
    private static func sampleLines(events: Int, seed: UInt64) -> [String] {
        var generator = SampleFeedGenerator(configuration: SampleFeedConfiguration(events: events, seed: seed, lateRate: 0.05, duplicateRate: 0.02, incompleteRate: 0.03))
        var lines: [String] = []
        while let line = generator.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    private static func ingest(_ lines: [String], into database: LedgerDatabase) throws {
        let bytes = Array(lines.joined(separator: "\n").utf8)
        _ = try IngestService(database: database).run(inputs: [("feed", InMemoryByteSource(bytes))], mode: .skip)
    }

    private static func flushUntilSettled(_ database: LedgerDatabase, _ harness: SyncHarness) async throws -> [FlushSummary] {
        var summaries: [FlushSummary] = []
        let flusher = OutboxFlusher(database: database, client: harness.client, settings: SyncSettings(tenantCurrency: Currency(code: "USD")!))
        for _ in 0..<3 {
            summaries.append(try await flusher.flush(FlushOptions()))
            if summaries.last?.sent == 0 { break }
        }
        return summaries
    }

    /// Creates Keap answered: POSTs that succeeded (custom fields, contacts, products, orders, items, payments,
    /// plans, subscriptions).
    private static func creates(_ snapshot: SandboxSnapshot) -> Int {
        snapshot.calls.filter { $0.method == "POST" && ($0.status ?? 0) / 100 == 2 }.count
    }

    private static func inventory(_ snapshot: SandboxSnapshot) -> [String: Int] {
        ["orders": snapshot.orders.count, "contacts": snapshot.contacts.count, "products": snapshot.products.count,
         "subscriptions": snapshot.subscriptions.count, "items": snapshot.orders.reduce(0) { $0 + $1.items.count },
         "payments": snapshot.orders.reduce(0) { $0 + $1.payments.count }]
    }

    @Test func aBackupRestoredAndFedTheWholeFeedAgainCreatesNothingInKeap() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        let lines = Self.sampleLines(events: 600, seed: 7)
        try Self.ingest(Array(lines.prefix(400)), into: harness.database)
        _ = try await Self.flushUntilSettled(harness.database, harness)
        let backupPath = harness.directory.path("backup.sqlite")
        let backup = try LedgerBackup.take(of: harness.database, to: backupPath)
        #expect(backup.isIntact && backup.lastSeq > 0)
        let idsAtBackup = Set(await harness.sandbox.snapshot().orders.map(\.id))

        try Self.ingest(lines, into: harness.database)
        _ = try await Self.flushUntilSettled(harness.database, harness)
        let before = await harness.sandbox.snapshot()
        let newOrder = try #require(before.orders.first { !idsAtBackup.contains($0.id) })
        let newRef = try #require(newOrder.customField(label: "ExternalOrderRef"))

        // Put the backup back (a new path: the target must be empty without --force) and feed it everything again.
        let restoredPath = harness.directory.path("restored.sqlite")
        #expect(throws: LedgerStoreError.self) { try LedgerBackup.restore(from: backupPath, to: harness.database.path, force: false) }
        let restoredReport = try LedgerBackup.restore(from: backupPath, to: restoredPath, force: false)
        #expect(restoredReport.headHash == backup.headHash)
        let restored = try LedgerDatabase(path: restoredPath)
        #expect(try restored.syncState(.lookupFirst)?.contains("restored from") == true)
        try Self.ingest(lines, into: restored)
        let summaries = try await Self.flushUntilSettled(restored, harness)
        #expect(summaries.allSatisfy { $0.failed == 0 })
        let after = await harness.sandbox.snapshot()
        #expect(Self.creates(after) == Self.creates(before), "the restored ledger created something in Keap")
        #expect(Self.inventory(after) == Self.inventory(before))

        // A later change reaches the same Keap id.
        try Self.ingest([EventBuilder.line("order.status_changed", at: "2026-12-30T10:00:00Z", id: "after-restore", data: #"{"order_ref":"\#(newRef)","status":"processing"}"#)], into: restored)
        _ = try await Self.flushUntilSettled(restored, harness)
        let changed = await harness.sandbox.snapshot().orders(customField: "ExternalOrderRef", equals: newRef)
        #expect(changed.map(\.id) == [newOrder.id])
        #expect(changed.first?.customField(label: "FulfillmentStatus") == "processing")
        #expect(try KeapAgreement.problems(ledger: restored, keap: await harness.sandbox.snapshot()) == [])
    }

    @Test func aCopyPutBackByHandIsCaughtByTheProbeAndCreatesNothing() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        let lines = Self.sampleLines(events: 600, seed: 11)
        try Self.ingest(Array(lines.prefix(400)), into: harness.database)
        _ = try await Self.flushUntilSettled(harness.database, harness)
        // A plain file copy, as an operator would make one: nothing in it says it is a copy.
        let copyPath = harness.directory.path("copy.sqlite")
        _ = try LedgerBackup.take(of: harness.database, to: copyPath)
        try Self.ingest(lines, into: harness.database)
        _ = try await Self.flushUntilSettled(harness.database, harness)
        let before = await harness.sandbox.snapshot()

        let copy = try LedgerDatabase(path: copyPath)
        #expect(try copy.syncState(.lookupFirst) == nil)
        try Self.ingest(lines, into: copy)
        let summaries = try await Self.flushUntilSettled(copy, harness)
        #expect(summaries.first?.messages.contains { $0.hasPrefix("warning: Keap holds") } == true)
        #expect(try copy.syncState(.lookupFirst) != nil)
        let after = await harness.sandbox.snapshot()
        #expect(Self.creates(after) == Self.creates(before))
        #expect(Self.inventory(after) == Self.inventory(before))
    }

    @Test func aLedgerRebuiltFromItsExportIsRelinkedAndCreatesNothing() async throws {
        let harness = try await SyncHarness.start()
        await AwaitedTeardown.add { await harness.stop() }
        try await harness.setup()
        let lines = Self.sampleLines(events: 600, seed: 5)
        try Self.ingest(lines, into: harness.database)
        _ = try await Self.flushUntilSettled(harness.database, harness)
        let before = await harness.sandbox.snapshot()
        var exported: [UInt8] = []
        // One stored line per call, without its line end (as `keap-ledger export` writes them, each then ends in \n).
        _ = try LogExporter(database: harness.database).export { exported.append(contentsOf: $0); exported.append(0x0A) }

        // A new ledger from the export: no Keap ids at all.
        let rebuilt = try LedgerDatabase(path: harness.directory.path("rebuilt.sqlite"))
        let reingested = try IngestService(database: rebuilt).run(inputs: [("export", InMemoryByteSource(exported))], mode: .skip)
        #expect(reingested.rejected == 0 && reingested.accepted > 0)
        let setup = try await KeapCustomFieldSetup(database: rebuilt, client: harness.client).run()
        #expect(setup.created.isEmpty)
        let settings = SyncSettings(tenantCurrency: Currency(code: "USD")!)
        let dryRun = try await KeapRelinker(database: rebuilt, client: harness.client, settings: settings).relink(dryRun: true)
        #expect(dryRun.kinds["order"]?.linked == before.orders.count, "\(dryRun)")
        #expect(try rebuilt.keapRef(KeapRefKey(.order, try #require(before.orders.first?.customField(label: "ExternalOrderRef")))) == .unknown)
        let relinked = try await KeapRelinker(database: rebuilt, client: harness.client, settings: settings).relink(dryRun: false)
        #expect(relinked.isComplete)
        #expect(relinked.kinds["order"]?.linked == before.orders.count)
        #expect(relinked.kinds["contact"]?.linked == before.contacts.count)
        #expect(relinked.kinds["product"]?.linked == before.products.count)
        #expect(relinked.kinds["subscription"]?.linked == before.subscriptions.count)
        // Every synced order and subscription shows in Keap exactly as the ledger wants it, and so does every product
        // but those with a description (Keap's product answer has none to compare): nothing to send for them.
        let described = try rebuilt.outboxRows(.product).filter { row in
            try DesiredState(stream: row.stream, database: rebuilt).product().description != nil
        }.count
        #expect(described > 0 && described < before.products.count, "the sample feed should have both kinds of product")
        // Contacts likewise, but those with a company (the contact is read without it).
        let withCompany = try rebuilt.outboxRows(.customer).filter { row in
            try DesiredState(stream: row.stream, database: rebuilt).customer().company.map { !$0.isEmpty } ?? false
        }.count
        #expect(withCompany > 0 && withCompany < before.contacts.count, "the sample feed should have both kinds of customer")
        #expect(relinked.confirmed == before.orders.count + (before.products.count - described) + before.subscriptions.count
                + (before.contacts.count - withCompany))

        let callsBeforeFlush = await harness.sandbox.snapshot().calls.count
        _ = try await Self.flushUntilSettled(rebuilt, harness)
        let after = await harness.sandbox.snapshot()
        // The flush wrote only what relink could not prove equal: the products with a description and the contacts
        // with a company, one PATCH each.
        let writes = after.calls[callsBeforeFlush...].filter { $0.method != "GET" }
        #expect(writes.filter { $0.path.hasPrefix("/v2/products") }.count == described)
        #expect(writes.filter { $0.path.hasPrefix("/v2/contacts") }.count == withCompany)
        #expect(writes.filter { !$0.path.hasPrefix("/v2/products") && !$0.path.hasPrefix("/v2/contacts") }.map { "\($0.method) \($0.path)" } == [])
        #expect(Self.creates(after) == Self.creates(before))
        #expect(Self.inventory(after) == Self.inventory(before))
        #expect(try KeapAgreement.problems(ledger: rebuilt, keap: after) == [])
    }

    /// Runs blocking `body` on a new thread and awaits its result (see the backup-during-ingest test).
    private static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    @Test func aBackupTakenDuringAnIngestVerifiesAndAForcedRestoreReplacesTheTarget() async throws {
        let directory = try TemporaryDirectory(prefix: "keap-ledger-backup")
        defer { directory.remove() }
        let database = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        let lines = Self.sampleLines(events: 20_000, seed: 3)
        // The feed's first half, then a pause until the backups are taken: the ingest is certainly running (its
        // reader waits mid-feed), and with a commit every 1,000 events most of the first half is committed. The
        // ingest and the backups block their threads: each runs on a thread of its own, never on the concurrency
        // pool (two threads here), which every other test of the process (and its Keap sandbox) needs meanwhile.
        let half = lines.count / 2
        let source = PausingByteSource(first: Array((lines[..<half].joined(separator: "\n") + "\n").utf8),
                                       rest: Array(lines[half...].joined(separator: "\n").utf8))
        let ingest = Task {
            try await Self.onOwnThread {
                try IngestService(database: database, commitEvery: 1_000).run(inputs: [("feed", source)], mode: .skip)
            }
        }
        while try LogStatistics.read(database).lastSeq < 1_000 { try await Task.sleep(for: .milliseconds(5)) }
        let backupPaths = (0..<3).map { directory.path("during-\($0).sqlite") }
        let reports = try await Self.onOwnThread {
            try backupPaths.map { try LedgerBackup.take(of: database, to: $0) }
        }
        source.resume()
        let total = try await ingest.value.accepted
        #expect(reports.allSatisfy { $0.lastSeq >= 1_000 && $0.lastSeq < Int64(total) }, "\(reports.map(\.lastSeq)) of \(total)")
        #expect(reports.allSatisfy { $0.isIntact })
        // A backup is a ledger: it opens and verifies on its own, and `restore --force` puts it in place.
        let target = directory.path("target.sqlite")
        _ = try LedgerDatabase(path: target)
        try Self.ingest(Array(lines.prefix(10)), into: try LedgerDatabase(path: target))
        #expect(throws: LedgerStoreError.self) { try LedgerBackup.restore(from: directory.path("during-2.sqlite"), to: target, force: false) }
        let restored = try LedgerBackup.restore(from: directory.path("during-2.sqlite"), to: target, force: true)
        #expect(restored.headHash == reports[2].headHash)
        #expect(try LogVerifier(database: try LedgerDatabase(path: target)).verify().headHash == reports[2].headHash)
        #expect(throws: LedgerStoreError.self) { _ = try LedgerBackup.take(of: database, to: directory.path("during-0.sqlite")) }
    }
}
