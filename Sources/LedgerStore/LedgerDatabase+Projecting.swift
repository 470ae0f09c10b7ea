import Foundation
import GRDB
import LedgerCore

extension LedgerDatabase {
    /// Catches the projections up with the log (`keap-ledger project`): folds again every stream with events after
    /// the checkpoint. Idempotent: with nothing new, it writes nothing.
    package func project(clock: any LedgerClock = SystemClock(), progress: ((Int64) -> Void)? = nil) throws(LedgerStoreError) -> ProjectionStatistics {
        try projecting(doing: "catching the projections up") { db in try StreamRefolder.catchUp(db, now: clock.now(), progress: progress) }
    }

    /// Throws every projection row away and folds the whole log again (`keap-ledger rebuild`), in one transaction:
    /// readers see the old projections until the new ones are complete, and a crash leaves the old ones in place.
    package func rebuild(clock: any LedgerClock = SystemClock(), progress: ((Int64) -> Void)? = nil) throws(LedgerStoreError) -> ProjectionStatistics {
        try projecting(doing: "rebuilding the projections") { db in try StreamRefolder.rebuild(db, now: clock.now(), progress: progress) }
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

    /// The projection checkpoint and the log head: how far behind the projections are.
    package func projectionLag() throws(LedgerStoreError) -> (checkpoint: Int64, head: Int64) {
        do {
            return try writer.read { db in
                (try ProjectionWriter.checkpoint(db), try Int64.fetchOne(db, sql: "SELECT last_seq FROM log_head WHERE singleton = 1") ?? 0)
            }
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "reading the projection checkpoint")
        }
    }

    /// The events of one stream under `selection`, in fold order (point-in-time queries, history).
    package func streamEvents(_ stream: String, _ selection: StreamSelection = .everything) throws(LedgerStoreError) -> [LedgerEvent] {
        do {
            return try writer.read { db in try StreamReader(db: db).events(stream: stream, selection) }
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "reading stream \(stream)")
        }
    }
}
