import GRDB

extension LedgerDatabase {
    /// Runs `body` with a log appender inside one `BEGIN IMMEDIATE` transaction: seq assignment, the hash chain and
    /// the head record are therefore atomic with the rows. Commits when `body` says so, rolls back otherwise (and
    /// when it throws), so a run is never half-written.
    ///
    /// With a `projector`, the projections are caught up first and every stored event is folded as it is appended;
    /// the rows and the checkpoint commit with the events.
    package func appending<Result>(
        clock: any LedgerClock,
        projector: Projector? = nil,
        _ body: (LogAppender) throws -> (result: Result, commit: Bool)
    ) throws -> Result {
        do {
            return try writer.writeWithoutTransaction { db in
                var outcome: Result?
                var committing = false
                do {
                    try db.inTransaction(.immediate) {
                        try projector?.begin(db)
                        let appender = try LogAppender(db: db, clock: clock, projector: projector)
                        let (result, commit) = try body(appender)
                        outcome = result
                        guard commit else { return .rollback }
                        try appender.finish()
                        try projector?.commit(db)
                        committing = true
                        return .commit
                    }
                } catch {
                    projector?.discard()
                    throw error
                }
                if !committing { projector?.discard() }
                return outcome!
            }
        } catch let error as DatabaseError {
            throw LedgerStoreError.wrapping(error, doing: "appending to the log")
        }
    }
}
