import GRDB

/// Counts for summaries: how many events the log holds and its newest seq.
package struct LogStatistics: Sendable, Equatable {
    package let events: Int64
    package let lastSeq: Int64

    /// Reads the head record (cheap: one row).
    package static func read(_ database: LedgerDatabase) throws(LedgerStoreError) -> LogStatistics {
        do {
            return try database.writer.read { db in
                let lastSeq = try Int64.fetchOne(db, sql: "SELECT last_seq FROM log_head WHERE singleton = 1") ?? 0
                // seq is gap-free from 1, so the count equals the last seq.
                return LogStatistics(events: lastSeq, lastSeq: lastSeq)
            }
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "reading the log head")
        }
    }
}
