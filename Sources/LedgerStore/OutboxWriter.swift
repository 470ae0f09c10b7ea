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
    /// The upsert, held too, for a stream whose row exists and changed.
    private let upsert: Statement
    /// The plain insert for a stream without a row (every stream of a first projection), bound through the C API:
    /// the upsert's step opens a statement journal (it may insert or update) and GRDB's arguments box every value,
    /// which made a projecting ingest into a new ledger spend half a second of its writing thread on 40,000 rows.
    private let insert: Statement

    /// True when the outbox had no row when this writer began and every stream it records is new (a first
    /// projection): no row can exist, so the lookup is skipped.
    private let startsEmpty: Bool

    package init(db: Database, now: Timestamp) throws {
        self.db = db
        startsEmpty = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outbox_stream)")!
        self.now = now.utcText
        current = try db.makeStatement(sql: "SELECT ready, desired_hash FROM outbox_stream WHERE stream = ?")
        insert = try db.makeStatement(sql: """
            INSERT INTO outbox_stream (stream, kind, ref, ready, desired_hash, desired_version, status, pending_since, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?4 = 1 THEN 'pending' ELSE 'idle' END, CASE WHEN ?4 = 1 THEN ?7 END, ?7)
            """)
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
            OutboxWriter.bind(text, at: 1, to: statement)
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
        // Each stream is recorded once per writer, so an outbox that started empty has no row for it.
        let stored = startsEmpty ? .absent : try storedRow(stream: desired.stream, ready: desired.isReady, hash: desired.hash)
        switch stored {
        case .unchanged:
            return
        case .changed:
            try upsert.execute(arguments: [desired.stream, desired.kind.rawValue, desired.reference, desired.isReady, desired.hash, desired.version, now])
        case .absent:
            try insertRow(desired)
        }
    }

    /// Inserts the first row of `desired`'s stream, as the upsert would (pending when ready, since now; else idle).
    private func insertRow(_ desired: DesiredOutboxState) throws {
        let statement = insert.sqliteStatement
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        var stream = desired.stream, kind = desired.kind.rawValue, reference = desired.reference, now = now
        let code: Int32 = stream.withUTF8 { stream in
            kind.withUTF8 { kind in
                reference.withUTF8 { reference in
                    now.withUTF8 { now in
                        desired.hash.withUnsafeBytes { hash in
                            OutboxWriter.bind(stream, at: 1, to: statement)
                            OutboxWriter.bind(kind, at: 2, to: statement)
                            OutboxWriter.bind(reference, at: 3, to: statement)
                            sqlite3_bind_int64(statement, 4, desired.isReady ? 1 : 0)
                            sqlite3_bind_blob(statement, 5, hash.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(hash.count), nil)
                            sqlite3_bind_int64(statement, 6, desired.version)
                            OutboxWriter.bind(now, at: 7, to: statement)
                            return sqlite3_step(statement)
                        }
                    }
                }
            }
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: insert.sql)
        }
    }

    /// Binds `text` without a copy (`SQLITE_STATIC`): the caller keeps it alive until the step and clears the bindings.
    private static func bind(_ text: UnsafeBufferPointer<UInt8>, at index: Int32, to statement: OpaquePointer) {
        // SQLite reads a NULL pointer as NULL even with length 0; an empty text needs any non-NULL pointer.
        let pointer = text.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
        sqlite3_bind_text(statement, index, pointer.assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
    }
}
