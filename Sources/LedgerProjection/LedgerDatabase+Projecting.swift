import Foundation
import GRDB
import LedgerCore
import LedgerStore

extension LedgerDatabase {
    /// Catches the projections up with the log (`keap-ledger project`): folds again every stream with events after
    /// the checkpoint. Idempotent: with nothing new, it writes nothing.
    package func project(clock: any LedgerClock = SystemClock(), progress: ((Int64) -> Void)? = nil) throws(LedgerStoreError) -> ProjectionStatistics {
        try projecting(doing: "catching the projections up") { db in try StreamRefolder.catchUp(db, now: clock.now(), reading: .concurrentIfPossible(writer), progress: progress) }
    }

    /// Throws every projection row away and folds the whole log again (`keap-ledger rebuild`), in one transaction:
    /// readers see the old projections until the new ones are complete, and a crash leaves the old ones in place.
    package func rebuild(clock: any LedgerClock = SystemClock(), progress: ((Int64) -> Void)? = nil) throws(LedgerStoreError) -> ProjectionStatistics {
        try projecting(doing: "rebuilding the projections") { db in try StreamRefolder.rebuild(db, now: clock.now(), reading: .concurrentIfPossible(writer), progress: progress) }
    }

    /// Appends through `body` as `appending(clock:_:)` does, and, when `projecting`, folds every stream with new
    /// events (and any the projections were behind on) before the commit: the rows and the checkpoint commit with
    /// the events, and a rolled-back run leaves no projection behind.
    package func appending<Result>(
        clock: any LedgerClock,
        projecting: Bool,
        _ body: (LogAppender) throws -> (result: Result, commit: Bool)
    ) throws -> Result {
        guard projecting else { return try appending(clock: clock, body) }
        return try appending(clock: clock, beforeCommit: { db in _ = try StreamRefolder.catchUp(db, now: clock.now(), reading: .onTheWriter) }, body)
    }

    private func projecting(
        doing activity: String,
        _ body: (Database) throws -> ProjectionStatistics
    ) throws(LedgerStoreError) -> ProjectionStatistics {
        do {
            return try writer.writeWithoutTransaction { db in
                var statistics = ProjectionStatistics()
                try db.inTransaction(.immediate) {
                    statistics = try body(db)
                    return .commit
                }
                return statistics
            }
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.wrapping(error, doing: activity)
        }
    }
}
