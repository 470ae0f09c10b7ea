import Foundation
import GRDB
import LedgerMigrations

/// The ledger's SQLite database: opened, configured and migrated; owner of the single writer.
package final class LedgerDatabase: Sendable {
    /// GRDB's writer: a `DatabasePool` (WAL) for files, a `DatabaseQueue` for in-memory test databases.
    package let writer: any DatabaseWriter
    /// Where the database lives, for messages (`:memory:` in tests).
    package let path: String

    /// Opens (creating and migrating on first use) the ledger at `path`.
    /// - Parameter busyTimeout: how long a writer waits for another process's write lock before giving up (exit 75).
    package init(path: String, busyTimeout: TimeInterval = 60) throws(LedgerStoreError) {
        self.path = path
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw LedgerStoreError(.io, "cannot open the ledger database \(path): folder \(directory) does not exist")
            }
            let pool = try LedgerDatabase.openPool(path: path, busyTimeout: busyTimeout)
            // GRDB turns WAL on for its writer after `prepareDatabase` has run, and sets `synchronous = NORMAL` there,
            // under which a commit is synced to disk only at the next checkpoint: a power loss could take back commits
            // the ledger had reported (and anchored). Found in session 10 (strace showed no sync at an ingest's
            // commit); FULL is set again on the writing connection, the only one that commits.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            writer = pool
            try migrate()
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "opening the ledger database \(path)")
        }
    }

    /// Opens the WAL pool at `path`. Several processes opening a new file at once can meet `PRAGMA journal_mode = WAL`
    /// while another switches the file to WAL, and SQLite answers "database is locked" at once, without its busy
    /// handler (seen in `processesOpeningANewLedgerAtOnceAllGetAMigratedLedger`, about one run in five): that is
    /// retried, as the busy handler would have waited, for up to `busyTimeout`.
    private static func openPool(path: String, busyTimeout: TimeInterval) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout))
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                guard Date() < deadline else { throw error }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// A fresh in-memory ledger (tests).
    package init(inMemory: Void = ()) throws(LedgerStoreError) {
        path = ":memory:"
        do {
            writer = try DatabaseQueue(configuration: LedgerDatabase.configuration(busyTimeout: 5))
            try migrate()
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "creating an in-memory ledger")
        }
    }

    /// Closes the database now (checkpointing the WAL into the file), for code that renames or copies the file next.
    package func close() throws(LedgerStoreError) {
        do {
            // Every commit into the file first: GRDB's close does not promise a checkpoint, and a caller that moves
            // the file without its -wal would lose the last commits (seen: restore's lookup-first mark was lost).
            try writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try (writer as? DatabasePool)?.close()
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "closing the ledger database \(path)")
        }
    }

    private static func configuration(busyTimeout: TimeInterval) -> Configuration {
        _ = SQLiteProcessSettings.applied  // before the first connection opens
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "keap-ledger"
        configuration.prepareDatabase { db in
            // 16 KiB pages for new databases (a no-op for existing ones): rows are ~500 bytes, and bigger pages mean
            // fewer btree splits and a quarter as many WAL frames to search. Measured: 5M events ingested in 109 s
            // instead of 152 s.
            try db.execute(sql: "PRAGMA page_size = 16384")
            // FULL: a committed ingest survives power loss, not just a process crash. Commits are per batch, so the
            // extra fsync is cheap.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 64 MiB page cache: the dedupe index stays in memory for millions of events.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        return configuration
    }

    private func migrate() throws {
        var migrator = DatabaseMigrator()
        for migration in LedgerMigrations.all {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.sql)
            }
        }
        let superseded = try writer.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded {
            throw LedgerStoreError(.incompatible, "the ledger database \(path) was written by a newer keap-ledger; upgrade keap-ledger to use it")
        }
        // Two processes opening a new (or just upgraded) ledger at once both read which migrations are pending before
        // either takes the write lock, so the slower one trips over the faster one's tables ("index … already
        // exists"; each migration is its own transaction, so nothing is half-applied). Seen with an ingest and a
        // second writer started together. Each retry reads the pending list again, behind what the other process
        // has committed meanwhile; the ledger is ready once every migration is applied, by whichever process.
        var attempt = 0
        while true {
            do {
                try migrator.migrate(writer)
                return
            } catch {
                attempt += 1
                if try writer.read({ db in try migrator.hasCompletedMigrations(db) }) { return }
                guard attempt < Self.migrationAttempts else { throw error }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Tries at migrating while another process migrates the same database (one per migration it could race on,
    /// and then some).
    private static let migrationAttempts = 3 * LedgerMigrations.all.count

    /// Names of the applied migrations, in order.
    package func appliedMigrations() throws(LedgerStoreError) -> [String] {
        do {
            return try writer.read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            }
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "reading the migration list")
        }
    }
}
