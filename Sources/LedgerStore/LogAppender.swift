import Foundation
import GRDB
import GRDBSQLite
import LedgerCore

/// Appends entries to the log inside one write transaction the caller opened (`BEGIN IMMEDIATE`): assigns seq,
/// `recorded_at` and the chain hash (log format 2: every stored column under the chain), and tells duplicates from
/// conflicts by the stored content hash.
///
/// Not `Sendable`: it lives inside one GRDB write closure and dies with it.
package final class LogAppender {
    private let db: Database
    private let clock: any LedgerClock
    /// Seq of the newest stored event (0 for an empty log).
    package private(set) var lastSeq: Int64
    private var lastChainHash: [UInt8]
    private var lastRecordedAt: String
    private var batchRecordedAt: String
    /// `batchRecordedAt` as the chain hash takes it (length-prefixed), made once per batch.
    private var batchRecordedAtField: [UInt8] = []
    /// `batchRecordedAt`'s bytes, as bound.
    private var batchRecordedAtText: [UInt8] = []
    private let insert: Statement
    /// The connection, for the per-event calls: GRDB's `changesCount` and `lastInsertedRowID` check which queue
    /// they run on each time, which showed on the writing thread.
    private let connection: OpaquePointer?
    private let lookup: Statement

    /// Reads the log head; call inside a write transaction.
    package init(db: Database, clock: any LedgerClock) throws {
        self.db = db
        self.clock = clock
        connection = db.sqliteConnection
        let head = try Row.fetchOne(db, sql: "SELECT last_seq, chain_hash FROM log_head WHERE singleton = 1")
        guard let head else { throw LedgerStoreError(.internalInvariant, "log_head row is missing") }
        lastSeq = head["last_seq"]
        lastChainHash = [UInt8](head["chain_hash"] as Data)
        try LogAppender.requireCurrentFormat(db, lastSeq: lastSeq)
        lastRecordedAt = try String.fetchOne(db, sql: "SELECT recorded_at FROM event WHERE seq = ?", arguments: [lastSeq]) ?? ""
        batchRecordedAt = lastRecordedAt
        insert = try db.cachedStatement(sql: """
            INSERT INTO event (seq, source, id, type, stream, occurred_at, recorded_at, v, line, content_hash, chain_hash)
            VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, id) DO NOTHING
            """)
        lookup = try db.cachedStatement(sql: "SELECT seq, content_hash FROM event WHERE source = ? AND id = ?")
        startBatch()
    }

    /// Reads the clock once for the next entries; `recorded_at` never goes back, even if the clock does.
    package func startBatch() {
        let now = clock.now().utcText
        batchRecordedAt = max(now, lastRecordedAt)
        batchRecordedAtField = EventHashes.lengthPrefixed(batchRecordedAt.utf8)
        batchRecordedAtText = Array(batchRecordedAt.utf8)
    }

    /// Stores entry `index` of `batch` unless its `(source, id)` is already in the log.
    package func append(_ batch: LogEntryBatch, at index: Int) throws -> AppendOutcome {
        let seq = lastSeq + 1
        let entry = batch.entries[index]
        let (code, chainHash): (Int32, [UInt8]) = batch.bytes.withUnsafeBufferPointer { bytes in
            func span(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }
            let chainHash = EventHashes.chainV2(
                previous: lastChainHash, seq: seq, recordedAtField: batchRecordedAtField, segments: span(entry.chainSegments),
                recordedAtOffset: entry.recordedAtOffset, line: span(entry.line))
            // Bound through the SQLite C API: GRDB's `StatementArguments` boxes every value and copies every blob into
            // `Data`, which measured as a third of the writing thread's time. Every buffer outlives `sqlite3_step`, so
            // SQLITE_STATIC (no copy) is safe; bindings are cleared before the buffers go away.
            let statement = insert.sqliteStatement
            let code = batchRecordedAtText.withUnsafeBufferPointer { recordedAt in
                chainHash.withUnsafeBufferPointer { chain in
                    sqlite3_reset(statement)
                    StaticBinding.text(statement, 1, span(entry.source))
                    StaticBinding.text(statement, 2, span(entry.id))
                    StaticBinding.text(statement, 3, span(entry.type))
                    StaticBinding.text(statement, 4, span(entry.stream))
                    StaticBinding.text(statement, 5, span(entry.occurredAt))
                    StaticBinding.text(statement, 6, recordedAt)
                    sqlite3_bind_int64(statement, 7, entry.version)
                    StaticBinding.blob(statement, 8, span(entry.line))
                    StaticBinding.blob(statement, 9, span(entry.contentHash))
                    StaticBinding.blob(statement, 10, chain)
                    let code = sqlite3_step(statement)
                    sqlite3_reset(statement)
                    sqlite3_clear_bindings(statement)
                    return code
                }
            }
            return (code, chainHash)
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: insert.sql)
        }
        if sqlite3_changes(connection) == 1 {
            // SQLite assigned the seq; it must be the one the chain hash covers.
            let assigned = sqlite3_last_insert_rowid(connection)
            guard assigned == seq else {
                throw LedgerStoreError(.internalInvariant, "SQLite assigned seq \(assigned), expected \(seq): the log was changed outside keap-ledger")
            }
            lastSeq = seq
            lastChainHash = chainHash
            lastRecordedAt = batchRecordedAt
            return .stored(seq: seq)
        }
        let source = batch.source(at: index)
        let id = batch.id(at: index)
        lookup.setUncheckedArguments([source, id])
        guard let row = try Row.fetchOne(lookup) else {
            throw LedgerStoreError(.internalInvariant, "event \(source)/\(id) was neither stored nor found")
        }
        let storedSeq: Int64 = row["seq"]
        let storedHash = [UInt8](row["content_hash"] as Data)
        return storedHash.elementsEqual(batch.contentHash(at: index)) ? .duplicate(storedSeq: storedSeq) : .conflict(storedSeq: storedSeq)
    }

    /// The newest stored event so far in this transaction (the head `finish` records).
    package var head: LogHead { LogHead(seq: lastSeq, chainHash: lastChainHash) }

    /// Refuses to write unless the log's newest format is the one this writer hashes by, from a seq not beyond the
    /// head: anything else means the database was changed by hand, and appending would chain events by the wrong rule.
    private static func requireCurrentFormat(_ db: Database, lastSeq: Int64) throws {
        let newest = try LogFormatSegment.readAll(db).last
        guard let newest, newest.format == LogFormat.current, newest.firstSeq <= lastSeq + 1 else {
            throw LedgerStoreError(.incompatible, """
                the log_format table does not say that events after seq \(lastSeq) are written in log format \(LogFormat.current.rawValue) \
                (found \(newest.map { "version \($0.version) from seq \($0.firstSeq)" } ?? "no row")): the database was changed \
                outside keap-ledger; run `keap-ledger verify` and restore it from a backup or an export
                """)
        }
    }

    /// Records the new head; call before the transaction commits.
    package func finish() throws {
        try db.execute(
            sql: "UPDATE log_head SET last_seq = ?, chain_hash = ? WHERE singleton = 1",
            arguments: [lastSeq, Data(lastChainHash)]
        )
    }
}
