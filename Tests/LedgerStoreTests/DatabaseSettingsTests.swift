import Foundation
import GRDB
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
}
