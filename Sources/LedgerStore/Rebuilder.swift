import Dispatch
import Foundation
import GRDB
import LedgerCore

/// Folds the whole log into empty projection tables, one stream at a time.
///
/// The log is read through the `event_by_stream` index, so each stream's events arrive together and already in fold
/// order `(occurred_at, seq)`: no cache, no late-event re-folds, memory for a few chunks of streams, and each stream
/// written once, in key order. Measured against folding in seq order with a cache: random reads through the index
/// cost ~1 µs more per event, far less than the evictions and re-reads they replace.
///
/// This thread reads rows and writes states; chunks of whole streams are decoded and folded on other threads.
struct Rebuilder {
    let db: Database

    /// Rows per chunk handed to a worker (a chunk is extended to the end of its last stream).
    private static let chunkRows = 1024
    /// Chunks folding at once.
    private static let depth = 3

    /// One chunk on a worker: its folded states once done.
    private final class Pending: @unchecked Sendable {
        // Safe: `result` is written once by the worker before `done` is signalled, and read only after waiting.
        let done = DispatchSemaphore(value: 0)
        var result: Result<[StreamState], LedgerStoreError> = .success([])
        let events: Int

        init(events: Int) {
            self.events = events
        }
    }

    /// Clears the projections and folds every event; the caller's transaction makes it all-or-nothing.
    func run(progress: ((Int64) -> Void)?) throws -> ProjectionStatistics {
        let writer = ProjectionWriter(db: db)
        try writer.clearAll()
        // Secondary indexes are dropped while the tables fill and created again at the end (from their own SQL in
        // sqlite_master, so the schema stays exactly as migrated): one sort per index instead of a b-tree insert per
        // row. Measured: 3.15 s → 2.67 s for 200k events.
        let tables = ProjectionWriter.tables.map { "'\($0)'" }.joined(separator: ", ")
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables)) ORDER BY name
            """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
        for index in indexes { try db.execute(sql: "DROP INDEX \(index.name)") }
        let head = try Int64.fetchOne(db, sql: "SELECT last_seq FROM log_head WHERE singleton = 1") ?? 0

        var statistics = ProjectionStatistics()
        var inFlight: [Pending] = []
        defer { for pending in inFlight { pending.done.wait() } }
        func writeOldest() throws {
            let oldest = inFlight.removeFirst()
            oldest.done.wait()
            for state in try oldest.result.get() {
                try writer.write(state, replacing: false)
                statistics.streamsWritten += 1
            }
            let before = statistics.events
            statistics.events += oldest.events
            if statistics.events / 100_000 != before / 100_000 { progress?(Int64(statistics.events)) }
        }
        func submit(_ chunk: StoredRowChunk) throws {
            let pending = Pending(events: chunk.count)
            DispatchQueue.global().async {
                pending.result = chunk.foldStreams()
                pending.done.signal()
            }
            inFlight.append(pending)
            if inFlight.count >= Rebuilder.depth { try writeOldest() }
        }

        let rows = try Row.fetchCursor(db, sql: """
            SELECT seq, stream, recorded_at, line FROM event INDEXED BY event_by_stream
            ORDER BY stream, occurred_at, seq
            """)
        var chunk = StoredRowChunk()
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            let stream: String = row[1]
            // Cut only between streams, so each worker folds whole streams.
            if chunk.count >= Rebuilder.chunkRows, chunk.streams.last != stream {
                try submit(chunk)
                chunk = StoredRowChunk()
            }
            let recordedAt: String = row[2]
            try row.withUnsafeData(atIndex: 3) { data in
                (data ?? Data()).withUnsafeBytes { chunk.append(seq: seq, stream: stream, recordedAt: recordedAt, line: $0) }
            }
        }
        if chunk.count > 0 { try submit(chunk) }
        while !inFlight.isEmpty { try writeOldest() }
        for index in indexes { try db.execute(sql: index.sql) }
        try writer.setCheckpoint(head)
        return statistics
    }
}
