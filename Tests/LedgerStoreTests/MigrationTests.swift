import Foundation
import GRDB
import LedgerCore
import Testing
import LedgerMigrations
import LedgerTestSupport
import Synchronization
@testable import LedgerStore

@Suite("Migrations")
struct MigrationTests {
    @Test func migrationListIsPinned() throws {
        // A shipped migration is never renamed, removed or reordered: new ones are appended.
        let database = try LedgerDatabase()
        #expect(try database.appliedMigrations() == ["0001_event_log", "0002_projections", "0003_outbox", "0004_keap_sync", "0005_keap_subscriptions", "0006_reconcile_restore", "0007_log_format", "0008_drop_next_attempt_at", "0009_event_by_stream_seq", "0010_outbox_checks_without_in_lists"])
    }

    @Test func schemaMatchesTheSnapshot() throws {
        // Given a freshly migrated ledger
        let database = try LedgerDatabase()
        let schema = try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'sqlite_%'
                ORDER BY type, name
                """).joined(separator: ";\n\n") + ";\n"
        }
        // Then it is exactly the reviewed snapshot (regenerate deliberately with KEAP_LEDGER_UPDATE_SNAPSHOTS=1)
        let snapshot = RepositoryPaths.root.appendingPathComponent("Tests/LedgerStoreTests/Snapshots/schema.sql")
        if ProcessInfo.processInfo.environment["KEAP_LEDGER_UPDATE_SNAPSHOTS"] == "1" {
            try schema.write(to: snapshot, atomically: true, encoding: .utf8)
        }
        #expect(schema == (try String(contentsOf: snapshot, encoding: .utf8)))
    }

    @Test func keapRefRowsSurviveTheRebuildThatWidensItsKinds() throws {
        // Given a ledger at 0004 with ids and an open intent in keap_ref
        let queue = try DatabaseQueue()
        try migrate(queue, through: 4)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO keap_ref (kind, owner, ref, keap_id, field_name, intent_at, intents, resolution, resolved_at) VALUES
                    ('order', '', 'FH-1', '17', NULL, '2026-11-20T10:00:00Z', 2, 'adopted', '2026-11-20T10:01:00Z'),
                    ('custom_field', 'orders', 'ExternalOrderRef', '3', '_ExternalOrderRef0', '2026-11-20T09:00:00Z', 1, 'created', '2026-11-20T09:00:01Z'),
                    ('contact', '', 'C-1', NULL, NULL, '2026-11-20T10:02:00Z', 1, NULL, NULL)
                """)
        }
        let rows = { (db: Database) in try Row.fetchAll(db, sql: "SELECT * FROM keap_ref ORDER BY kind, owner, ref") }
        let old = try queue.read(rows)

        // When 0005 runs
        try migrate(queue)

        // Then every row is kept as it was, the new kinds are accepted, and ids stay unique per kind
        #expect(try queue.read(rows) == old)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO keap_ref (kind, owner, ref, keap_id, intent_at) VALUES ('subscription', '', 'S-1', '9', 'x'), ('subscription_plan', 'TEA-1', 'MONTHLY/1/1250', '4', 'x')")
        }
        #expect(throws: (any Error).self) {
            try queue.write { db in try db.execute(sql: "INSERT INTO keap_ref (kind, owner, ref, keap_id, intent_at) VALUES ('order', '', 'FH-2', '17', 'x')") }
        }
        #expect(throws: (any Error).self) {
            try queue.write { db in try db.execute(sql: "INSERT INTO keap_ref (kind, owner, ref, intent_at) VALUES ('refund', '', 'R-1', 'x')") }
        }
        // Custom-field ids repeat across record types in Keap, never within one
        try queue.write { db in
            try db.execute(sql: "INSERT INTO keap_ref (kind, owner, ref, keap_id, intent_at) VALUES ('custom_field', 'subscriptions', 'ExternalSubscriptionRef', '3', 'x')")
        }
        #expect(throws: (any Error).self) {
            try queue.write { db in try db.execute(sql: "INSERT INTO keap_ref (kind, owner, ref, keap_id, intent_at) VALUES ('custom_field', 'orders', 'TrackingNumber', '3', 'x')") }
        }
        // The renamed 0004 table is gone with its index; keap_ref_history (0006) is a table of its own.
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name LIKE 'keap_ref%' AND tbl_name != 'keap_ref_history' ORDER BY name") }
            == ["keap_ref", "keap_ref_by_keap_id"])
    }

    @Test func outboxRowsSurviveDroppingTheNeverSetColumn() throws {
        // Given a ledger at 0007 with a parked, a confirmed and an idle outbox stream
        let queue = try DatabaseQueue()
        try migrate(queue, through: 7)
        try insertOutboxStreamsOfEveryState(queue)
        let rows = { (db: Database) in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox_stream ORDER BY stream").map { row in
                Dictionary(uniqueKeysWithValues: row.columnNames.filter { $0 != "next_attempt_at" }.map { ($0, row[$0] as DatabaseValue) })
            }
        }
        let old = try queue.read(rows)

        // When 0008 runs
        try migrate(queue)

        // Then the column is gone, every other value is kept, and the status index still serves the flush
        let columns = try queue.read { db in try db.columns(in: "outbox_stream").map(\.name) }
        #expect(!columns.contains("next_attempt_at"))
        #expect(columns.count == 17)
        #expect(try queue.read(rows) == old)
        #expect(try queue.read { db in try db.indexes(on: "outbox_stream").map(\.name) }.contains("outbox_by_status"))
    }

    @Test func outboxRowsSurviveTheChecksWrittenWithoutInLists() throws {
        // Given a ledger at 0009 with a parked, a confirmed and an idle outbox stream
        let queue = try DatabaseQueue()
        try migrate(queue, through: 9)
        try insertOutboxStreamsOfEveryState(queue)
        let rows = { (db: Database) in try Row.fetchAll(db, sql: "SELECT * FROM outbox_stream ORDER BY stream") }
        let old = try queue.read(rows)
        let columns = try queue.read { db in try db.columns(in: "outbox_stream").map { "\($0.name) \($0.type) \($0.isNotNull) \($0.defaultValueSQL ?? "-")" } }

        // When 0010 runs
        try migrate(queue)

        // Then every row and column is as it was, the old table is gone, the status index is back, no IN list is
        // left in the table's checks, and the checks still refuse what they refused
        #expect(try queue.read(rows) == old)
        #expect(try queue.read { db in try db.columns(in: "outbox_stream").map { "\($0.name) \($0.type) \($0.isNotNull) \($0.defaultValueSQL ?? "-")" } } == columns)
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name LIKE 'outbox_stream%' ORDER BY name") }
            == ["outbox_by_status", "outbox_stream"])
        let sql = try queue.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'outbox_stream'") } ?? ""
        #expect(!sql.contains("IN ('"))
        let insert = { (kind: String, status: String, ready: Int) in
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO outbox_stream (stream, kind, ref, ready, desired_hash, desired_version, status, updated_at)
                    VALUES ('x/' || ?, ?, 'x', ?, zeroblob(32), 1, ?, 'now')
                    """, arguments: [kind + status, kind, ready, status])
            }
        }
        for kind in ["customer", "product", "order", "subscription"] {
            for status in ["idle", "pending", "parked"] { try insert(kind, status, 1) }
        }
        #expect(throws: (any Error).self) { try insert("refund", "idle", 1) }
        #expect(throws: (any Error).self) { try insert("Order", "idle", 1) }
        #expect(throws: (any Error).self) { try insert("order", "sent", 1) }
        #expect(throws: (any Error).self) { try insert("order", "idle", 2) }
    }

    /// A parked order, a confirmed customer that is pending again and an idle (not ready) subscription: every
    /// column of `outbox_stream` set somewhere (in the columns every migration from 0003 on has).
    private func insertOutboxStreamsOfEveryState(_ queue: DatabaseQueue) throws {
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO outbox_stream (stream, kind, ref, ready, desired_hash, desired_version, confirmed_json, confirmed_hash,
                                           confirmed_version, confirmed_at, status, attempts, last_error, parked_at, parked_reason,
                                           pending_since, updated_at) VALUES
                    ('order/FH-1', 'order', 'FH-1', 1, zeroblob(32), 7, NULL, NULL, NULL, NULL, 'parked', 5, 'HTTP 400',
                     '2026-11-20T10:00:00Z', 'currency EUR', '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z'),
                    ('customer/C-1', 'customer', 'C-1', 1, randomblob(32), 3, X'7B7D', randomblob(32), 3,
                     '2026-11-20T10:01:00Z', 'pending', 0, NULL, NULL, NULL, '2026-11-20T09:30:00Z', '2026-11-20T09:30:00Z'),
                    ('subscription/S-1', 'subscription', 'S-1', 0, randomblob(32), 9, NULL, NULL, NULL, NULL, 'idle', 0,
                     NULL, NULL, NULL, NULL, '2026-11-20T09:40:00Z')
                """)
        }
    }

    @Test func aLogIndexedBeforeMigration0009ReadsEveryStreamTheSameAfterIt() throws {
        // Given a ledger file at 0008 whose order stream has a late event (seq 3 occurred before seq 2)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("ledger.sqlite")
        let lines = [
            FeedLines.orderPlaced(id: "e1", ref: "O-1", at: "2026-11-20T14:00:00Z"),
            FeedLines.envelope(id: "e2", type: "order.status_changed", at: "2026-11-20T16:00:00Z", data: #"{"order_ref":"O-1","status":"processing"}"#),
            FeedLines.envelope(id: "e3", type: "order.status_changed", at: "2026-11-20T15:00:00Z", data: #"{"order_ref":"O-1","status":"on_hold"}"#),
            FeedLines.customer(id: "e4"),
        ]
        let halfway = StreamSelection(occurredBy: try Timestamp(rfc3339: "2026-11-20T15:30:00Z"))
        let before: (all: [Int64], halfway: [Int64]) = try {
            let queue = try DatabaseQueue(path: path)
            try migrate(queue, through: 8)
            let batch = try entries(lines)
            return try queue.write { db in
                let appender = try LogAppender(db: db, clock: FixedClock())
                for index in 0..<batch.count { _ = try appender.append(batch, at: index) }
                try appender.finish()
                let reader = try StreamReader(db: db)
                return (try reader.events(stream: "order/O-1").map(\.seq), try reader.events(stream: "order/O-1", halfway).map(\.seq))
            }
        }()
        #expect(before.all == [1, 3, 2])
        #expect(before.halfway == [1, 3])

        // When this keap-ledger opens it (0009 re-keys event_by_stream)
        let database = try LedgerDatabase(path: path)

        // Then the index is (stream, seq), every read gives the same events in the same business-time order, and the
        // log still verifies
        let index = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'event_by_stream'") }
        #expect(index == "CREATE INDEX event_by_stream ON event (stream, seq)")
        #expect(try database.streamEvents("order/O-1").map(\.seq) == before.all)
        #expect(try database.streamEvents("order/O-1", halfway).map(\.seq) == before.halfway)
        #expect(try database.streamEvents("customer/C-1").map(\.seq) == [4])
        #expect(try LogVerifier(database: database).verify().isIntact)
    }

    @Test func processesOpeningANewLedgerAtOnceAllGetAMigratedLedger() throws {
        // Given four connections (as four processes would) opening the same new file at the same moment, on threads of
        // their own. Before the retry, the slower ones failed with "index event_by_stream already exists".
        for round in 0..<5 {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.path("ledger.sqlite")
            let start = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            let failures = Mutex<[String]>([])
            for _ in 0..<4 {
                done.enter()
                Thread {
                    start.wait()
                    do {
                        let database = try LedgerDatabase(path: path, busyTimeout: 30)
                        _ = try database.appliedMigrations()
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                    done.leave()
                }.start()
            }
            for _ in 0..<4 { start.signal() }
            done.wait()
            // Then every one opened it, and the ledger has each migration once.
            #expect(failures.withLock { $0 } == [], "round \(round)")
            #expect(try LedgerDatabase(path: path).appliedMigrations().count == LedgerMigrations.all.count)
        }
    }

    @Test func eventTableIsStrictWithUniqueSourceAndId() throws {
        let database = try LedgerDatabase()
        let sql = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'event'")
        }
        #expect(sql?.contains(") STRICT") == true)
        #expect(sql?.contains("UNIQUE (source, id)") == true)
    }

    @Test func fileDatabaseUsesWriteAheadLogging() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        let mode = try database.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let pageSize = try database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }
        #expect(pageSize == 16384)
    }

    @Test func aMissingFolderIsAClearError() {
        #expect(throws: LedgerStoreError.self) { try LedgerDatabase(path: "/nonexistent-folder/ledger.sqlite") }
    }
}
