import Foundation
import GRDB
import Testing
import LedgerTestSupport
@testable import LedgerStore

@Suite("Migrations")
struct MigrationTests {
    @Test func migrationListIsPinned() throws {
        // A shipped migration is never renamed, removed or reordered: new ones are appended.
        let database = try LedgerDatabase()
        #expect(try database.appliedMigrations() == ["0001_event_log", "0002_projections", "0003_outbox", "0004_keap_sync", "0005_keap_subscriptions"])
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
