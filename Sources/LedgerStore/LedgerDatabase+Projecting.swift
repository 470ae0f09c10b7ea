import Foundation
import GRDB
import LedgerCore

extension LedgerDatabase {
    /// Catches the projections up with the log (`keap-ledger project`). Idempotent: with nothing new, it writes
    /// nothing but the unchanged checkpoint.
    package func project(
        capacity: Int = Projector.defaultCapacity, progress: ((Int64) -> Void)? = nil
    ) throws(LedgerStoreError) -> ProjectionStatistics {
        try projecting(capacity: capacity, doing: "catching the projections up") { db, projector in
            try projector.begin(db)
            try projector.catchUp(db, progress: progress)
        }
    }

    /// Throws every projection row away and folds the whole log again (`keap-ledger rebuild`), in one transaction:
    /// readers see the old projections until the new ones are complete, and a crash leaves the old ones in place.
    package func rebuild(progress: ((Int64) -> Void)? = nil) throws(LedgerStoreError) -> ProjectionStatistics {
        do {
            return try writer.writeWithoutTransaction { db in
                var statistics = ProjectionStatistics()
                try db.inTransaction(.immediate) {
                    statistics = try Rebuilder(db: db).run(progress: progress)
                    return .commit
                }
                return statistics
            }
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "rebuilding the projections")
        }
    }

    private func projecting(
        capacity: Int,
        doing activity: String,
        _ body: (Database, Projector) throws -> Void
    ) throws(LedgerStoreError) -> ProjectionStatistics {
        let projector = Projector(capacity: capacity)
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try body(db, projector)
                    try projector.commit(db)
                    return .commit
                }
            }
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.wrapping(error, doing: activity)
        }
        return projector.statistics
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
