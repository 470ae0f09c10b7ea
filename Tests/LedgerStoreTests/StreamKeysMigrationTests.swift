import Foundation
import GRDB
import Testing
import LedgerCore
import LedgerMigrations
import LedgerTestSupport
@testable import LedgerStore

/// Migration 0008 (integer stream ids and times in `event_by_stream`) on a log written before it: the keys are
/// derived in place, the log still verifies, every stream folds as it did, and new events append after it.
@Suite("Stream keys: a log written before migration 0008")
struct StreamKeysMigrationTests {
    private static func payment(_ id: String, order: String, at time: String) -> String {
        FeedLines.envelope(id: id, type: "payment.captured", at: time, data: #"{"order_ref":"\#(order)","payment_ref":"P-\#(id)","amount":"1.00"}"#)
    }

    private static func status(_ id: String, order: String, _ status: String, at time: String) -> String {
        FeedLines.envelope(id: id, type: "order.status_changed", at: time, data: #"{"order_ref":"\#(order)","status":"\#(status)"}"#)
    }

    /// Late events, times a nanosecond apart (one microsecond would tie them), before 1970, with offsets, at the
    /// edges of the years the feed allows, and streams whose names sort otherwise than they first appear.
    private static let before: [String] = [
        FeedLines.orderPlaced(id: "p1", ref: "O-2", at: "2026-11-20T14:03:11Z"),
        payment("a1", order: "O-2", at: "2026-11-20T14:03:10.000000002Z"),
        payment("a2", order: "O-2", at: "2026-11-20T14:03:10.000000001Z"),
        FeedLines.customer(id: "c1", ref: "C-1"),
        FeedLines.orderPlaced(id: "p2", ref: "O-1", at: "1969-12-31T23:59:59.5Z"),
        status("s1", order: "O-1", "processing", at: "1969-12-31T23:30:00-01:00"),
        status("s2", order: "O-1", "on_hold", at: "1969-12-31T23:59:59.25Z"),
        payment("a3", order: "O-2", at: "2026-11-20T15:00:00+01:00"),
        FeedLines.orderPlaced(id: "p3", ref: "O-0", at: "0001-01-01T00:30:00+01:00"),
        status("s3", order: "O-0", "processing", at: "9999-12-31T23:59:59.999999999Z"),
        FeedLines.customer(id: "c2", ref: "C-1", email: "ada@example.org"),
    ]

    /// Events after the upgrade: an old stream (late and on time) and a new one.
    private static let after: [String] = [
        payment("a4", order: "O-2", at: "2026-11-20T14:03:10.000000000Z"),
        status("s4", order: "O-1", "processing", at: "1970-01-01T00:00:00Z"),
        FeedLines.orderPlaced(id: "p4", ref: "O-3", at: "2026-11-21T08:00:00Z"),
        FeedLines.customer(id: "c3", ref: "C-1", email: "ada@example.net"),
    ]

    /// A database as keap-ledger wrote it before 0008: migrations 0001–0007, each event stored with the insert and
    /// format-2 chain hash the appender used then (no stream_id, no integer times).
    private func ledgerBeforeStreamKeys(at path: String, lines: [String], clock: FixedClock) throws {
        let queue = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        for migration in LedgerMigrations.all.prefix(7) {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        try migrator.migrate(queue)
        #expect(try queue.read { db in try db.tableExists("stream") } == false)
        try queue.write { db in
            var previous = EventHashes.genesis
            var scratch: [UInt8] = []
            let recordedAt = clock.now().utcText
            for (index, line) in lines.enumerated() {
                let stored = try entry(line)
                let seq = Int64(index + 1)
                let fields = ChainedFields(
                    seq: seq, source: stored.source, id: stored.id, type: stored.type.rawValue, stream: stored.stream,
                    occurredAt: stored.occurredAtUTC, recordedAt: recordedAt, version: Int64(stored.version), line: stored.line,
                    contentHash: stored.contentHash)
                let chain = EventHashes.chainV2(previous: previous, fields: fields, scratch: &scratch)
                try db.execute(sql: """
                    INSERT INTO event (seq, source, id, type, stream, occurred_at, recorded_at, v, line, content_hash, chain_hash)
                    VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [stored.source, stored.id, stored.type.rawValue, stored.stream, stored.occurredAtUTC, recordedAt,
                                     stored.version, Data(stored.line), Data(stored.contentHash), Data(chain)])
                previous = chain
            }
            try db.execute(sql: "UPDATE log_head SET last_seq = ?, chain_hash = ?", arguments: [lines.count, Data(previous)])
        }
    }

    /// What the fold reads through the new keys, and the keys themselves: equal for two logs of the same events.
    private func streamsAndKeys(_ database: LedgerDatabase) throws -> (events: [String: [LedgerEvent]], keys: [Row], streams: [Row]) {
        try database.writer.read { db in
            let reader = try StreamReader(db: db)
            var events: [String: [LedgerEvent]] = [:]
            for name in try String.fetchAll(db, sql: "SELECT DISTINCT stream FROM event") {
                events[name] = try reader.events(stream: name)
            }
            let keys = try Row.fetchAll(db, sql: "SELECT seq, stream_id, occurred_s, occurred_ns, chain_hash FROM event ORDER BY seq")
            let streams = try Row.fetchAll(db, sql: "SELECT stream_id, name FROM stream ORDER BY stream_id")
            return (events, keys, streams)
        }
    }

    @Test func anOlderLogGetsItsKeysVerifiesFoldsAsBeforeAndTakesNewEvents() throws {
        // Given a log of eleven events written before migration 0008, and the same events appended to a new ledger
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("ledger.sqlite")
        let clock = FixedClock()
        try ledgerBeforeStreamKeys(at: path, lines: Self.before, clock: clock)
        let reference = try LedgerDatabase()
        _ = try append(Self.before, to: reference, clock: clock)

        // When this keap-ledger opens it (0008 runs)
        let migrated = try LedgerDatabase(path: path)

        // Then it verifies, its keys, stream ids and chain are what the appender writes today, and every stream is
        // read in (occurred_at, seq) order
        let report = try LogVerifier(database: migrated).verify()
        #expect(report.isIntact, "\(report.problem ?? "")")
        #expect(report.events == Int64(Self.before.count))
        let (events, keys, streams) = try streamsAndKeys(migrated)
        let expected = try streamsAndKeys(reference)
        #expect(keys == expected.keys)
        #expect(streams == expected.streams)
        #expect(streams.map { $0["name"] as String } == ["order/O-2", "customer/C-1", "order/O-1", "order/O-0"])
        #expect(events.keys.sorted() == expected.events.keys.sorted())
        for (name, folded) in events {
            #expect(folded.map(\.seq) == expected.events[name]?.map(\.seq), "stream \(name)")
            let order = folded.map { [$0.occurredAt.utcText, String(format: "%08d", $0.seq)] }
            #expect(order == order.sorted { $0.lexicographicallyPrecedes($1) }, "stream \(name) is not in (occurred_at, seq) order")
        }
        #expect(events["order/O-2"]?.map(\.id) == ["a3", "a2", "a1", "p1"])
        // And projections folded from it are the reference's, row for row
        _ = try migrated.project(clock: clock)
        _ = try reference.project(clock: clock)
        #expect(try ProjectionDump.dump(migrated) == (try ProjectionDump.dump(reference)))

        // When new events arrive (a late one for an old stream, a new stream) and are projected incrementally
        _ = try append(Self.after, to: migrated, clock: clock)
        _ = try append(Self.after, to: reference, clock: clock)
        _ = try migrated.project(clock: clock)
        _ = try reference.project(clock: clock)

        // Then the log still verifies and matches the reference, and so do the projections, and a rebuild
        let later = try LogVerifier(database: migrated).verify()
        #expect(later.isIntact, "\(later.problem ?? "")")
        #expect(later.events == Int64(Self.before.count + Self.after.count))
        let (_, keysAfter, streamsAfter) = try streamsAndKeys(migrated)
        let expectedAfter = try streamsAndKeys(reference)
        #expect(keysAfter == expectedAfter.keys)
        #expect(streamsAfter == expectedAfter.streams)
        let incremental = try ProjectionDump.dump(migrated)
        #expect(incremental == (try ProjectionDump.dump(reference)))
        _ = try migrated.rebuild(clock: clock)
        #expect(try ProjectionDump.dump(migrated) == incremental)
    }

    @Test func theMigrationKeepsTheLogAppendOnly() throws {
        // Given a migrated log (0008 steps the update trigger aside to fill the keys)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("ledger.sqlite")
        try ledgerBeforeStreamKeys(at: path, lines: Self.before, clock: FixedClock())
        let database = try LedgerDatabase(path: path)
        // Then events and stream ids refuse UPDATE and DELETE again
        for sql in ["UPDATE event SET stream_id = 2 WHERE seq = 1", "DELETE FROM event WHERE seq = 11",
                    "UPDATE stream SET name = 'order/X' WHERE stream_id = 1", "DELETE FROM stream WHERE stream_id = 1"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try database.writer.write { try $0.execute(sql: sql) } }
        }
        #expect(try LogVerifier(database: database).verify().warnings.isEmpty)
    }
}
