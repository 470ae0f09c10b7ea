import Foundation
import GRDB
import GRDBSQLite
import LedgerTestSupport
import Testing
@testable import LedgerStore

/// The settings the README states under "Database settings", read back from the connection that commits.
@Suite("Database settings")
struct DatabaseSettingsTests {
    @Test func aFileLedgersWritingConnectionSyncsEveryCommit() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ledger.sqlite")
        // A new file, and the same file opened again (GRDB sets up WAL on every open)
        for _ in 0..<2 {
            let database = try LedgerDatabase(path: path)
            let settings = try database.writer.writeWithoutTransaction { db in
                [
                    try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                    try String.fetchOne(db, sql: "PRAGMA synchronous"),
                    try String.fetchOne(db, sql: "PRAGMA page_size"),
                    try String.fetchOne(db, sql: "PRAGMA cache_size"),
                ]
            }
            // WAL, synchronous FULL (2; GRDB's NORMAL would sync only at checkpoints), 16 KiB pages, 64 MiB cache
            #expect(settings == ["wal", "2", "16384", "-65536"])
        }
    }

    /// In a process of its own (SQLite's process-wide settings take effect only before its first use, which in this
    /// test process any test may have made): opening the first ledger turns SQLite's memory statistics off, so
    /// that no allocation takes their process-wide mutex. With them on, the heap's high-water mark is never zero
    /// after a migration.
    @Test func theFirstLedgerOpenedTurnsSQLitesMemoryStatisticsOff() async {
        await #expect(processExitsWith: .success) {
            let directory = try TemporaryDirectory()
            let database = try LedgerDatabase(path: directory.path("ledger.sqlite"))
            try database.writer.writeWithoutTransaction { db in try db.execute(sql: "CREATE TABLE scratch (x); INSERT INTO scratch VALUES (zeroblob(100000))") }
            guard SQLiteProcessSettings.applied == SQLITE_OK else { exit(2) }
            var current: sqlite3_int64 = 0
            var highest: sqlite3_int64 = 0
            guard sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0) == SQLITE_OK else { exit(3) }
            guard current == 0, highest == 0 else { exit(4) }
        }
    }
}
