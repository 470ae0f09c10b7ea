import Foundation
import GRDB
import GRDBSQLite
import LedgerCore

/// Records each written stream's desired Keap state in `outbox_stream`, in the projector's transaction.
///
/// A row changes only when what Keap should show changed (the hash of the view's bytes): events that Keap cannot
/// see, a repeated projection and a `rebuild` write nothing here, so they cause no Keap calls.
package struct OutboxWriter {
    private let db: Database
    /// When the rows written now changed (fixed-width UTC text).
    private let now: String
    /// The lookup every written stream makes, held and stepped through the C API: through GRDB's `Row` it was a
    /// tenth of `rebuild`'s writing thread.
    private let current: Statement
    /// The insert, for a stream without a row (every stream of a first projection), held and bound through the C
    /// API like the lookup. Its `ON CONFLICT` form, `upsert`, is for a stream whose row exists and changed.
    private let insert: Statement
    private let upsert: Statement

    /// True when the outbox had no row when this writer began. Each stream is recorded once per writer, so none of
    /// them can have a row then: the lookup is skipped, and `rebuild` builds the outbox's index once at the end.
    package let startsEmpty: Bool

    package init(db: Database, now: Timestamp) throws {
        self.db = db
        startsEmpty = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outbox_stream)")!
        self.now = now.utcText
        current = try db.makeStatement(sql: "SELECT ready, desired_hash FROM outbox_stream WHERE stream = ?")
        // ?1 stream, ?2 kind, ?3 ref, ?4 ready, ?5 desired_hash, ?6 desired_version, ?7 now (`step` binds them).
        let insertSQL = """
            INSERT INTO outbox_stream (stream, kind, ref, ready, desired_hash, desired_version, status, pending_since, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?4 = 1 THEN 'pending' ELSE 'idle' END, CASE WHEN ?4 = 1 THEN ?7 END, ?7)
            """
        insert = try db.makeStatement(sql: insertSQL)
        upsert = try db.makeStatement(sql: insertSQL + """

            ON CONFLICT (stream) DO UPDATE SET
                ready = excluded.ready,
                desired_hash = excluded.desired_hash,
                desired_version = excluded.desired_version,
                status = CASE
                    WHEN outbox_stream.status = 'parked' THEN 'parked'
                    WHEN excluded.ready = 0 OR excluded.desired_hash IS outbox_stream.confirmed_hash THEN 'idle'
                    ELSE 'pending' END,
                pending_since = CASE
                    WHEN outbox_stream.status = 'parked' THEN outbox_stream.pending_since
                    WHEN excluded.ready = 0 OR excluded.desired_hash IS outbox_stream.confirmed_hash THEN NULL
                    ELSE coalesce(outbox_stream.pending_since, excluded.updated_at) END,
                updated_at = excluded.updated_at
            """)
    }

    /// What the stored row says against the desired state.
    private enum StoredRow {
        case absent, unchanged, changed
    }

    /// Whether the stream has a row, and whether it already says `ready` and `hash`.
    private func storedRow(stream: String, ready: Bool, hash: Data) throws -> StoredRow {
        let statement = current.sqliteStatement
        var stream = stream
        let code: Int32 = stream.withUTF8 { text in
            sqlite3_reset(statement)
            StaticBinding.text(statement, 1, text)
            return sqlite3_step(statement)
        }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        switch code {
        case SQLITE_DONE:
            return .absent
        case SQLITE_ROW:
            guard (sqlite3_column_int64(statement, 0) != 0) == ready else { return .changed }
            let stored = UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, 1), count: Int(sqlite3_column_bytes(statement, 1)))
            return hash.elementsEqual(stored) ? .unchanged : .changed
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: current.sql)
        }
    }

    /// Upserts `desired`: a parked stream stays parked, a stream whose desired state equals what Keap confirmed is
    /// idle, any other ready stream is pending (since the first time it became so).
    package func record(_ desired: DesiredOutboxState) throws {
        // Most writes change nothing Keap shows (a rebuild, an event Keap cannot see): a lookup is cheaper than an upsert.
        let stored: StoredRow = startsEmpty ? .absent : try storedRow(stream: desired.stream, ready: desired.isReady, hash: desired.hash)
        switch stored {
        case .unchanged:
            return
        case .changed:
            try step(upsert, desired)
        case .absent:
            try step(insert, desired)
        }
    }

    /// Runs `insert` or `upsert` for `desired` (pending when ready, since now; else idle; a parked row stays parked).
    private func step(_ statement: Statement, _ desired: DesiredOutboxState) throws {
        let sqlite = statement.sqliteStatement
        defer {
            sqlite3_reset(sqlite)
            sqlite3_clear_bindings(sqlite)
        }
        var stream = desired.stream, kind = desired.kind.rawValue, reference = desired.reference, now = now
        let code: Int32 = stream.withUTF8 { stream in
            kind.withUTF8 { kind in
                reference.withUTF8 { reference in
                    now.withUTF8 { now in
                        desired.hash.withUnsafeBytes { hash in
                            StaticBinding.text(sqlite, 1, stream)
                            StaticBinding.text(sqlite, 2, kind)
                            StaticBinding.text(sqlite, 3, reference)
                            sqlite3_bind_int64(sqlite, 4, desired.isReady ? 1 : 0)
                            StaticBinding.blob(sqlite, 5, hash.assumingMemoryBound(to: UInt8.self))
                            sqlite3_bind_int64(sqlite, 6, desired.version)
                            StaticBinding.text(sqlite, 7, now)
                            return sqlite3_step(sqlite)
                        }
                    }
                }
            }
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }
}
