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
    /// The upsert, held too: a first projection writes every stream, and GRDB's statement cache hashes the SQL text.
    private let upsert: Statement

    package init(db: Database, now: Timestamp) throws {
        self.db = db
        self.now = now.utcText
        current = try db.makeStatement(sql: "SELECT ready, desired_hash FROM outbox_stream WHERE stream = ?")
        upsert = try db.makeStatement(sql: """
            INSERT INTO outbox_stream (stream, kind, ref, ready, desired_hash, desired_version, status, pending_since, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?4 = 1 THEN 'pending' ELSE 'idle' END, CASE WHEN ?4 = 1 THEN ?7 END, ?7)
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

    /// Whether the stored row already says `ready` and `hash` (false when there is no row).
    private func isUnchanged(stream: String, ready: Bool, hash: Data) throws -> Bool {
        let statement = current.sqliteStatement
        var stream = stream
        let code: Int32 = stream.withUTF8 { text in
            sqlite3_reset(statement)
            let pointer = text.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
            sqlite3_bind_text(statement, 1, pointer.assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
            return sqlite3_step(statement)
        }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        switch code {
        case SQLITE_DONE:
            return false
        case SQLITE_ROW:
            guard (sqlite3_column_int64(statement, 0) != 0) == ready else { return false }
            let stored = UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, 1), count: Int(sqlite3_column_bytes(statement, 1)))
            return hash.elementsEqual(stored)
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: current.sql)
        }
    }

    /// Upserts `desired`: a parked stream stays parked, a stream whose desired state equals what Keap confirmed is
    /// idle, any other ready stream is pending (since the first time it became so).
    package func record(_ desired: DesiredOutboxState) throws {
        // Most writes change nothing Keap shows (a rebuild, an event Keap cannot see): a lookup is cheaper than an upsert.
        if try isUnchanged(stream: desired.stream, ready: desired.isReady, hash: desired.hash) { return }
        try upsert.execute(arguments: [desired.stream, desired.kind.rawValue, desired.reference, desired.isReady, desired.hash, desired.version, now])
    }
}
