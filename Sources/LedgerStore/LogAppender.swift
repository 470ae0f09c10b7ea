import Foundation
import GRDB
import LedgerCore

/// Appends entries to the log inside one write transaction the caller opened (`BEGIN IMMEDIATE`): assigns seq,
/// `recorded_at` and the chain hash, and tells duplicates from conflicts by the stored content hash.
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
    private let insert: Statement
    private let lookup: Statement

    /// Reads the log head; call inside a write transaction.
    package init(db: Database, clock: any LedgerClock) throws {
        self.db = db
        self.clock = clock
        let head = try Row.fetchOne(db, sql: "SELECT last_seq, chain_hash FROM log_head WHERE singleton = 1")
        guard let head else { throw LedgerStoreError(.internalInvariant, "log_head row is missing") }
        lastSeq = head["last_seq"]
        lastChainHash = [UInt8](head["chain_hash"] as Data)
        lastRecordedAt = try String.fetchOne(db, sql: "SELECT recorded_at FROM event WHERE seq = ?", arguments: [lastSeq]) ?? ""
        batchRecordedAt = lastRecordedAt
        insert = try db.cachedStatement(sql: """
            INSERT INTO event (seq, source, id, type, stream, occurred_at, recorded_at, v, line, content_hash, chain_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source, id) DO NOTHING
            """)
        lookup = try db.cachedStatement(sql: "SELECT seq, content_hash FROM event WHERE source = ? AND id = ?")
        startBatch()
    }

    /// Reads the clock once for the next entries; `recorded_at` never goes back, even if the clock does.
    package func startBatch() {
        let now = clock.now().utcText
        batchRecordedAt = max(now, lastRecordedAt)
    }

    /// Stores `entry` unless its `(source, id)` is already in the log.
    package func append(_ entry: LogEntry) throws -> AppendOutcome {
        let event = entry.event
        let seq = lastSeq + 1
        let chainHash = EventHashes.chain(previous: lastChainHash, seq: seq, source: event.source, id: event.id, line: entry.line)
        insert.setUncheckedArguments([
            seq, event.source, event.id, event.type.rawValue, event.stream, event.occurredAt.utcText, batchRecordedAt,
            event.version, Data(entry.line), Data(entry.contentHash), Data(chainHash),
        ])
        try insert.execute()
        if db.changesCount == 1 {
            lastSeq = seq
            lastChainHash = chainHash
            lastRecordedAt = batchRecordedAt
            return .stored(seq: seq)
        }
        lookup.setUncheckedArguments([event.source, event.id])
        guard let row = try Row.fetchOne(lookup) else {
            throw LedgerStoreError(.internalInvariant, "event \(event.source)/\(event.id) was neither stored nor found")
        }
        let storedSeq: Int64 = row["seq"]
        let storedHash = [UInt8](row["content_hash"] as Data)
        return storedHash == entry.contentHash ? .duplicate(storedSeq: storedSeq) : .conflict(storedSeq: storedSeq)
    }

    /// Records the new head; call before the transaction commits.
    package func finish() throws {
        try db.execute(
            sql: "UPDATE log_head SET last_seq = ?, chain_hash = ? WHERE singleton = 1",
            arguments: [lastSeq, Data(lastChainHash)]
        )
    }
}
