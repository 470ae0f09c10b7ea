import GRDB

extension LedgerDatabase {
    /// Runs `body` with a log appender inside one `BEGIN IMMEDIATE` transaction: seq assignment, the hash chain and
    /// the head record are therefore atomic with the rows. Commits when `body` says so, rolls back otherwise (and
    /// when it throws), so a run is never half-written.
    ///
    /// `checkpointAtCommit: false` turns SQLite's automatic checkpoint off for this one commit: its WAL frames stay
    /// for the caller to copy into the database file (`projectCheckpointingConcurrently`, while the projection runs).
    package func appending<Result>(
        clock: any LedgerClock,
        checkpointAtCommit: Bool = true,
        _ body: (LogAppender) throws -> (result: Result, commit: Bool)
    ) throws -> Result {
        do {
            return try writer.writeWithoutTransaction { db in
                var outcome: Result?
                let autoCheckpointPages = checkpointAtCommit ? nil : try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")
                if autoCheckpointPages != nil { try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
                defer { if let autoCheckpointPages { try? db.execute(sql: "PRAGMA wal_autocheckpoint = \(autoCheckpointPages)") } }
                try db.inTransaction(.immediate) {
                    let appender = try LogAppender(db: db, clock: clock)
                    let (result, commit) = try body(appender)
                    outcome = result
                    guard commit else { return .rollback }
                    try appender.finish()
                    return .commit
                }
                return outcome!
            }
        } catch let error as DatabaseError {
            throw LedgerStoreError.wrapping(error, doing: "appending to the log")
        }
    }
}
