import Foundation
import GRDB
import LedgerCore

/// The outbox rows `outbox flush` reads and writes.
extension LedgerDatabase {
    /// The pending streams of `kind`, oldest first; at most `limit` of them.
    package func pendingStreams(_ kind: StreamKind, limit: Int? = nil) throws(LedgerStoreError) -> [PendingStream] {
        try readingStore("reading the pending \(kind.rawValue) streams") { db in
            try Row.fetchAll(db, sql: """
                SELECT stream, ref, desired_hash, desired_version, attempts, confirmed_json FROM outbox_stream
                WHERE status = 'pending' AND kind = ? ORDER BY pending_since, stream LIMIT ?
                """, arguments: [kind.rawValue, limit ?? -1]).map { row in
                let confirmed: Data? = row["confirmed_json"]
                return PendingStream(
                    stream: row["stream"], kind: kind, ref: row["ref"], desiredHash: row["desired_hash"],
                    desiredVersion: row["desired_version"], attempts: row["attempts"], confirmedJSON: confirmed.map { Array($0) })
            }
        }
    }

    /// Records how an attempt at `stream` ended; returns true when the stream is parked now.
    ///
    /// Success is a compare-and-set: the stream goes idle only if the projector's desired state is still the one
    /// sent; an event that arrived during the flush leaves it pending for the next one.
    @discardableResult
    package func recordFlush(
        _ stream: String, _ outcome: FlushOutcome, maxAttempts: Int, clock: any LedgerClock = SystemClock()
    ) throws(LedgerStoreError) -> Bool {
        let now = clock.now().utcText
        return try writingStore("recording the flush of \(stream)") { db in
            switch outcome {
            case .confirmed(let hash, let version, let json, let note):
                try db.execute(sql: """
                    UPDATE outbox_stream SET
                        confirmed_json = ?2, confirmed_hash = ?3, confirmed_version = ?4, confirmed_at = ?5,
                        attempts = 0, last_error = ?6,
                        status = CASE WHEN status = 'parked' THEN 'parked' WHEN desired_hash = ?3 THEN 'idle' ELSE 'pending' END,
                        pending_since = CASE WHEN status = 'parked' THEN pending_since WHEN desired_hash = ?3 THEN NULL ELSE pending_since END
                    WHERE stream = ?1
                    """, arguments: [stream, Data(json), Data(hash), version, now, note])
                return false
            case .failed(let message):
                try db.execute(sql: """
                    UPDATE outbox_stream SET attempts = attempts + 1, last_error = ?2,
                        status = CASE WHEN attempts + 1 >= ?3 THEN 'parked' ELSE status END,
                        parked_at = CASE WHEN attempts + 1 >= ?3 THEN ?4 ELSE parked_at END,
                        parked_reason = CASE WHEN attempts + 1 >= ?3 THEN 'failed ' || (attempts + 1) || ' attempts: ' || ?2 ELSE parked_reason END
                    WHERE stream = ?1
                    """, arguments: [stream, message, maxAttempts, now])
            case .refused(let message):
                try db.execute(sql: """
                    UPDATE outbox_stream SET attempts = attempts + 1, last_error = ?2, status = 'parked', parked_at = ?3, parked_reason = ?2
                    WHERE stream = ?1
                    """, arguments: [stream, message, now])
            }
            return try String.fetchOne(db, sql: "SELECT status FROM outbox_stream WHERE stream = ?", arguments: [stream]) == "parked"
        }
    }
}
