import Foundation
import GRDB
import LedgerCore

extension LedgerDatabase {
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
