import GRDB

extension LedgerDatabase {
    /// Runs `body` with a log appender inside one `BEGIN IMMEDIATE` transaction: seq assignment, the hash chain and
    /// the head record are therefore atomic with the rows. Commits when `body` says so, rolls back otherwise (and
    /// when it throws), so a run is never half-written.
    ///
    /// `beforeCommit` runs in the same transaction after the appender has finished, only when it commits: the
    /// projection (`LedgerProjection`) folds the new events there, so its rows commit with them.
    package func appending<Result>(
        clock: any LedgerClock,
        beforeCommit: ((Database) throws -> Void)? = nil,
        _ body: (LogAppender) throws -> (result: Result, commit: Bool)
    ) throws -> Result {
        do {
            return try writer.writeWithoutTransaction { db in
                var outcome: Result?
                try db.inTransaction(.immediate) {
                    let appender = try LogAppender(db: db, clock: clock)
                    let (result, commit) = try body(appender)
                    outcome = result
                    guard commit else { return .rollback }
                    try appender.finish()
                    try beforeCommit?(db)
                    return .commit
                }
                return outcome!
            }
        } catch let error as DatabaseError {
            throw LedgerStoreError.wrapping(error, doing: "appending to the log")
        }
    }
}
